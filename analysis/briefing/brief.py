"""What the briefing notebook calls: parameters, loading, and display-ready tables.

The briefing and explore notebooks stay thin: each code cell makes one call into
``analysis`` and shows what comes back. This module checks the notebook's
parameters, loads the article (or the analysis the report runner already wrote,
so the kernel need not load spaCy) and shapes the sources and quotes tables for
reading. Narrative pieces live in :mod:`analysis.briefing.summary`, the highlighted text
in :mod:`analysis.briefing.highlight`, the perspective check in :mod:`analysis.briefing.perspective`
and dates in :mod:`analysis.briefing.dates`.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from datetime import date
from pathlib import Path

import pandas as pd

from analysis import parameters
from analysis.tables import Analysis

#: The package's parent folder: relative paths also resolve against it, so a
#: notebook run from ``notebooks/`` or a temporary folder still finds the sample.
REPO_ROOT = Path(__file__).resolve().parent.parent.parent

#: The notebook whose ``parameters`` cell :func:`validate_parameters` checks against.
BRIEFING = "briefing"


def resolve_path(path: str | Path) -> Path:
    """Find a file named relative to the current folder or to the repository root.

    Args:
        path: An absolute path, or one relative to the working folder or the repo root.

    Returns:
        The first candidate that exists, else the path as given relative to the cwd.
    """
    candidate = Path(path).expanduser()
    if candidate.is_absolute():
        return candidate
    for base in (Path.cwd(), REPO_ROOT):
        if (base / candidate).exists():
            return (base / candidate).resolve()
    return Path.cwd() / candidate


def parse_published(value: str | date | None) -> str | None:
    """Normalise a published date to ``YYYY-MM-DD``.

    Args:
        value: An ISO date or date-time, a ``date``, or empty.

    Returns:
        The ISO date, or None for empty input.

    Raises:
        ValueError: If the value is not an ISO date.
    """
    try:
        return parameters.iso_date(value)
    except ValueError as error:
        raise ValueError(f"published: {error}") from None


def _existing_file(name: str, value: str) -> str:
    path = resolve_path(value.strip())
    if not path.is_file():
        raise ValueError(f"{name}: no such file: {value}")
    return str(path)


def validate_parameters(namespace: Mapping[str, object] | None = None, /, **params) -> dict:
    """Check the briefing notebook's parameters and fail fast with a clear message.

    Types, defaults and ranges come from the notebook's ``parameters`` cell through
    :func:`analysis.parameters.validate`, the check the report runner also applies;
    this adds what only the kernel can check, the files.

    Args:
        namespace: The kernel's ``globals()``; only the parameters' names are read.
        **params: Parameters given by name (they win over ``namespace``); missing
            ones take their defaults.

    Returns:
        The parameters, normalised: paths resolved, ``published`` as ISO date or None,
        ``analysis_json`` as a path or None.

    Raises:
        ValueError: On an unknown name, a wrong type or value, or a missing file.
    """
    names = parameters.notebook_parameters(BRIEFING)
    given = {name: value for name, value in (namespace or {}).items() if name in names}
    p = parameters.validate({**given, **params}, BRIEFING)
    p["published"] = parse_published(p["published"])
    if p["analysis_json"].strip():
        p["analysis_json"] = _existing_file("analysis_json", p["analysis_json"])
    else:
        p["analysis_json"] = None
        if not p["article"].strip():
            raise ValueError("article must name an article file (or give analysis_json)")
        p["article"] = _existing_file("article", p["article"])
    return p


def load_for_briefing(
    article: str,
    analysis_json: str | None = None,
    title: str = "",
    outlet: str = "",
    published: str | None = "",
) -> Analysis:
    """Load the analysis a briefing shows, with the analyst's overrides applied.

    Args:
        article: The article file; analysed here when ``analysis_json`` is not given.
        analysis_json: An ``analysis.json`` already written by the report runner.
        title: Replaces the article's headline when not empty.
        outlet: Replaces the outlet when not empty.
        published: Replaces the published date (ISO) when not empty.

    Returns:
        The Analysis.
    """
    if analysis_json:
        result = Analysis.read_json(resolve_path(analysis_json))
    else:
        # Imported here so that a kernel reading analysis.json never loads spaCy.
        from analysis.ingest.files import load_article
        from analysis.pipeline import analyze

        result = analyze(load_article(resolve_path(article)))
    overrides = {
        "title": (title or "").strip() or None,
        "outlet": (outlet or "").strip() or None,
        "published": parse_published(published),
    }
    overrides = {k: v for k, v in overrides.items() if v}
    if overrides:
        result = dataclasses.replace(
            result, article=dataclasses.replace(result.article, **overrides)
        )
    return result


def quotes_by(analysis: Analysis, speaker: str) -> pd.DataFrame:
    """The quotes of one speaker, for the explore notebook.

    Args:
        analysis: The article's analysis.
        speaker: A name or part of one ("Zhou", "Zhou Chenming"), matched without case
            against the canonical speaker and the mention the quote hangs on.

    Returns:
        The matching rows of :func:`analysis.briefing.views.quotes_table`.
    """
    from analysis.briefing.views import quotes_table

    return quotes_table(analysis, speaker=speaker)


def _figure_png(figure) -> bytes:
    import io

    buffer = io.BytesIO()
    # No software tag or timestamp in the file, so the same figure gives the same bytes.
    figure.savefig(buffer, format="png", dpi=100, metadata={"Software": None})
    return buffer.getvalue()


def setup_notebook() -> None:
    """Prepare a notebook kernel: full-width tables and figures shown as PNG.

    Long quotes would otherwise be cut at 50 characters, and a matplotlib Figure
    built without pyplot would show only as its text repr.
    """
    pd.set_option("display.max_colwidth", None)
    pd.set_option("display.max_rows", 500)
    # Marks tables so MathJax leaves a "$" in a quote alone.
    pd.set_option("display.html.use_mathjax", False)
    try:
        from IPython import get_ipython
        from matplotlib.figure import Figure
    except ImportError:  # pragma: no cover - IPython ships with the notebook stack
        return
    shell = get_ipython()
    if shell is not None:
        shell.display_formatter.formatters["image/png"].for_type(Figure, _figure_png)
