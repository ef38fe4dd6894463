"""The article text with its quotes highlighted and coloured by speaker.

Article text is hostile data: it may hold script tags, event handlers,
``javascript:`` links or template syntax. The text is cut at the offsets of
quotes, speaker mentions and cues, and every piece goes through
:func:`html.escape` before it is wrapped in a ``<mark>`` or ``<span>`` whose
attributes newsbrief writes itself. Styles are inline and there is no script.
"""

from __future__ import annotations

from html import escape

import pandas as pd
from IPython.display import HTML

from analysis.briefing.summary import NO_MATH
from analysis.tables import Analysis

#: Background colours for speakers, in order of their first quote; light enough
#: that black text stays readable.
PALETTE = (
    "#ffe08a", "#a8e6cf", "#ffb3ba", "#bae1ff", "#e0bbff", "#ffd1a1",
    "#c7f0a0", "#f6c6ea", "#b5ead7", "#d7d7a8", "#a0d8ef", "#f3b0c3",
)  # fmt: skip
UNATTRIBUTED = "#dddddd"
_FRAME = (
    "white-space:pre-wrap;line-height:1.6;max-width:52em;border:1px solid #ddd;"
    "padding:10px 14px;border-radius:6px;font-family:Georgia,serif"
)


def _int(value: object) -> int | None:
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return None
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def speaker_colours(analysis: Analysis) -> dict[str, str]:
    """Give each speaker a colour, in order of their first quote.

    Args:
        analysis: The article's analysis.

    Returns:
        Speaker name to CSS colour; quotes without a speaker use :data:`UNATTRIBUTED`.
    """
    colours: dict[str, str] = {}
    quotes = analysis.quotes
    if quotes.empty:
        return colours
    order = quotes.assign(_s=pd.to_numeric(quotes["start"], errors="coerce")).sort_values(
        "_s", kind="stable"
    )
    for name in order["speaker"]:
        if name is None or pd.isna(name) or name in colours:
            continue
        colours[str(name)] = PALETTE[len(colours) % len(PALETTE)]
    return colours


def _spans(analysis: Analysis, length: int) -> list[tuple[int, int, str, dict]]:
    spans = []
    for row in analysis.quotes.itertuples(index=False):
        speaker = None if row.speaker is None or pd.isna(row.speaker) else str(row.speaker)
        info = {"speaker": speaker, "kind": row.kind, "id": row.quote_id}
        for kind, start, end in (
            ("quote", row.start, row.end),
            ("speaker", row.speaker_start, row.speaker_end),
            ("cue", row.cue_start, row.cue_end),
        ):
            s, e = _int(start), _int(end)
            if s is not None and e is not None and 0 <= s < e <= length:
                spans.append((s, e, kind, info))
    return spans


def _covering(spans: list, kind: str, start: int, end: int):
    return next((info for s, e, k, info in spans if k == kind and s <= start and end <= e), None)


def highlighted_html(analysis: Analysis, show_text: bool = True) -> HTML:
    """The article with quotes marked in their speaker's colour, speakers underlined, cues bold.

    Args:
        analysis: The article's analysis.
        show_text: False leaves the text out (e.g. when a report is shared beyond the
            people licensed to read the article) and says so.

    Returns:
        Escaped HTML: a legend, then the text.
    """
    if not show_text:
        return HTML("<p><em>The article text is left out of this briefing.</em></p>")
    text = analysis.article.text
    colours = speaker_colours(analysis)
    spans = _spans(analysis, len(text))
    cuts = sorted({0, len(text), *(s for s, _, _, _ in spans), *(e for _, e, _, _ in spans)})
    pieces = []
    for start, end in zip(cuts, cuts[1:], strict=False):
        piece = escape(text[start:end])
        quote = _covering(spans, "quote", start, end)
        if _covering(spans, "cue", start, end) is not None:
            piece = f'<span style="font-weight:bold">{piece}</span>'
        if _covering(spans, "speaker", start, end) is not None:
            piece = f'<span style="text-decoration:underline;font-weight:bold">{piece}</span>'
        if quote is not None:
            speaker = quote["speaker"]
            colour = colours.get(speaker, UNATTRIBUTED) if speaker else UNATTRIBUTED
            label = f"{quote['id']}: {speaker or 'unattributed'} ({quote['kind']})"
            piece = (
                f'<mark style="background:{colour};padding:0 1px" '
                f'title="{escape(label, quote=True)}">{piece}</mark>'
            )
        pieces.append(piece)
    return HTML(legend_html(analysis) + f'<div {NO_MATH} style="{_FRAME}">{"".join(pieces)}</div>')


def legend_html(analysis: Analysis) -> str:
    """The colour key: one swatch per speaker with their number of quotes.

    Args:
        analysis: The article's analysis.

    Returns:
        An escaped HTML fragment.
    """
    quotes = analysis.quotes
    if quotes.empty:
        return "<p><em>No quotes were found in this article.</em></p>"
    counts = quotes["speaker"].map(lambda s: None if s is None or pd.isna(s) else str(s))
    items = []
    for name, colour in speaker_colours(analysis).items():
        n = int((counts == name).sum())
        items.append((colour, f"{name} ({n})"))
    unattributed = int(counts.isna().sum())
    if unattributed:
        items.append((UNATTRIBUTED, f"unattributed ({unattributed})"))
    swatches = "".join(
        f'<span style="background:{colour};padding:1px 6px;margin:0 6px 4px 0;'
        f'display:inline-block;border-radius:3px">{escape(label)}</span>'
        for colour, label in items
    )
    key = (
        '<span style="margin-right:8px;color:#555">Quotes by speaker; '
        "<u><b>speaker</b></u>, <b>cue</b>:</span>"
    )
    return f'<div {NO_MATH} style="max-width:52em;margin-bottom:6px">{key}{swatches}</div>'
