"""The narration inside a split quote: what it reports is no part of the quote.

A direct quote split by its cue runs from its first quoted part to its last
("“The tunnel will open in June,” Ruiz said, recalling the 2019 vote. “We are
ready.”"), so its span holds the narration between the parts. A clause or an
object that the narration reports ("the 2019 vote") is an attribution of its own.
"""

from __future__ import annotations

from analysis.quotes.cues.clauses import Cue
from analysis.quotes.spans import SpanIndex


def in_gap(span: tuple[int, int], directs: SpanIndex, quoted: SpanIndex) -> bool:
    """Whether reported content lies in the narration inside one direct quote's span.

    A quote split by its cue runs from its first part to its last ("“...,” Ruiz
    said, recalling the 2019 vote. “...”"); what the narration between the parts
    reports ("the 2019 vote") is an attribution of its own, not part of the quote.

    Args:
        span: The content's offsets.
        directs: The spans of the direct quotes.
        quoted: The quoted passages.
    """
    start, end = span
    if not directs.reaches(start, end):
        return False
    return not (quoted.covers(start) or quoted.covers(end - 1) or quoted.holds(start, end))


def narrated(cue: Cue, span: tuple[int, int], gaps: tuple[SpanIndex, SpanIndex]) -> bool:
    """Whether an object cue is a participle in the narration inside a split quote.

    "“...,” Ruiz said, citing the new budget. “...”": the participle is a second act
    of the speaker, and its object is no part of the quote. A finite verb there more
    often describes the speaker ("who runs the depot").

    Args:
        cue: The object cue.
        span: Its content's offsets.
        gaps: The direct quotes' spans and the quoted passages (see :func:`in_gap`).
    """
    return cue.cue.tag_ == "VBG" and in_gap(span, *gaps)
