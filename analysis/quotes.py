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
quotes, titles, names such as “North/Interaction-2023”) are not quotes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, fields

from spacy.tokens import Doc, Token

from analysis.attribution import Resolver, Speaker
from analysis.cue_lexicon import find_object_cues
from analysis.cues import FRAME_VERBS, Cue, _subject, find_cues
from analysis.entities import EntityIndex
from analysis.quotemarks import Passage, find_passages
from analysis.sentiment import tone

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


def _char_span(doc: Doc, span: tuple[int, int]) -> tuple[int, int]:
    first, last = doc[span[0]], doc[span[1] - 1]
    return first.idx, last.idx + len(last)


def _inside(pos: int, passages: list[Passage]) -> bool:
    return any(p.start < pos < p.end for p in passages)


def _cue_span(doc: Doc, cue: Cue) -> tuple[int, int]:
    start = cue.cue.idx
    last = doc[cue.cue_end - 1]
    return start, last.idx + len(last)


_GAP_DEPS = frozenset(
    {
        "punct",
        "advmod",
        "aux",
        "neg",
        "prt",
        "npadvmod",
        "dative",
        "dobj",
        "prep",
        "pobj",
        "det",
        "amod",
        "compound",
        "poss",
        "nummod",
        "appos",
    }
)


def _is_cue_verb(token: Token) -> bool:
    return token.pos_ in ("VERB", "AUX") and token.lemma_.lower() in FRAME_VERBS


def _under(token: Token, head: Token) -> bool:
    """Whether ``token`` is ``head`` or hangs below it in the parse."""
    return token.i == head.i or head.is_ancestor(token)


def _frame_after(doc: Doc, first: int, passage_end: int) -> Cue | None:
    """Find the cue of `“...,” Song said` / `“...,” said Song`: a cue right after the passage."""
    limit = min(len(doc), first + 20)
    dash = _dash_signature(doc, first)
    if dash is not None:
        return dash
    for k in range(first, limit):
        token = doc[k]
        if token.is_quote or "\n" in token.text or token.text in (".", "!", "?", ";"):
            return None
        if _is_cue_verb(token):
            subject = _subject(token)
            for gap in doc[first:k]:
                if gap.is_punct or gap.is_space:
                    continue
                if subject is None or not _under(gap, subject):
                    if not (gap.dep_ in ("advmod", "aux", "neg") and gap.head.i == token.i):
                        return None
            return Cue(token, (token.i, token.i + 1), subject, _cue_end(token))
    return None


_DASHES = frozenset({"―", "—", "–", "--", "-"})


def _dash_signature(doc: Doc, first: int) -> Cue | None:
    """Find the signature of `“...” ― Veronica Cruz`: a dash, then a name ending the paragraph."""
    k = first
    while k < len(doc) and doc[k].is_space and "\n" not in doc[k].text:
        k += 1
    if k >= len(doc) or doc[k].text not in _DASHES:
        return None
    names = []
    for token in doc[k + 1 : k + 8]:
        if "\n" in token.text:
            break
        names.append(token)
    names = [t for t in names if not t.is_space]
    if not names or not all(t.pos_ == "PROPN" or t.is_punct for t in names):
        return None
    return Cue(doc[k], (k, k + 1), names[-1] if names[-1].pos_ == "PROPN" else names[0], k + 1)


def _frame_before(doc: Doc, last: int) -> Cue | None:
    """Find the cue of `Song said: “...”` / `he told reporters, “...”` just before a passage."""
    for k in range(last, max(-1, last - 25), -1):
        token = doc[k]
        if token.is_quote or token.text in (".", "!", "?", ";"):
            return None
        if "\n" in token.text and not (k > 0 and doc[k - 1].text == ":"):
            return None
        if token.lower_ in ("that", "whether", "if", "as", "like") or token.pos_ == "VERB":
            if not _is_cue_verb(token):
                return None
            for gap in doc[k + 1 : last + 1]:
                if not _frame_word(gap, token):
                    return None
            return Cue(token, (token.i, token.i + 1), _subject(token), _cue_end(token))
    return None


def _frame_word(token: Token, cue: Token) -> bool:
    """Whether a word between a cue and its passage belongs to the frame, not the content."""
    if token.is_punct or token.is_space:
        return True
    node = token
    while node.head.i != cue.i:
        if node.head.i == node.i or node.dep_ in ("ccomp", "xcomp", "advcl", "conj", "relcl"):
            return False
        node = node.head
    return node.dep_ in _GAP_DEPS or node.dep_ in ("nsubj", "punct")


def _opens_clause(text: str, start: int) -> bool:
    """Whether a passage starts a sentence or clause rather than sitting inside one."""
    before = text[:start].rstrip(" \t")
    return not before or before[-1] in ".!?:;,—–-(\n“”\"'"


def _cue_end(token: Token) -> int:
    end = token.i + 1
    for child in token.rights:
        if child.dep_ == "prt" and child.i == end:
            end += 1
    return end


def _sentence_closed(doc: Doc, passage: Passage, after: int) -> bool:
    """Whether a passage ends its sentence (“... state.” She noted) so what follows is new."""
    inner = doc.text[passage.start : passage.end].rstrip("”\"' ")
    if not inner.endswith("."):
        return False
    k = after
    while k < len(doc) and doc[k].is_space:
        k += 1
    return k < len(doc) and doc[k].text[:1].isupper()


def _link_passages(doc: Doc, passages: list[Passage], cues: list[Cue]) -> tuple[list, set[int]]:
    """Attribute each passage; return ``(passage, cue, kind, span)`` rows and used cue ids."""
    used: set[int] = set()
    linked: list[tuple[Passage, Cue | None, str, tuple[int, int]]] = []
    spans = [(_char_span(doc, c.content), c) for c in cues]
    for passage in passages:
        tokens = doc.char_span(passage.start, passage.end, alignment_mode="expand")
        choice = None
        if tokens is not None and len(tokens):
            cue = _frame_before(doc, tokens.start - 1)
            if (
                cue is None
                and _opens_clause(doc.text, passage.start)
                and not _sentence_closed(doc, passage, tokens.end)
            ):
                cue = _frame_after(doc, tokens.end, passage.end)
            if cue is not None:
                choice = (cue, "direct", (passage.start, passage.end))
                for _span, other in spans:
                    if other.cue.i == cue.cue.i:
                        used.add(id(other))
        if choice is None:
            for (cs, ce), cue in spans:
                if passage.start <= cue.cue.idx < passage.end:
                    continue
                overlap = min(ce, passage.end) - max(cs, passage.start)
                if overlap <= 0:
                    continue
                rest = doc.text[cs : max(cs, passage.start)] + doc.text[min(ce, passage.end) : ce]
                # Words of the clause outside the marks ("that", a subject) make it mixed.
                if not _WORD.search(rest):
                    choice = (cue, "direct", (passage.start, passage.end))
                else:
                    choice = (cue, "mixed", (min(cs, passage.start), max(ce, passage.end)))
                used.add(id(cue))
                break
        if choice is not None:
            linked.append((passage, choice[0], choice[1], choice[2]))
        else:
            linked.append((passage, None, "direct", (passage.start, passage.end)))
    return linked, used


def _bridges(doc: Doc, start: int, end: int, cue: Cue) -> bool:
    """Whether the text between two passages is only the first one's cue (" Zhou said. ")."""
    gap = doc.char_span(start, end, alignment_mode="contract")
    if gap is None:
        return not doc.text[start:end].strip(" \n,.;:")
    return all(t.is_punct or t.is_space or _under(t, cue.cue) for t in gap)


def _merge(doc: Doc, linked: list) -> list:
    """Join passages of one speaker split by their cue or running on into the next paragraph."""
    merged: list = []
    for item in linked:
        passage, cue, kind, span = item
        if merged and kind == "direct":
            prev = merged[-1]
            same = cue is None or (prev[1] is not None and cue.cue.i == prev[1].cue.i)
            if (
                same
                and prev[2] == "direct"
                and prev[1] is not None
                and _bridges(doc, prev[3][1], span[0], prev[1])
            ):
                merged[-1] = (prev[0], prev[1], "direct", (prev[3][0], span[1]))
                continue
        merged.append(item)
    return merged


def _inherit_in_paragraph(text: str, items: list) -> list:
    """Give a cue-less passage the cue of the attribution before it in the same paragraph.

    A fragment with no cue of its own ("Trump had “the opportunity ...”") goes on
    reporting the voice the paragraph has just cited.
    """
    out: list = []
    for kind, span, cue in items:
        if cue is None and out and out[-1][2] is not None and out[-1][2].speaker is not None:
            prev_end = out[-1][1][1]
            if prev_end <= span[0] and "\n" not in text[prev_end : span[0]]:
                cue = out[-1][2]
        out.append((kind, span, cue))
    return out


def extract_quotes(doc: Doc, entities: EntityIndex) -> list[Quote]:
    """Find the direct quotes and reported speech of an article and attribute them.

    Args:
        doc: The parsed article; offsets index ``doc.text``.
        entities: The article's canonical entities.

    Returns:
        The quotes in text order, numbered ``Q1``, ``Q2``, ...; ``source_id`` is left
        for :func:`analysis.sources.build_sources` to fill.
    """
    text = doc.text
    passages = find_passages(text)
    cues = [c for c in find_cues(doc) if not _inside(c.cue.idx, passages)]
    linked, used = _link_passages(doc, passages, cues)
    items: list[tuple[str, tuple[int, int], Cue | None]] = []
    for passage, cue, kind, span in _merge(doc, linked):
        if cue is None:
            if len(_WORD.findall(text[span[0] : span[1]])) < MIN_SPEECH_WORDS:
                continue
            if not _opens_clause(text, span[0]):
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
        span = _char_span(doc, cue.content)
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
    for cue in find_object_cues(doc):
        if _inside(cue.cue.idx, passages):
            continue
        start, end = _char_span(doc, cue.content)
        if any(min(end, e) - max(start, s) > 0.5 * (end - start) for s, e in taken):
            continue
        taken.append((start, end))
        items.append(("indirect", (start, end), cue))
    items.sort(key=lambda item: (item[1][0], item[1][1]))
    items = _inherit_in_paragraph(text, items)
    resolver = Resolver(doc, entities, [(p.start, p.end) for p in passages])
    quotes: list[Quote] = []
    for kind, (start, end), cue in items:
        speaker = resolver.resolve(cue.speaker) if cue and cue.speaker is not None else None
        cue_span = _cue_span(doc, cue) if cue else None
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
                cue=text[cue_span[0] : cue_span[1]] if cue_span else None,
                cue_start=cue_span[0] if cue_span else None,
                cue_end=cue_span[1] if cue_span else None,
                polarity=polarity,
                subjectivity=subjectivity,
            )
        )
    return quotes
