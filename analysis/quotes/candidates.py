"""Candidate attributions and the passes that thin out their list.

:func:`analysis.quotes.extractor.extract_quotes` turns every quoted passage, reported
clause and stance it finds into a :class:`Candidate` and refines it pass by pass. The
passes here work on the whole list at once: they drop a clause found twice or one
nested in a longer report, and carry a cue on to the cue-less passage after it.
"""

from __future__ import annotations

import itertools
import re
from bisect import bisect_left
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from analysis.quotes.cues.clauses import Cue
from analysis.quotes.spans import SpanIndex
from analysis.quotes.speakers.resolver import Speaker

#: Share of an attribution's length that another must cover to repeat it.
REPEAT_SHARE = 0.5


@dataclass
class Candidate:
    """A candidate attribution: what the passes of quote extraction carry and refine.

    Attributes:
        kind: ``direct``, ``indirect`` or ``mixed``.
        start: Offset of the content.
        end: Offset just past the content.
        cue: The cue that claims the content, or None for a passage no cue claims.
        mention: The token the speaker mention hangs on, once found.
        speaker: The resolved speaker, once resolved.
        act: What act it reports (see :mod:`analysis.quotes.acts`), once settled.
    """

    kind: str
    start: int
    end: int
    cue: Cue | None = None
    mention: Token | None = None
    speaker: Speaker | None = None
    act: str | None = None

    @property
    def span(self) -> tuple[int, int]:
        """The content's ``(start, end)`` offsets."""
        return self.start, self.end


def drop_nested(
    doc: Doc, candidates: list[Candidate], quotations: frozenset[tuple[int, int]] = frozenset()
) -> list[Candidate]:
    """Drop an attribution that sits, cue and all, inside a longer one.

    "He insisted that he never said he wanted to ban them" reports one claim;
    the inner "wanted to ban them" is part of its content, not a second voice.
    """
    # Another candidate holds this one and its cue and is longer exactly when it starts
    # at or before both and ends at or after both, and its span is not the same one:
    # it starts earlier, or it ends later.
    spans = SpanIndex(c.span for c in candidates)
    reported = SpanIndex(c.span for c in candidates if c.span not in quotations)
    keep = []
    for item in candidates:
        index = reported if item.cue is not None and item.kind == "indirect" else spans
        cue_at = doc[item.cue.cue.i].idx if item.cue is not None else item.start
        first, last = min(item.start, cue_at), max(item.end, cue_at + 1)
        nested = index.reaches(min(first, item.start - 1), last) or index.reaches(
            first, max(last, item.end + 1)
        )
        if not nested:
            keep.append(item)
    return keep


def drop_inverted(doc: Doc, candidates: list[Candidate]) -> list[Candidate]:
    """Drop an attribution whose content is the clause that reports its own cue.

    In "Bush said history has shown the need" the parser may hang "Bush said" on
    "shown", which then seems to report it: the content lies before its cue, holds
    another attribution's cue, and that attribution's content holds this cue.
    """
    # Cue offsets in order, so that the cues inside a content are a bisection away.
    cued = sorted(
        ((doc[item.cue.cue.i].idx, n) for n, item in enumerate(candidates) if item.cue is not None)
    )
    offsets = [at for at, _ in cued]
    keep = []
    for n, item in enumerate(candidates):
        at = doc[item.cue.cue.i].idx if item.cue is not None else None
        inverted = False
        if at is not None and item.end <= at:
            inside = cued[bisect_left(offsets, item.start) : bisect_left(offsets, item.end)]
            inverted = any(
                m != n and candidates[m].start <= at < candidates[m].end for _, m in inside
            )
        if not inverted:
            keep.append(item)
    return keep


def one_per_clause(candidates: list[Candidate]) -> list[Candidate]:
    """Keep one attribution where a cue yields the same clause twice.

    Two quoted fragments of one reported clause ("called it “a loser” and “a
    liar”") each bring back that clause, sometimes with edges a mark apart; the
    longest version stands for all. A shorter content that the same cue's longer
    one holds ("warned against “fevered dreams”" inside "the “fevered dreams” of a
    brokered convention") is part of it, not a second claim.
    """
    keep: list[Candidate] = []
    by_cue: dict[int, list[Candidate]] = {}  # the kept candidates, by cue token
    for item in sorted(candidates, key=lambda item: item.start - item.end):
        twin = item.cue is not None and any(
            min(other.end, item.end) - max(other.start, item.start)
            > REPEAT_SHARE * (other.end - other.start)
            or (other.start <= item.start and item.end <= other.end)
            for other in by_cue.get(item.cue.cue.i, ())
        )
        if not twin:
            keep.append(item)
            if item.cue is not None:
                by_cue.setdefault(item.cue.cue.i, []).append(item)
    return sorted(keep, key=lambda item: item.span)


#: Kinds whose parts under one cue are one report; parts of a quotation are joined
#: by :func:`analysis.quotes.passages.splits.merge_passages`.
_REPORT_KINDS = frozenset({"indirect", "mixed"})
#: Characters past a sentence's end that still belong to it: the closing mark that
#: sentence splitting can leave to the next sentence.
SENTENCE_SLACK = 2
#: A part that opens with its own "that" ("... and that ...") is a second clause the
#: cue reports, not the rest of the first.
_OWN_THAT = re.compile(r"\bthat\W*$", re.IGNORECASE)


def join_cue_parts(text: str, candidates: list[Candidate]) -> list[Candidate]:
    """One cue, one content: join the parts of a report that its cue splits.

    "Authorities blame a car bomb that hit a checkpoint ... on Kurdish militants" and
    "A, Mayer said, and B" each report one claim, which the parse hands back in
    two pieces. The pieces become one span from the first to the last, so long as
    they stay in the cue's sentence, no other attribution opens between them, none of
    them is a quotation of its own, and none opens a "that" clause of its own
    ("said that X, and that Y" reports two claims).
    """
    groups: dict[tuple[int, int], list[Candidate]] = {}
    for item in candidates:
        if item.cue is not None:
            groups.setdefault((item.cue.cue.i, item.cue.cue_end), []).append(item)
    starts = sorted(item.start for item in candidates)
    dropped: set[int] = set()
    for parts in groups.values():
        if len(parts) < 2 or any(part.kind not in _REPORT_KINDS for part in parts):
            continue
        start, end = min(p.start for p in parts), max(p.end for p in parts)
        inside = bisect_left(starts, end) - bisect_left(starts, start)
        if inside > len(parts) or "\n" in text[start:end]:
            continue  # another attribution in between, or a paragraph apart
        ordered = sorted(parts, key=lambda part: part.start)
        if any(_OWN_THAT.search(text[a.end : b.start]) for a, b in itertools.pairwise(ordered)):
            continue
        sent = ordered[0].cue.cue.sent
        if start < sent.start_char or end > sent.end_char + SENTENCE_SLACK:
            continue  # a part outside the cue's sentence is no part of its report
        first = ordered[0]
        first.start, first.end = start, end
        first.kind = "mixed" if any(p.kind == "mixed" for p in parts) else "indirect"
        dropped.update(id(part) for part in parts if part is not first)
    return [item for item in candidates if id(item) not in dropped]


def inherit_in_paragraph(text: str, candidates: list[Candidate]) -> list[Candidate]:
    """Give a cue-less passage the cue of the attribution before it in the same paragraph.

    A fragment with no cue of its own ("Trump had “the opportunity ...”") goes on
    reporting the voice the paragraph has just cited. A whole quotation that follows a
    reported clause ("Ruiz said the tunnel would open in June. “We have ...”") carries
    that report on, so the two become one mixed report.
    """
    out: list[Candidate] = []
    for item in candidates:
        prev = out[-1] if out else None
        if item.cue is None and prev is not None and prev.cue is not None:
            if (
                prev.cue.speaker is not None
                and prev.end <= item.start
                and "\n" not in text[prev.end : item.start]
            ):
                item.cue = prev.cue
                if item.kind == "direct" and prev.kind != "direct":
                    # Quoted words that go on from a reported clause continue that
                    # report; they are not a quotation of their own.
                    prev.kind, prev.end = "mixed", item.end
                    continue
        out.append(item)
    return out
