"""The analyst's corrections in the briefing: a note of what was changed, and the rows it touched.

The report runner applies a corrections file before it writes ``analysis.json``
(:mod:`analysis.report.corrections`) and records what it did there; the briefing
only reads that record. Every line is escaped: names in it come from the article
and from the analyst's file.
"""

from __future__ import annotations

from html import escape

from IPython.display import HTML

from analysis.briefing.summary import NO_MATH
from analysis.tables import Analysis

#: Added to a row the analyst's corrections changed.
MARK = " (corrected)"


def _record(analysis: Analysis) -> dict:
    record = getattr(analysis, "corrections", None)
    return record if isinstance(record, dict) else {}


def corrected_quotes(analysis: Analysis) -> set[str]:
    """Ids of the quotes whose speaker the corrections changed."""
    return {str(q) for q in _record(analysis).get("changed_quotes", [])}


def corrected_sources(analysis: Analysis) -> set[str]:
    """Names of the sources the corrections changed, or that gained a corrected quote."""
    return {str(s) for s in _record(analysis).get("changed_sources", [])}


def corrections_html(analysis: Analysis) -> HTML:
    """A note listing the corrections applied, or nothing when there were none.

    Args:
        analysis: The article's analysis.

    Returns:
        The note as HTML (empty without corrections).
    """
    applied = [str(line) for line in _record(analysis).get("applied", [])]
    if not applied:
        return HTML("")
    items = "".join(f"<li>{escape(line)}</li>" for line in applied)
    return HTML(
        f"<div {NO_MATH}><strong>Corrected by the analyst.</strong> "
        "Sources, share of voice, the perspective check and the charts are computed from the "
        f"corrected quotes; corrected rows are marked{escape(MARK)}.<ul>{items}</ul></div>"
    )
