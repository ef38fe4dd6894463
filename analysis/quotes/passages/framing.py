"""Framing: which cue claims a quoted passage, and which passages form one quote.

A passage is claimed by the cue right before it (`Song said: “...”`), right
after it (`“...,” said Song`, `“...” ― Veronica Cruz`), or by a reported clause
that holds it (`the ministry said the drills would focus on “...”`, a mixed
quote). Passages of one speaker split by their cue (“...,” Zhou said. “...”)
are joined, as news annotation joins them (see
:mod:`analysis.quotes.passages.splits`).
"""

from __future__ import annotations

import re
from bisect import bisect_right

from spacy.tokens import Doc, Token

from analysis.nlp import doc_text
from analysis.quotes.cues.clauses import Cue
from analysis.quotes.cues.subjects import subject_of
from analysis.quotes.lexicon import FRAME_VERBS
from analysis.quotes.limits import FRAME_AFTER_TOKENS, FRAME_BEFORE_TOKENS, SIGNATURE_TOKENS
from analysis.quotes.passages.marks import Passage, is_show
from analysis.quotes.passages.shape import embedded, lead_in, starts_lower
from analysis.quotes.spans import SpanIndex, disjoint, first_overlapping

_WORD = re.compile(r"\w+(?:[-'’]\w+)*")


def char_span(doc: Doc, span: tuple[int, int]) -> tuple[int, int]:
    first, last = doc[span[0]], doc[span[1] - 1]
    return first.idx, last.idx + len(last)


def inside(pos: int, passages: list[Passage]) -> bool:
    return any(p.start < pos < p.end for p in passages)


def quoted_index(passages: list[Passage]) -> SpanIndex:
    """The passages as a :class:`SpanIndex`: ``.around(pos)`` is :func:`inside` by bisection."""
    return SpanIndex((p.start, p.end) for p in passages)


#: Closing marks and spaces, which :func:`_before_closers` looks past.
_CLOSERS = re.compile(r"[”\"'’ ]+")
#: Where :func:`_before_closers` keeps a Doc's runs of closing marks and spaces.
_CLOSERS_KEY = "newsbrief.closer_runs"


def _before_closers(doc: Doc, end: int) -> str:
    """The last character of the text before ``end`` that is no closing mark or space.

    The runs of marks and spaces are found once per Doc, so that a text of nothing
    but quotation marks does not send every passage back over all the marks before it.
    """
    text = doc_text(doc)
    runs = doc.user_data.get(_CLOSERS_KEY)
    if runs is None:
        found = [(m.start(), m.end()) for m in _CLOSERS.finditer(text)]
        runs = doc.user_data[_CLOSERS_KEY] = ([s for s, _ in found], [e for _, e in found])
    starts, ends = runs
    k = bisect_right(starts, end - 1) - 1
    if k >= 0 and ends[k] >= end:
        end = starts[k]  # the run holds the character before ``end``: look before it
    return text[end - 1] if end > 0 else ""


def _last_char(text: str, end: int, strip: str) -> str:
    """The last character of ``text[:end]`` once the characters in ``strip`` are cut off its end."""
    k = end - 1
    while k >= 0 and text[k] in strip:
        k -= 1
    return text[k] if k >= 0 else ""


def cue_span(doc: Doc, cue: Cue) -> tuple[int, int]:
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


def under(token: Token, head: Token) -> bool:
    """Whether ``token`` is ``head`` or hangs below it in the parse."""
    return token.i == head.i or head.is_ancestor(token)


def _frame_after(doc: Doc, first: int, passage_end: int) -> Cue | None:
    """Find the cue of `“...,” Song said` / `“...,” said Song`: a cue right after the passage."""
    limit = min(len(doc), first + FRAME_AFTER_TOKENS)
    dash = _dash_signature(doc, first)
    if dash is not None:
        return dash
    # After a quotation that breaks off with a comma, question or exclamation mark, the
    # frame slot makes any verb a verb of speaking: `“Why not?” Hannity pressed`.
    broken_off = _before_closers(doc, passage_end) in (",", "?", "!")
    for k in range(first, limit):
        token = doc[k]
        if token.is_quote or "\n" in token.text or token.text in (".", "!", "?", ";"):
            return None
        if _is_cue_verb(token) or (broken_off and token.pos_ == "VERB" and token.dep_ == "ROOT"):
            subject = subject_of(token)
            if subject is None or subject.i < first:
                # The parser may hang a subject from inside the quote on the cue as well.
                outside = [c for c in token.children if c.dep_ in _SUBJ and c.i >= first]
                subject = outside[0] if outside else subject
            if subject is None:
                subject = _name_after(doc, token)
            for gap in doc[first:k]:
                if gap.is_punct or gap.is_space:
                    continue
                if subject is None or not under(gap, subject):
                    if not (gap.dep_ in ("advmod", "aux", "neg") and gap.head.i == token.i):
                        return _named_gap(doc, first, token)
            return Cue(token, (token.i, token.i + 1), subject, _cue_end(token))
    return None


_SUBJ = ("nsubj", "nsubjpass")


def _name_after(doc: Doc, verb: Token) -> Token | None:
    """The name right after an inverted cue that the parser did not take for its subject.

    A name the tagger does not know (`“...,” said Skelly, explaining ...`) can come
    out as an adverb or an object; in the frame slot a capitalised word right after
    the cue, hung on it, is who speaks. The last word of a run of them heads the name.
    """
    k = _cue_end(verb)
    if k >= len(doc) or not doc[k].is_title or doc[k].pos_ in ("PRON", "DET", "ADP"):
        return None
    if verb.i not in (doc[k].head.i, doc[k].head.head.i):
        return None
    while k + 1 < len(doc) and doc[k + 1].is_title and k + 1 in (doc[k].head.i, doc[k].i + 1):
        k += 1
    if doc[k].dep_ == "poss" or any(c.dep_ == "case" for c in doc[k].children):
        return None  # "said Clinton's introducer": the one introduced does not speak
    return doc[k]


_NP_TAGS = frozenset("PROPN NOUN DET ADJ ADP PUNCT NUM PRON PART CCONJ".split())


def _named_gap(doc: Doc, first: int, cue: Token) -> Cue | None:
    """Read `“...,” Gene Sperling, a top adviser, said` when the parse of the gap is broken.

    Only a gap of noun-phrase words that opens with a name or a pronoun counts;
    that first name is the speaker.
    """
    gap = [t for t in doc[first : cue.i] if not t.is_space]
    if not gap or not all(t.pos_ in _NP_TAGS for t in gap):
        return None
    words = [t for t in gap if not t.is_punct]
    if not words or words[0].pos_ not in ("PROPN", "PRON"):
        return None
    head = words[0]
    for t in words[1:]:
        if t.pos_ != "PROPN" or t.i != head.i + 1:
            break
        head = t
    return Cue(cue, (cue.i, cue.i + 1), head, _cue_end(cue))


_DASHES = frozenset({"―", "—", "–", "--", "-"})


def _dash_signature(doc: Doc, first: int) -> Cue | None:
    """Find the signature of `“...” ― Veronica Cruz`: a dash, then a name ending the paragraph."""
    k = first
    while k < len(doc) and doc[k].is_space and "\n" not in doc[k].text:
        k += 1
    if k >= len(doc) or doc[k].text not in _DASHES:
        return None
    names = []
    for token in doc[k + 1 : k + 1 + SIGNATURE_TOKENS]:
        if "\n" in token.text:
            break
        names.append(token)
    names = [t for t in names if not t.is_space]
    if not names or not all(t.pos_ == "PROPN" or t.is_punct for t in names):
        return None
    return Cue(doc[k], (k, k + 1), names[-1] if names[-1].pos_ == "PROPN" else names[0], k + 1)


def _frame_before(doc: Doc, last: int) -> Cue | None:
    """Find the cue of `Song said: “...”` / `he told reporters, “...”` just before a passage."""
    for k in range(last, max(-1, last - FRAME_BEFORE_TOKENS), -1):
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
            return Cue(token, (token.i, token.i + 1), subject_of(token), _cue_end(token))
    return None


def _colon_frame(doc: Doc, last: int) -> Cue | None:
    """Read `Jo Park echoed:` / `She released this statement:` before a passage.

    A colon that ends the words before a quotation introduces it, whatever the
    verb, so the subject of the sentence the colon ends is the speaker.
    """
    k = last
    while k >= 0 and doc[k].is_space:
        k -= 1
    if k < 1 or doc[k].text != ":":
        return None
    verb = doc[k].sent.root
    if verb.pos_ not in ("VERB", "AUX") or verb.i > k:
        return None
    subject = subject_of(verb)
    if subject is None or subject.i > k:
        return None
    return Cue(verb, (verb.i, verb.i + 1), subject, _cue_end(verb))


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


def opens_clause(text: str, start: int) -> bool:
    """Whether a passage starts a sentence or clause rather than sitting inside one."""
    before = _last_char(text, start, " \t")
    return not before or before in ".!?:;,—–-(\n“”\"'"


def _cue_end(token: Token) -> int:
    end = token.i + 1
    for child in token.rights:
        if child.dep_ == "prt" and child.i == end:
            end += 1
    return end


def _sentence_closed(doc: Doc, passage: Passage, after: int) -> bool:
    """Whether a passage ends its sentence (“... state.” She noted) so what follows is new."""
    inner = doc_text(doc)[passage.start : passage.end].rstrip("”\"' ")
    if not inner.endswith("."):
        return False
    k = after
    while k < len(doc) and doc[k].is_space:
        k += 1
    return k < len(doc) and doc[k].text[:1].isupper()


def _frame_choice(doc: Doc, passage: Passage) -> tuple[tuple | None, Cue | None, Cue | None]:
    """Find the cue that frames a passage from the words around it.

    Returns:
        ``(choice, phrase, cue)``: the ``(cue, kind, span)`` chosen, or None; a cue
        whose clause holds the passage as a phrase, or None; and the framing cue
        found, or None.
    """
    tokens = doc.char_span(passage.start, passage.end, alignment_mode="expand")
    if tokens is None or not len(tokens) or is_show(doc_text(doc), passage):
        return None, None, None
    phrase = None
    cue = _frame_before(doc, tokens.start - 1)
    if cue is not None and embedded(doc, passage, tokens.start, tokens.end - 1, cue):
        phrase, cue = cue, None
    if (
        cue is None
        and phrase is None
        and opens_clause(doc_text(doc), passage.start)
        and not _sentence_closed(doc, passage, tokens.end)
    ):
        cue = _frame_after(doc, tokens.end, passage.end)
    if cue is None and phrase is None:
        cue = _colon_frame(doc, tokens.start - 1)
    lead = None
    if cue is not None and cue.cue.i < tokens.start and starts_lower(doc, passage):
        lead = lead_in(doc, cue, tokens)
    if lead is not None:
        return (cue, "mixed", (lead, passage.end)), phrase, cue
    if cue is not None:
        return (cue, "direct", (passage.start, passage.end)), phrase, cue
    return None, phrase, None


def _clause_holders(passages: list[Passage], spans: list[tuple[tuple[int, int], Cue]]) -> list:
    """For each passage, the index in ``spans`` of the first clause that overlaps it.

    A clause whose cue lies inside the passage does not count. Passages never
    overlap, so the look-up goes by bisection; the scan stays for any that do.
    """
    bounds = [(p.start, p.end) for p in passages]
    clauses = [(cs, ce, cue.cue.idx) for (cs, ce), cue in spans]
    if disjoint(bounds):
        return first_overlapping(bounds, clauses)
    return [
        next(
            (
                n
                for n, (cs, ce, at) in enumerate(clauses)
                if not s <= at < e and min(ce, e) - max(cs, s) > 0
            ),
            None,
        )
        for s, e in bounds
    ]


def link_passages(doc: Doc, passages: list[Passage], cues: list[Cue]) -> tuple[list, set[int]]:
    """Attribute each passage; return ``(passage, cue, kind, span)`` rows and used cue ids."""
    used: set[int] = set()
    linked: list[tuple[Passage, Cue | None, str, tuple[int, int]]] = []
    spans = [(char_span(doc, c.content), c) for c in cues]
    by_token: dict[int, list[Cue]] = {}
    for cue in cues:
        by_token.setdefault(cue.cue.i, []).append(cue)
    holders = _clause_holders(passages, spans)
    text = doc_text(doc)
    for passage, holder in zip(passages, holders, strict=True):
        choice, phrase, cue = _frame_choice(doc, passage)
        if cue is not None:
            used.update(id(other) for other in by_token.get(cue.cue.i, ()))
        if choice is None and holder is not None:
            (cs, ce), cue = spans[holder]
            rest = text[cs : max(cs, passage.start)] + text[min(ce, passage.end) : ce]
            # Words of the clause outside the marks ("that", a subject) make it mixed.
            if not _WORD.search(rest):
                choice = (cue, "direct", (passage.start, passage.end))
            else:
                choice = (cue, "mixed", (min(cs, passage.start), max(ce, passage.end)))
            used.add(id(cue))
        if choice is None and phrase is not None:
            choice = (phrase, "mixed", (passage.start, passage.end))
            used.update(id(other) for other in by_token.get(phrase.cue.i, ()))
        if choice is not None:
            linked.append((passage, choice[0], choice[1], choice[2]))
        else:
            linked.append((passage, None, "direct", (passage.start, passage.end)))
    return linked, used
