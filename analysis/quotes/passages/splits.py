"""Split quotes: which quoted passages of one speaker form one quote.

When one speaker's words are split by the cue (“...,” Zhou said. “...”) or run on
into the next paragraph, the parts are joined into one quote spanning them all,
as news annotation joins them. The narration between two parts must be only the
first part's cue, and it must end its clause: a passage that opens right after a
word of the narration is a title or a phrase the narration quotes, not the speaker
going on.
"""

from __future__ import annotations

from spacy.tokens import Doc

from analysis.nlp import doc_text
from analysis.quotes.cues.clauses import Cue
from analysis.quotes.passages.framing import under
from analysis.quotes.passages.marks import capitalised

#: What ends the narration between two parts of one quote: the cue clause's closing
#: punctuation or a paragraph break.
_PART_BREAKS = (",", ".", ":", ";", "—", "–")
_CLOSING = "\"'”’)]"


def _narration_ends(doc: Doc, gap: str, start: int, cue: Cue) -> bool:
    """Whether the narration before a passage ends its clause (" Zhou said. ").

    A title the narration quotes may close it (" he said on “Meet the Press.” "), and
    a cue with its closing comma left out ("” she said “...") still ends it.
    """
    before = gap.rstrip()
    if "\n" in gap[len(before) :]:
        return True  # a new paragraph
    if before.rstrip(_CLOSING).rstrip().endswith(_PART_BREAKS):
        return True
    begin = start - len(gap)
    words = doc.char_span(begin, begin + len(before), alignment_mode="contract")
    if words is None or not len(words):
        return False
    word = words[-1]
    speaker = cue.speaker
    return word.i == cue.cue.i or (
        speaker is not None and speaker.left_edge.i <= word.i <= speaker.i
    )


def _bridges(doc: Doc, start: int, end: int, cue: Cue) -> bool:
    """Whether the text between two passages is only the first one's cue (" Zhou said. ")."""
    gap = doc.char_span(start, end, alignment_mode="contract")
    if gap is None:
        return not doc_text(doc)[start:end].strip(" \n,.;:")
    return all(t.is_punct or t.is_space or under(t, cue.cue) for t in gap)


def _goes_on(text: str, prev: tuple, start: int) -> bool:
    """Whether the quote a later passage may continue is open to it.

    A quotation is; so is a report that ends on its quoted words ("The plans are
    “irresponsible,” said Bell, a former aide. “It leaves me speechless.”"), within
    its paragraph: the next paragraph's quotation is a new one.
    """
    passage, _cue, kind, (_, end) = prev
    if kind == "direct":
        return True
    return kind == "mixed" and end == passage.end and "\n" not in text[end:start]


def merge_passages(doc: Doc, linked: list) -> list:
    """Join passages of one speaker split by their cue or running on into the next paragraph.

    A passage that opens right after a word of the narration ("said on NBC's “Meet
    the Press.”", "urging them to “give him time”") is a title or a phrase the
    narration quotes, not the speaker going on: a title is left out, a phrase is an
    item of its own, and the quote may still go on after either.
    """
    text = doc_text(doc)
    merged: list = []
    host = -1  # the item a later part of the same quote joins
    for item in linked:
        passage, cue, kind, span = item
        if merged and kind == "direct":
            prev = merged[host]
            same = cue is None or (prev[1] is not None and cue.cue.i == prev[1].cue.i)
            if (
                same
                and _goes_on(text, prev, span[0])
                and prev[1] is not None
                and _bridges(doc, prev[3][1], span[0], prev[1])
            ):
                if not _narration_ends(doc, text[prev[3][1] : span[0]], span[0], prev[1]):
                    if not capitalised(text, passage):
                        merged.append(item)  # words the narration quotes ("urging X to “...”")
                    continue  # a title the narration names is no one's words
                merged[host] = (prev[0], prev[1], prev[2], (prev[3][0], span[1]))
                continue
        merged.append(item)
        host = len(merged) - 1
    return merged
