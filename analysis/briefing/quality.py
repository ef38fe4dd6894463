"""The briefing's "Text quality" note: the language, damaged sentences and page furniture.

The pipeline writes what it found about the text itself into ``analysis.json``
(``text_quality``); this module only shows it, so the kernel needs no parser.
The note is shown whether or not the briefing shows the article text: a damaged
sentence changes how far its quotes can be trusted. Every piece of article text
is escaped before it meets markup.
"""

from __future__ import annotations

from html import escape

from IPython.display import HTML

from analysis.briefing.summary import NO_MATH, language_note
from analysis.tables import Analysis

_BOX = "border:1px solid #e0c070;border-radius:6px;padding:8px 14px;margin:6px 0;max-width:52em"
_ITEM = "margin-bottom:4px"
_QUIET = "color:#777"


def _list(items: list[str]) -> str:
    return "<ul>" + "".join(f'<li style="{_ITEM}">{item}</li>' for item in items) + "</ul>"


def garbled_items(analysis: Analysis) -> list[dict]:
    """The damaged sentences recorded in the analysis, in text order."""
    quality = analysis.quality or {}
    found = [item for item in quality.get("garbled") or [] if isinstance(item, dict)]
    return sorted(found, key=lambda item: (int(item.get("start") or 0), str(item.get("text"))))


def _garbled_html(items: list[dict]) -> str:
    lines = []
    for item in items:
        shown = str(item.get("excerpt") or item.get("text") or "")
        reasons = "; ".join(str(reason) for reason in item.get("reasons") or [])
        number = item.get("sentence_id")
        where = f"Sentence {int(number)}: " if isinstance(number, int) else ""
        lines.append(
            f"{escape(where)}“{escape(shown)}” "
            f'<span style="{_QUIET};font-size:0.9em">({escape(reasons)})</span>'
        )
    count = len(items)
    lead = (
        f"{count} sentence{'s' if count != 1 else ''} read as damaged (cut off, run together "
        "or without a verb), perhaps by the page's extraction or editing. Quotes and sources "
        "in them may be wrong:"
    )
    return f"<p>{escape(lead)}</p>{_list(lines)}"


def text_quality_html(analysis: Analysis) -> HTML:
    """The "Text quality" note.

    Args:
        analysis: The article's analysis, with its ``text_quality`` record when the
            pipeline wrote one.

    Returns:
        Escaped HTML: the language note, the damaged sentences and the furniture
        lines taken out, or a line saying none was found.
    """
    if analysis.quality is None:
        return HTML(
            f'<p style="{_QUIET}"><em>The text was not checked: this analysis was made '
            "before newsbrief checked text quality.</em></p>"
        )
    parts = []
    note = language_note(analysis)
    if note:
        parts.append(f"<p><strong>Language:</strong> {escape(note)}</p>")
    garbled = garbled_items(analysis)
    if garbled:
        parts.append(_garbled_html(garbled))
    furniture = [str(line) for line in analysis.quality.get("furniture") or []]
    if furniture:
        lead = (
            f"{len(furniture)} line{'s' if len(furniture) != 1 else ''} of page furniture "
            "(sign-up boxes, newsletter and sharing lines) were taken out before analysis:"
        )
        parts.append(f"<p>{escape(lead)}</p>" + _list([escape(line) for line in furniture]))
    if not parts:
        return HTML(
            f'<p {NO_MATH} style="{_QUIET}"><em>No damaged sentences and no page furniture '
            "were found in the text.</em></p>"
        )
    return HTML(f'<div {NO_MATH} style="{_BOX};background:#fffaf0">{"".join(parts)}</div>')
