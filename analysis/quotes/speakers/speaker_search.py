"""Speaker search: who speaks when the parse gives a cue no subject.

The parser sometimes leaves a cue verb without a subject: it hangs the name on
a date before it (`On Monday, Ann Weir, a spokeswoman, said ...`), inverts the
order after a quotation (`“...,” said the woman`), or attaches a participle
(`..., writing “...”`) or a cue noun (`made charges that ...`) to a clause whose
subject is the speaker. These functions find that speaker from word order and
the clause above the cue.
"""

from __future__ import annotations

import re
from bisect import bisect_right

from spacy.tokens import Doc, Token

from analysis.nlp import doc_text
from analysis.quotes.cues.subjects import subject_of
from analysis.quotes.limits import (
    DATELINE_PART_CHARS,
    FRAGMENT_CLIMB,
    INVERTED_SPEAKER_TOKENS,
    NOUN_CUE_CLIMB,
    PARTICIPLE_CLIMB,
)

_FINITE = frozenset({"VBD", "VBZ", "VBP"})
_NOMINAL = frozenset({"PROPN", "NOUN", "PRON"})
#: Words that may stand between a subject and its verb: "has also said".
_BETWEEN = frozenset({"ADV", "AUX", "PART"})
#: Words that may open a noun phrase after an inverted cue: "said the new mayor".
_NP_OPEN = frozenset({"DET", "ADJ", "NUM", "PROPN", "NOUN"})
_SKIP = {",": ",", ")": "("}
#: Quantifiers that stand as a subject on their own ("many argue", "4 in 10 say"),
#: which the parser tends to hang on the verb as a modifier.
_QUANTIFIERS = frozenset("many most some few several more others all both half".split())


def _nominal(token: Token) -> bool:
    """Whether a token can head a subject: a noun, a pronoun, a number or a quantifier."""
    return token.pos_ in _NOMINAL or token.pos_ == "NUM" or token.lower_ in _QUANTIFIERS


def orphan_subject(verb: Token, content: tuple[int, int]) -> Token | None:
    """Find the speaker a broken parse left unattached to a cue.

    In `Col. Ann Weir, a spokeswoman in Kabul, said ...` or `the average of polls
    shows ...` the parser may hang the name elsewhere; the speaker is still the
    noun phrase that ends right before a finite verb, past any apposition or
    parenthesis. After a quotation the order may be inverted (`“...,” said the
    woman, who ...`), and then the noun phrase right after the verb speaks.

    Args:
        verb: The cue verb, which the parse gave no subject.
        content: Token range of the reported content; the speaker lies outside it.

    Returns:
        A token of that noun phrase, or None.
    """
    if verb.tag_ not in _FINITE:
        return _clause_subject(verb, content)
    doc = verb.doc
    first, k = verb.sent.start, verb.i - 1
    while k >= first and doc[k].pos_ in _BETWEEN:
        k -= 1
    if k >= first and doc[k].text in _SKIP:
        # Skip an apposition or a parenthesis: "Weir, a spokeswoman, said".
        opener = _SKIP[doc[k].text]
        k -= 1
        while k >= first and doc[k].text != opener:
            if doc[k].text in (".", ";", ":"):
                return None
            k -= 1
        k -= 1
    token = doc[k] if k >= first else None
    if token is not None and _nominal(token) and not content[0] <= k < content[1]:
        return token
    if token is None or token.is_quote or token.text == ",":
        # Inverted after a quotation: "“...,” said the woman". A frame that interrupts
        # its content ("“The risk,” said Ann Weir, “is ...”") lies inside it, speaker too.
        framed = content[0] <= verb.i < content[1]
        for after in doc[verb.i + 1 : min(verb.sent.end, verb.i + 1 + INVERTED_SPEAKER_TOKENS)]:
            if after.pos_ not in _NP_OPEN or (not framed and content[0] <= after.i < content[1]):
                return None
            if after.pos_ in _NOMINAL:
                return _noun_phrase_head(after)
    return None


#: Links from a modifier to the noun it modifies: "The Company’s chair Ann Roe" is Ann Roe.
_MODIFIER_DEPS = frozenset({"poss", "compound", "nmod", "amod", "case"})


def _noun_phrase_head(token: Token) -> Token:
    """Climb from a possessor or modifier to the head of its noun phrase.

    The speaker is the person, not the employer that modifies their title: in
    "said the company’s chief executive Ann Roe" the first noun is the company's.
    """
    node = token
    while node.dep_ in _MODIFIER_DEPS and node.head.i > node.i and node.head.pos_ in _NOMINAL:
        node = node.head
    mark = next((c for c in node.children if c.tag_ == "POS" and c.i > node.i), None)
    if mark is None:
        return node
    # A possessor the parse leaves as the head ("The Company’s ... chair Ann Roe", its
    # title and name hung elsewhere): the owned noun phrase follows the mark.
    owned = node
    for after in node.doc[mark.i + 1 : min(node.sent.end, mark.i + 1 + _OWNED_TOKENS)]:
        if after.pos_ not in _OWNED_WORDS and after.tag_ != "VBN":
            break
        if after.pos_ in ("NOUN", "PROPN"):
            owned = after
    return owned


#: Words of the noun phrase a possessor owns: "’s recently named executive chair Ann Roe".
_OWNED_WORDS = frozenset({"ADV", "ADJ", "NOUN", "PROPN"})
#: Tokens after a possessive mark searched for the owned noun phrase.
_OWNED_TOKENS = 8


def _clause_subject(verb: Token, content: tuple[int, int]) -> Token | None:
    """The subject of the clause a participle hangs from: `Flea posted it, writing ...`."""
    node = verb
    for _ in range(PARTICIPLE_CLIMB):
        if node.head.i == node.i or node.dep_ in ("ccomp", "relcl", "acl"):
            return None
        node = node.head
        if node.pos_ in ("VERB", "AUX"):
            subject = subject_of(node)
            if subject is not None and not content[0] <= subject.i < content[1]:
                return subject
    return None


#: Links from a noun up to the verb it completes: "made charges", "voted in favor".
_NOUN_UP = frozenset({"dobj", "pobj", "prep", "attr", "compound"})


def holder_of(noun: Token, content: tuple[int, int]) -> Token | None:
    """Find who holds a noun cue from the verb it completes: `Trump made charges that ...`.

    Args:
        noun: The cue noun ("charges", "view", "hope"), which names no holder itself.
        content: Token range of the reported content; the holder lies outside it.

    Returns:
        The subject of the verb above the noun, or None.
    """
    node = noun
    for _ in range(NOUN_CUE_CLIMB):
        if node.dep_ not in _NOUN_UP or node.head.i == node.i:
            break
        node = node.head
    if node.pos_ not in ("VERB", "AUX") or node.i == noun.i:
        return None
    subject = subject_of(node)
    if subject is None or content[0] <= subject.i < content[1]:
        return None
    return subject


#: A dateline opening a paragraph: "WASHINGTON (AP) —", "CLEVELAND, July 19 (UPI) —".
_DATELINE = re.compile(
    r"(?:[A-Z][A-Z.' ]+|[A-Z][\w.' ]+?(?=\s*\())"
    rf"(?:,[^—–\n(]{{1,{DATELINE_PART_CHARS}}})?"
    rf"\s*(?:\([^)\n]{{1,{DATELINE_PART_CHARS}}}\))?\s*(?:—|–|--|-)\s*"
)
_NP_INNER = frozenset({"compound", "det", "amod", "poss", "case", "punct", "nummod"})


def past_dateline(token: Token) -> Token:
    """Move a speaker off the dateline the parser took for a subject.

    In `WASHINGTON (AP) — Senator Ann Weir said ...` the place that opens the
    story is no one's voice; the speaker is the noun phrase after the dash.

    Args:
        token: The speaker token.

    Returns:
        The head of the first noun phrase after the dateline, or ``token`` itself.
    """
    doc = token.doc
    line_end = _dateline_end(doc, token.idx)
    if line_end is None or token.idx >= line_end:
        return token
    for after in doc[token.i + 1 : token.sent.end]:
        if after.idx < line_end or after.dep_ in _NP_INNER:
            continue
        return after if after.pos_ in _NOMINAL else token
    return token


#: Where :func:`_dateline_end` keeps a Doc's line starts and the datelines found there.
_LINES_KEY = "newsbrief.lines"


def _dateline_end(doc: Doc, offset: int) -> int | None:
    """The end of the dateline that opens the line holding ``offset``, or None.

    The line starts and each line's dateline are found once per Doc and kept with it,
    so that many speakers on one long line cost one search, not one each.
    """
    found = doc.user_data.get(_LINES_KEY)
    if found is None:
        text = doc_text(doc)
        starts = [0] + [m.end() for m in re.finditer("\n", text)]
        found = doc.user_data[_LINES_KEY] = (starts, {})
    starts, datelines = found
    # A line starts after the last newline before the offset (not at it).
    start = starts[max(0, bisect_right(starts, offset) - 1)]
    if start not in datelines:
        line = _DATELINE.match(doc_text(doc), start)
        datelines[start] = line.end() if line is not None else None
    return datelines[start]


def fragment_holder(doc_span: tuple[Token, Token]) -> Token | None:
    """Find who utters a quoted fragment that no cue claims: `Ann called him “a fraud”`.

    A fragment in someone's clause ("described the plan as “a disaster”",
    "thanked her for “taking the lead”") is that clause's subject's wording: the
    speaker is the subject of the nearest verb above the fragment's words.

    Args:
        doc_span: The first and last tokens of the fragment.

    Returns:
        The subject token, or None when the fragment hangs on no verb with one.
    """
    first, last = doc_span
    inner = [t for t in first.doc[first.i : last.i + 1] if not t.is_punct]
    if not inner:
        return None
    # The fragment's own root: the word whose head lies outside it.
    root = next((t for t in inner if not first.i <= t.head.i <= last.i), None)
    node = root
    for _ in range(FRAGMENT_CLIMB):
        if node is None or node.head.i == node.i:
            return None
        node = node.head
        if node.pos_ in ("VERB", "AUX"):
            subject = subject_of(node)
            if subject is None or first.i <= subject.i <= last.i:
                return None
            return subject
    return None
