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

Each passage, clause and stance found becomes a
:class:`~analysis.quotes.candidates.Candidate` that the passes below refine (kind,
content span, cue, then speaker mention and resolved speaker) before it is written
out as a :class:`Quote`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, fields

from spacy.tokens import Doc, Token

from analysis.entities.canonical import EntityIndex
from analysis.nlp import doc_text
from analysis.quotes.candidates import (
    REPEAT_SHARE,
    Candidate,
    drop_nested,
    inherit_in_paragraph,
    one_per_clause,
)
from analysis.quotes.content_edges import trim_aside
from analysis.quotes.cues import Cue, find_cues
from analysis.quotes.framing import (
    char_span,
    cue_span,
    link_passages,
    merge_passages,
    opens_clause,
    quoted_index,
)
from analysis.quotes.headlines import recased_cues, title_lines
from analysis.quotes.labels import find_label_cues
from analysis.quotes.limits import INHERIT_REACH
from analysis.quotes.marks import Passage, find_passages, is_show, is_title
from analysis.quotes.mention_names import name_by_head
from analysis.quotes.object_cues import find_object_cues
from analysis.quotes.spans import OverlapIndex, SpanIndex
from analysis.quotes.speaker_search import fragment_holder, holder_of, orphan_subject, past_dateline
from analysis.quotes.speakers import Resolver
from analysis.sentiment.tone import tone

#: An unattributed passage shorter than this many words is a scare quote or a name.
MIN_SPEECH_WORDS = 6
#: A reported clause shorter than this many tokens reports nothing.
MIN_CLAUSE_TOKENS = 2
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


def _content_kind(span: tuple[int, int], quoted: SpanIndex) -> str:
    """Say whether reported content quotes part of its words (mixed) or none (indirect).

    Args:
        span: The content's offsets.
        quoted: The quoted passages (see :func:`~analysis.quotes.framing.quoted_index`).
    """
    return "mixed" if quoted.holds(span[0], span[1]) else "indirect"


def _clause_cues(
    doc: Doc, passages: list[Passage], lines: list[tuple[int, int]]
) -> tuple[list[Cue], list[Cue]]:
    """Find the cues of reported clauses and speaker labels outside quotation marks.

    Args:
        doc: The parsed article.
        passages: Its quoted passages.
        lines: Its Title Case lines, whose cues come from a lower-cased parse.

    Returns:
        The clause cues in token order, their content trimmed of asides, and the
        object cues found in the lower-cased lines.
    """
    recased, recased_objects = recased_cues(doc, lines, [find_cues, find_object_cues])
    on_lines, quoted = SpanIndex(lines), quoted_index(passages)
    clause_cues = [c for c in find_cues(doc) if not on_lines.covers(c.cue.idx)] + recased
    found = sorted(clause_cues + find_label_cues(doc), key=lambda c: c.cue.i)
    cues = [c for c in found if not quoted.around(c.cue.idx)]
    for cue in cues:
        cue.content = trim_aside(doc, cue.content)
    return cues, recased_objects


def _passage_candidates(
    doc: Doc, passages: list[Passage], cues: list[Cue]
) -> tuple[list[Candidate], set[int]]:
    """Attribute the quoted passages.

    Args:
        doc: The parsed article.
        passages: Its quoted passages.
        cues: The clause cues (see :func:`_clause_cues`).

    Returns:
        The candidates in text order, and the ids of the cues that claimed a passage.
    """
    text = doc_text(doc)
    linked, used = link_passages(doc, passages, cues)
    found: list[Candidate] = []
    for passage, cue, kind, (start, end) in merge_passages(doc, linked):
        prev = found[-1] if found else None
        candidate = _refine_passage(text, passage, Candidate(kind, start, end, cue), prev)
        if candidate is not None:
            found.append(candidate)
    return found, used


def _refine_passage(
    text: str, passage: Passage, candidate: Candidate, prev: Candidate | None
) -> Candidate | None:
    """Settle the kind and cue of a quoted passage's candidate; None when it is no one's words.

    Args:
        text: The article text.
        passage: The passage (the first one, when several were joined).
        candidate: Its candidate as framing left it.
        prev: The candidate of the passage before, if any.

    Returns:
        The refined candidate, or None.
    """
    if candidate.kind == "direct" and candidate.span == (passage.start, passage.end):
        if is_show(text, passage):
            return None  # the show someone spoke on is no one's words
        if is_title(text, passage):
            candidate.kind = "indirect"  # a title someone names is what they refer to
    if candidate.cue is None:
        if len(_WORD.findall(text[candidate.start : candidate.end])) < MIN_SPEECH_WORDS:
            return None
        if not opens_clause(text, candidate.start):
            candidate.kind = "mixed"  # a quoted fragment inside someone's clause
        elif prev is not None and prev.kind == "direct" and prev.cue is not None:
            if candidate.start - prev.end <= INHERIT_REACH:
                candidate.cue = prev.cue  # the speaker goes on after a short aside
    if candidate.kind == "direct" and passage.mark in APOSTROPHE_MARKS:
        candidate.kind = APOSTROPHE_KIND
    return candidate


def _clause_candidates(
    doc: Doc,
    cues: list[Cue],
    used: set[int],
    passages: list[Passage],
    taken: list[tuple[int, int]],
) -> list[Candidate]:
    """Report the clauses of the cues that claimed no passage.

    Args:
        doc: The parsed article.
        cues: The clause cues.
        used: Ids of the cues that claimed a passage.
        passages: The quoted passages.
        taken: Spans of the passage candidates; a clause inside one is part of it.

    Returns:
        One candidate per cue left, in cue order.
    """
    found = []
    held, quoted = SpanIndex(taken), quoted_index(passages)
    for cue in cues:
        if id(cue) in used:
            continue
        span = char_span(doc, cue.content)
        if cue.content[1] - cue.content[0] < MIN_CLAUSE_TOKENS:
            continue
        if held.reaches(span[0], span[1]):
            continue
        found.append(Candidate(_content_kind(span, quoted), span[0], span[1], cue))
    return found


def _object_candidates(
    doc: Doc,
    lines: list[tuple[int, int]],
    recased: list[Cue],
    passages: list[Passage],
    taken: list[tuple[int, int]],
) -> list[Candidate]:
    """Report the stances with object or complement content that repeat no other candidate.

    Args:
        doc: The parsed article.
        lines: Its Title Case lines.
        recased: Object cues found in the lower-cased parse of those lines.
        passages: The quoted passages.
        taken: Spans of the candidates so far; one that mostly covers the content wins.

    Returns:
        The new candidates, in cue order.
    """
    on_lines, quoted = SpanIndex(lines), quoted_index(passages)
    object_cues = [c for c in find_object_cues(doc) if not on_lines.covers(c.cue.idx)]
    spans = []
    for cue in sorted(object_cues + recased, key=lambda c: c.cue.i):
        if quoted.around(cue.cue.idx):
            continue
        cue.content = trim_aside(doc, cue.content)
        spans.append((cue, char_span(doc, cue.content)))
    seen = OverlapIndex([s for s, _ in taken] + [start for _, (start, _end) in spans])
    for s, e in taken:
        seen.add(s, e)
    found = []
    for cue, (start, end) in spans:
        if seen.overlaps(start, end, REPEAT_SHARE):
            continue
        seen.add(start, end)
        found.append(Candidate(_content_kind((start, end), quoted), start, end, cue))
    return found


def _fragment_speaker(doc: Doc, start: int, end: int) -> Token | None:
    """Return who utters a cue-less quoted fragment, from the clause it sits in."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    return fragment_holder((span[0], span[-1]))


def _mention(doc: Doc, candidate: Candidate) -> Token | None:
    """Find the token a candidate's speaker mention hangs on, or None for no speaker."""
    cue = candidate.cue
    token = None
    if cue is not None:
        token = cue.speaker
        if token is None and cue.cue.pos_ == "NOUN":
            token = holder_of(cue.cue, cue.content)
        elif token is None:
            token = orphan_subject(cue.cue, cue.content)
    elif candidate.kind == "mixed":
        token = _fragment_speaker(doc, candidate.start, candidate.end)
    return past_dateline(token) if token is not None else None


def _quote(doc: Doc, number: int, candidate: Candidate) -> Quote:
    """Turn a finished candidate into the ``quotes`` row numbered ``Q<number>``."""
    text = doc_text(doc)
    speaker = candidate.speaker
    where = cue_span(doc, candidate.cue) if candidate.cue is not None else None
    body = text[candidate.start : candidate.end]
    polarity, subjectivity = tone(body)
    return Quote(
        quote_id=f"Q{number}",
        kind=candidate.kind,
        text=body,
        start=candidate.start,
        end=candidate.end,
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
    cues, recased_objects = _clause_cues(doc, passages, lines)
    candidates, used = _passage_candidates(doc, passages, cues)
    taken = [c.span for c in candidates]
    candidates += _clause_candidates(doc, cues, used, passages, taken)
    taken = [c.span for c in candidates]
    candidates += _object_candidates(doc, lines, recased_objects, passages, taken)
    candidates.sort(key=lambda item: item.span)
    candidates = inherit_in_paragraph(text, drop_nested(doc, one_per_clause(candidates)))
    resolver = Resolver(doc, entities, [(p.start, p.end) for p in passages])
    for candidate in candidates:
        candidate.mention = _mention(doc, candidate)
        if candidate.mention is not None:
            speaker = resolver.resolve(candidate.mention)
            candidate.speaker = name_by_head(speaker, candidate.mention)
    return [_quote(doc, number, c) for number, c in enumerate(candidates, 1)]
