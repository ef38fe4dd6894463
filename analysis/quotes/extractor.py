"""Quotes and reported speech: what was said, by whom, with which cue.

Three kinds of attribution come out, in text order:

* ``direct``: a passage in quotation marks, attributed to a speaker;
* ``indirect``: a reported clause ("Beijing denied that the missiles ...");
* ``mixed``: a reported clause that quotes part of its words ("the ministry
  has said the drills would focus on “maintaining ...”").

A direct quote runs from its opening to its closing mark. When one speaker's
words are split by the cue (“...,” Zhou said. “...”) or continue in the next
paragraph, the parts form one quote spanning them all. A reported clause
includes its complementiser ("that ...") and drops trailing punctuation.
Quoted passages that no cue claims and that are too short to be speech (scare
quotes, titles, names such as “North/Interaction-2023”) are not quotes. A quoted
phrase inside the writer's own clause ("accused him of “reckless neglect”") is
mixed, not direct (see :mod:`analysis.quotes.shape`); speakers the parse leaves
unattached are found by :mod:`analysis.quotes.speaker_search`. A headline in Title Case
has its cues found in a lower-cased parse (:mod:`analysis.quotes.headlines`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, fields

from spacy.tokens import Doc, Token

from analysis.entities.canonical import EntityIndex
from analysis.nlp import doc_text
from analysis.quotes.content_edges import trim_aside
from analysis.quotes.cues import Cue, find_cues
from analysis.quotes.framing import (
    char_span,
    cue_span,
    inside,
    link_passages,
    merge_passages,
    opens_clause,
)
from analysis.quotes.headlines import in_lines, recased_cues, title_lines
from analysis.quotes.labels import find_label_cues
from analysis.quotes.marks import find_passages, is_show, is_title
from analysis.quotes.object_cues import find_object_cues
from analysis.quotes.speaker_search import fragment_holder, holder_of, orphan_subject, past_dateline
from analysis.quotes.speakers import Resolver, Speaker
from analysis.sentiment.tone import tone

#: An unattributed passage shorter than this many words is a scare quote or a name.
MIN_SPEECH_WORDS = 6
#: Text allowed between two passages of the same speaker ("Zhou said.").
#: An unattributed passage this close (in characters) after a speaker's quote is theirs too.
INHERIT_REACH = 400
#: Opening marks of the typewriter convention ('' ... '' and `` ... ''). PolNeAR counts
#: only double quotation marks as direct speech, so such passages are found and
#: attributed like any other but reported with :data:`APOSTROPHE_KIND`.
APOSTROPHE_MARKS = frozenset("'`")
APOSTROPHE_KIND = "indirect"
_WORD = re.compile(r"\w+(?:[-'’]\w+)*")


@dataclass
class Quote:
    """One attribution, as a row of the ``quotes`` table of schema ``newsbrief/1``."""

    quote_id: str
    kind: str
    text: str
    start: int
    end: int
    speaker: str | None
    speaker_text: str | None
    speaker_start: int | None
    speaker_end: int | None
    cue: str | None
    cue_start: int | None
    cue_end: int | None
    source_id: str | None = None
    polarity: float = 0.0
    subjectivity: float = 0.0

    def to_dict(self) -> dict:
        """Return the row with the schema's keys in schema order."""
        return {f.name: getattr(self, f.name) for f in fields(self)}


@dataclass
class _Draft:
    kind: str
    start: int
    end: int
    speaker: Speaker | None
    cue: tuple[int, int] | None


def _drop_nested(doc: Doc, items: list) -> list:
    """Drop an attribution that sits, cue and all, inside a longer one.

    "He insisted that he never said he wanted to ban them" reports one claim;
    the inner "wanted to ban them" is part of its content, not a second voice.
    """
    keep = []
    for kind, span, cue in items:
        cue_at = doc[cue.cue.i].idx if cue is not None else span[0]
        nested = any(
            s <= span[0] and span[1] <= e and e - s > span[1] - span[0] and s <= cue_at < e
            for _k, (s, e), _c in items
        )
        if not nested:
            keep.append((kind, span, cue))
    return keep


def _one_per_clause(items: list) -> list:
    """Keep one attribution where a cue yields the same clause twice.

    Two quoted fragments of one reported clause ("called it “a loser” and “a
    liar”") each bring back that clause, sometimes with edges a mark apart; the
    longest version stands for all.
    """
    keep: list = []
    for kind, span, cue in sorted(items, key=lambda item: item[1][0] - item[1][1]):
        twin = any(
            cue is not None
            and c is not None
            and c.cue.i == cue.cue.i
            and min(e, span[1]) - max(s, span[0]) > 0.5 * (e - s)
            for _k, (s, e), c in keep
        )
        if not twin:
            keep.append((kind, span, cue))
    return sorted(keep, key=lambda item: (item[1][0], item[1][1]))


def _inherit_in_paragraph(text: str, items: list) -> list:
    """Give a cue-less passage the cue of the attribution before it in the same paragraph.

    A fragment with no cue of its own ("Trump had “the opportunity ...”") goes on
    reporting the voice the paragraph has just cited. A whole quotation that follows a
    reported clause ("Ruiz said the tunnel would open in June. “We have ...”") carries
    that report on, so the two become one mixed report.
    """
    out: list = []
    for kind, span, cue in items:
        if cue is None and out and out[-1][2] is not None and out[-1][2].speaker is not None:
            prev_end = out[-1][1][1]
            if prev_end <= span[0] and "\n" not in text[prev_end : span[0]]:
                cue = out[-1][2]
                if kind == "direct" and out[-1][0] != "direct":
                    # Quoted words that go on from a reported clause continue that
                    # report; they are not a quotation of their own.
                    out[-1] = ("mixed", (out[-1][1][0], span[1]), cue)
                    continue
        out.append((kind, span, cue))
    return out


def _fragment_speaker(doc: Doc, start: int, end: int) -> Token | None:
    """Return who utters a cue-less quoted fragment, from the clause it sits in."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    return fragment_holder((span[0], span[-1]))


def extract_quotes(doc: Doc, entities: EntityIndex) -> list[Quote]:
    """Find the direct quotes and reported speech of an article and attribute them.

    Args:
        doc: The parsed article; offsets index ``doc.text``.
        entities: The article's canonical entities.

    Returns:
        The quotes in text order, numbered ``Q1``, ``Q2``, ...; ``source_id`` is left
        for :func:`analysis.sources.build.build_sources` to fill.
    """
    text = doc_text(doc)
    passages = find_passages(text)
    lines = title_lines(text)
    recased, recased_objects = recased_cues(doc, lines, [find_cues, find_object_cues])
    clause_cues = [c for c in find_cues(doc) if not in_lines(c.cue.idx, lines)] + recased
    found = sorted(clause_cues + find_label_cues(doc), key=lambda c: c.cue.i)
    cues = [c for c in found if not inside(c.cue.idx, passages)]
    for cue in cues:
        cue.content = trim_aside(doc, cue.content)
    linked, used = link_passages(doc, passages, cues)
    items: list[tuple[str, tuple[int, int], Cue | None]] = []
    for passage, cue, kind, span in merge_passages(doc, linked):
        if kind == "direct" and span == (passage.start, passage.end):
            if is_show(text, passage):
                continue  # the show someone spoke on is no one's words
            if is_title(text, passage):
                kind = "indirect"  # a title someone names is what they refer to
        if cue is None:
            if len(_WORD.findall(text[span[0] : span[1]])) < MIN_SPEECH_WORDS:
                continue
            if not opens_clause(text, span[0]):
                kind = "mixed"  # a quoted fragment inside someone's clause
            elif items and items[-1][0] == "direct" and items[-1][2] is not None:
                if span[0] - items[-1][1][1] <= INHERIT_REACH:
                    cue = items[-1][2]  # the speaker goes on after a short aside
        if kind == "direct" and passage.mark in APOSTROPHE_MARKS:
            kind = APOSTROPHE_KIND
        items.append((kind, span, cue))
    taken = [span for _k, span, _c in items]
    for cue in cues:
        if id(cue) in used:
            continue
        span = char_span(doc, cue.content)
        if cue.content[1] - cue.content[0] < 2:
            continue
        if any(s <= span[0] and span[1] <= e for s, e in taken):
            continue
        kind = (
            "mixed"
            if any(span[0] <= p.start and p.end <= span[1] for p in passages)
            else ("indirect")
        )
        items.append((kind, span, cue))
    taken = [span for _k, span, _c in items]
    object_cues = [c for c in find_object_cues(doc) if not in_lines(c.cue.idx, lines)]
    for cue in sorted(object_cues + recased_objects, key=lambda c: c.cue.i):
        if inside(cue.cue.idx, passages):
            continue
        cue.content = trim_aside(doc, cue.content)
        start, end = char_span(doc, cue.content)
        if any(min(end, e) - max(start, s) > 0.5 * (end - start) for s, e in taken):
            continue
        taken.append((start, end))
        quoting = any(start <= p.start and p.end <= end for p in passages)
        items.append(("mixed" if quoting else "indirect", (start, end), cue))
    items.sort(key=lambda item: (item[1][0], item[1][1]))
    items = _one_per_clause(items)
    items = _drop_nested(doc, items)
    items = _inherit_in_paragraph(text, items)
    resolver = Resolver(doc, entities, [(p.start, p.end) for p in passages])
    quotes: list[Quote] = []
    for kind, (start, end), cue in items:
        token = None
        if cue is not None:
            token = cue.speaker
            if token is None and cue.cue.pos_ == "NOUN":
                token = holder_of(cue.cue, cue.content)
            elif token is None:
                token = orphan_subject(cue.cue, cue.content)
        elif kind == "mixed":
            token = _fragment_speaker(doc, start, end)
        if token is not None:
            token = past_dateline(token)
        speaker = resolver.resolve(token) if token is not None else None
        where = cue_span(doc, cue) if cue else None
        body = text[start:end]
        polarity, subjectivity = tone(body)
        quotes.append(
            Quote(
                quote_id=f"Q{len(quotes) + 1}",
                kind=kind,
                text=body,
                start=start,
                end=end,
                speaker=speaker.name if speaker else None,
                speaker_text=speaker.text if speaker else None,
                speaker_start=speaker.start if speaker else None,
                speaker_end=speaker.end if speaker else None,
                cue=text[where[0] : where[1]] if where else None,
                cue_start=where[0] if where else None,
                cue_end=where[1] if where else None,
                polarity=polarity,
                subjectivity=subjectivity,
            )
        )
    return quotes
