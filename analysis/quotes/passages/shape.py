"""Quote shape: whether a passage after its cue is the cue's words or the writer's.

A quotation that a cue introduces stands after the cue or after the punctuation
that sets it off (`said: “...”`). A passage inside the writer's own clause
(`noted the “senseless deaths”`), or one that finishes a clause begun before an
interrupting frame (`An early vote, she said, “would be a mistake.”`), is part
of a mixed report instead.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span, Token

from analysis.nlp import doc_text
from analysis.quotes.cues.clauses import Cue
from analysis.quotes.lexicon import BELIEF_VERBS
from analysis.quotes.passages.marks import Passage, is_title

_WORD = re.compile(r"\w+(?:[-'’]\w+)*")

#: Dependents of a cue that may stand between it and its quote: `told reporters “...”`.
_FRAME_OBJECTS = frozenset({"dative", "npadvmod", "prt"})


_ADVERBIAL = frozenset({"ADP", "SCONJ", "CCONJ", "ADV", "NUM", "INTJ"})


def _next_word(doc: Doc, k: int, step: int) -> Token | None:
    while 0 <= k < len(doc) and doc[k].is_space and "\n" not in doc[k].text:
        k += step
    return doc[k] if 0 <= k < len(doc) else None


def embedded(doc: Doc, passage: Passage, first: int, last: int, cue: Cue) -> bool:
    """Whether a passage after its cue is a phrase of the reporter's own clause.

    A cue's quotation stands after the cue itself or after punctuation that sets it
    off (`said: “...”`, `told them, “...”`). A passage after any other word is a
    phrase the writer quotes inside their own sentence (`noted the “senseless
    deaths”`, `accused him of “fanatic recklessness”`), and so is one that breaks
    off before the sentence goes on (`says “the wind is at our backs” despite ...`).

    Args:
        doc: The parsed article.
        passage: The quoted passage.
        first: Index of its first token.
        last: Index of its last token.
        cue: The cue found before it.

    Returns:
        True when the passage is part of a mixed report rather than a direct quote.
    """
    if is_title(doc_text(doc), passage):
        return False  # a name (“Meet the Press”) keeps its place in a split quote
    if cue.cue.lemma_.lower() in BELIEF_VERBS and starts_lower(doc, passage):
        return True  # what someone wants or fears: `wants “a total shutdown”`
    prev = _next_word(doc, first - 1, -1)
    if prev is not None and not (prev.is_punct or prev.is_space or prev.text.endswith(".")):
        in_cue = cue.cue.i <= prev.i < cue.cue_end
        if not in_cue and not (prev.head.i == cue.cue.i and prev.dep_ in _FRAME_OBJECTS):
            return True
    inner = doc_text(doc)[passage.start : passage.end].rstrip("”’\"' ")
    if inner[-1:] in ",.!?;:…—-":
        return False
    # A complete quotation may be followed by an adverbial (`said “CNN” five times`);
    # a fragment is followed by the rest of its clause: its verb or its noun.
    nxt = _next_word(doc, last + 1, 1)
    return nxt is not None and nxt.is_alpha and (nxt.pos_ not in _ADVERBIAL or nxt.lower_ == "of")


def starts_lower(doc: Doc, passage: Passage) -> bool:
    """Whether a passage's first word is lower case: it goes on a sentence begun outside."""
    words = _WORD.findall(doc_text(doc)[passage.start : passage.end])
    return bool(words) and words[0][0].islower()


def lead_in(doc: Doc, cue: Cue, quoted: Span) -> int | None:
    """Find the words a frame interrupts: `An early vote, he said, “would be a mistake.”`.

    A quotation that goes on a clause begun before a frame set off by commas is
    one report with those words (its subject, its verb), so together they form a
    mixed quote.

    Args:
        doc: The parsed article.
        cue: The cue before the quotation.
        quoted: The tokens of the quoted passage.

    Returns:
        The offset of the first word of the interrupted clause, or None.
    """
    left = cue.cue.i
    if cue.speaker is not None and cue.speaker.i < left:
        left = min(left, cue.speaker.left_edge.i)
    if left == 0 or doc[left - 1].text != ",":
        return None
    start = left - 1
    while start > cue.cue.sent.start and not _clause_edge(doc[start - 1]):
        start -= 1
    lead = range(start, left - 1)
    inner = range(quoted.start, quoted.end)
    # The lead and the quotation share a clause when the parse links them directly.
    linked = any(t.head.i in inner for t in doc[start : left - 1])
    if not linked and not any(t.head.i in lead for t in quoted):
        return None
    while start < left - 1 and (doc[start].is_punct or doc[start].is_space):
        start += 1
    return doc[start].idx if start < left - 1 else None


def _clause_edge(token: Token) -> bool:
    return token.text in (",", ";", ":", "—", "–") or token.pos_ == "CCONJ" or token.is_quote
