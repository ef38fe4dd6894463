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
mixed, not direct (see :mod:`analysis.quotes.passages.shape`); speakers the parse
leaves unattached are found by :mod:`analysis.quotes.speakers.speaker_search`. A
headline in Title Case has its cues found in a lower-cased parse
(:mod:`analysis.quotes.cues.headlines`).

Each passage, clause and stance found becomes a
:class:`~analysis.quotes.candidates.Candidate` that the passes below refine (kind,
content span, cue, then speaker mention and resolved speaker) before it is written
out as a :class:`Quote`.
"""

from __future__ import annotations

import dataclasses
import re

from spacy.tokens import Doc, Token

from analysis.entities.canonical import EntityIndex
from analysis.entities.voices import bare_quantity
from analysis.nlp import doc_text
from analysis.quotes.acts import STATEMENT_ACTS, act_of, speaker_head
from analysis.quotes.attributions import Attributions, Quote, attribution_row, quote_row
from analysis.quotes.candidates import (
    REPEAT_SHARE,
    Candidate,
    drop_inverted,
    drop_nested,
    inherit_in_paragraph,
    join_cue_parts,
    one_per_clause,
)
from analysis.quotes.cues.clauses import Cue, find_cues
from analysis.quotes.cues.content_edges import trim_aside, trim_asides
from analysis.quotes.cues.headlines import recased_cues, title_lines
from analysis.quotes.cues.labels import find_label_cues
from analysis.quotes.cues.misparse import stands_for_a_clause
from analysis.quotes.cues.object_cues import find_object_cues
from analysis.quotes.cues.posts import find_post_cues, without_link
from analysis.quotes.limits import INHERIT_REACH
from analysis.quotes.passages.framing import char_span, link_passages, opens_clause, quoted_index
from analysis.quotes.passages.marks import Passage, find_passages, is_show, is_title
from analysis.quotes.passages.narration import in_gap, narrated
from analysis.quotes.passages.splits import merge_passages
from analysis.quotes.spans import OverlapIndex, SpanIndex
from analysis.quotes.speakers.mention_names import name_by_head
from analysis.quotes.speakers.resolver import Resolver
from analysis.quotes.speakers.speaker_search import (
    fragment_holder,
    holder_of,
    orphan_subject,
    past_dateline,
)

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


def _content_kind(span: tuple[int, int], quoted: SpanIndex) -> str:
    """Say whether reported content quotes part of its words (mixed) or none (indirect).

    Args:
        span: The content's offsets.
        quoted: The quoted passages (see :func:`~analysis.quotes.passages.framing.quoted_index`).
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
    found = sorted(clause_cues + find_label_cues(doc) + find_post_cues(doc), key=lambda c: c.cue.i)
    cues = [c for c in found if not quoted.around(c.cue.idx)]
    trim_asides(doc, cues)
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
    reports = [(char_span(doc, c.content)[1], c) for c in cues if c.speaker is not None]
    for passage, cue, kind, (start, end) in merge_passages(doc, linked):
        prev = found[-1] if found else None
        if cue is None and opens_clause(text, start) and _speech_length(text, start, end):
            cue = _report_before(text, reports, start, prev.end if prev else 0)
        candidate = _refine_passage(text, passage, Candidate(kind, start, end, cue), prev)
        if candidate is not None:
            found.append(candidate)
    return found, used


def _speech_length(text: str, start: int, end: int) -> bool:
    """Whether a passage is long enough to be speech without a cue of its own."""
    return len(_WORD.findall(text[start:end])) >= MIN_SPEECH_WORDS


def _report_before(text: str, reports: list[tuple[int, Cue]], start: int, after: int) -> Cue | None:
    """The cue of a report that ends the paragraph before a cue-less quotation.

    "Erekat said it was the latest move.¶“They wanted us on our knees,...”": a
    quote paragraph after a paragraph that reports someone goes on in their voice.

    Args:
        text: The article text.
        reports: ``(end offset of the content, cue)`` of the clause cues with a speaker.
        start: Where the quotation opens.
        after: End of the attribution before it; a report must come after that.

    Returns:
        The cue, or None when no report ends right before the quotation's paragraph.
    """
    best = None
    for end, cue in reports:
        if after <= end <= start and start - end <= INHERIT_REACH:
            gap = text[end:start]
            if "\n" in gap and not gap.strip(" \t\n.!?;:”\"'’"):
                best = cue
    return best


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
    if candidate.kind == "mixed" and len(_WORD.findall(text[candidate.start : candidate.end])) < 2:
        return None  # a scare-quoted word ("a “ferocious” battle"): the report around it holds it
    if candidate.kind == "direct" and candidate.span == (passage.start, passage.end):
        if is_show(text, passage):
            return None  # the show someone spoke on is no one's words
        if is_title(text, passage):
            candidate.kind = "indirect"  # a title someone names is what they refer to
    if candidate.cue is None:
        if not _speech_length(text, candidate.start, candidate.end):
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
    direct: list[tuple[int, int]],
) -> list[Candidate]:
    """Report the clauses of the cues that claimed no passage.

    Args:
        doc: The parsed article.
        cues: The clause cues.
        used: Ids of the cues that claimed a passage.
        passages: The quoted passages.
        taken: Spans of the passage candidates; a clause inside one is part of it,
            unless it lies between the quoted parts of a direct quote.
        direct: Spans of the direct quotes among them.

    Returns:
        One candidate per cue left, in cue order.
    """
    found = []
    held, quoted = SpanIndex(taken), quoted_index(passages)
    directs = SpanIndex(direct)
    for cue in cues:
        if id(cue) in used:
            continue
        span = without_link(doc_text(doc), char_span(doc, cue.content))
        short = cue.content[1] - cue.content[0] < MIN_CLAUSE_TOKENS
        if short and not stands_for_a_clause(doc_text(doc)[span[0] : span[1]]):
            continue
        if held.reaches(span[0], span[1]) and not in_gap(span, directs, quoted):
            continue
        kind = "direct" if cue.shape == "post" else _content_kind(span, quoted)
        found.append(Candidate(kind, span[0], span[1], cue))
    return found


def _object_candidates(
    doc: Doc,
    lines: list[tuple[int, int]],
    recased: list[Cue],
    passages: list[Passage],
    taken: list[tuple[int, int]],
    direct: list[tuple[int, int]],
) -> list[Candidate]:
    """Report the stances with object or complement content that repeat no other candidate.

    Args:
        doc: The parsed article.
        lines: Its Title Case lines.
        recased: Object cues found in the lower-cased parse of those lines.
        passages: The quoted passages.
        taken: Spans of the candidates so far; one that mostly covers the content wins,
            unless it is a direct quote whose narration holds the cue
            (:func:`~analysis.quotes.passages.narration.narrated`).
        direct: Spans of the direct quotes among them.

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
        spans.append((cue, without_link(doc_text(doc), char_span(doc, cue.content))))
    gaps = SpanIndex(direct), quoted
    starts = [s for s, _ in taken] + [start for _, (start, _end) in spans]
    seen, around = OverlapIndex(starts), OverlapIndex(starts)
    quotes = frozenset(direct)
    for s, e in taken:
        (around if (s, e) in quotes else seen).add(s, e)
    found = []
    for cue, (start, end) in spans:
        if seen.overlaps(start, end, REPEAT_SHARE):
            continue
        if around.overlaps(start, end, REPEAT_SHARE) and not narrated(cue, (start, end), gaps):
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


def _candidates(doc: Doc, entities: EntityIndex) -> list[Candidate]:
    """Find every attribution of an article, attribute it and say what act it reports."""
    text = doc_text(doc)
    passages = find_passages(text)
    lines = title_lines(text)
    cues, recased_objects = _clause_cues(doc, passages, lines)
    candidates, used = _passage_candidates(doc, passages, cues)
    taken = [c.span for c in candidates]
    direct = [c.span for c in candidates if c.kind == "direct"]
    candidates += _clause_candidates(doc, cues, used, passages, taken, direct)
    taken = [c.span for c in candidates]
    candidates += _object_candidates(doc, lines, recased_objects, passages, taken, direct)
    candidates.sort(key=lambda item: item.span)
    kept = drop_nested(doc, one_per_clause(candidates), frozenset(direct))
    candidates = join_cue_parts(text, inherit_in_paragraph(text, drop_inverted(doc, kept)))
    resolver = Resolver(doc, entities, [(p.start, p.end) for p in passages])
    for candidate in candidates:
        candidate.mention = _mention(doc, candidate)
        if candidate.mention is not None:
            speaker = resolver.resolve(candidate.mention)
            candidate.speaker = name_by_head(speaker, candidate.mention)
        candidate.act = act_of(text, candidate, lines, resolver.quoted, entities)
        head = speaker_head(doc, candidate.speaker)
        if head is not None and head.pos_ != "PRON" and bare_quantity(head):
            # "Many said ...": the mention stays where the text puts it, but it counts no
            # one a reader could name. A copy, so pronouns resolved later are unchanged.
            candidate.speaker = dataclasses.replace(candidate.speaker, name=None)
    return candidates


def attribute(doc: Doc, entities: EntityIndex) -> Attributions:
    """Find everything an article attributes, and the statements among it.

    Args:
        doc: The parsed article; offsets index ``doc.text``.
        entities: The article's canonical entities.

    Returns:
        The attribution layer (every attribution, numbered ``A1``, ``A2``, ... in
        text order, each with its act) and the quotes: the statements among them
        (acts in :data:`~analysis.quotes.acts.STATEMENT_ACTS`) that say something in
        words of their own: "said so" stays in the layer, but a quote reading "so"
        would tell an analyst nothing. A statement's id is its place in the layer
        (``Q7`` is ``A7``), so one id names the same item in both tables, and an
        analyst's corrections keep naming the right quote when an item beside it is
        or is not judged a statement.
    """
    text = doc_text(doc)
    layer, quotes = [], []
    for number, candidate in enumerate(_candidates(doc, entities), 1):
        quote_id = None
        words = text[candidate.start : candidate.end]
        if candidate.act in STATEMENT_ACTS and not stands_for_a_clause(words):
            quotes.append(quote_row(doc, number, candidate))
            quote_id = quotes[-1].quote_id
        layer.append(attribution_row(doc, number, candidate, quote_id))
    return Attributions(layer, quotes)


def extract_quotes(doc: Doc, entities: EntityIndex) -> list[Quote]:
    """Find the statements of an article, direct quotes and reported speech, and attribute them.

    Args:
        doc: The parsed article; offsets index ``doc.text``.
        entities: The article's canonical entities.

    Returns:
        The quotes in text order, numbered by their place among all attributions
        (see :func:`attribute`); ``source_id`` is left for
        :func:`analysis.sources.build.build_sources` to fill. Beliefs, intentions and
        other attributions that are no statement are left out.
    """
    return attribute(doc, entities).quotes
