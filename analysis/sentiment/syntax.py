"""Syntax-aware features for target-dependent sentiment, read off a spaCy parse.

Words near a mention are a weak guide to how the sentence treats it: in "the
senator accused Brown" the verb is the same for both names, and only the
parse says who accuses whom. This module turns the parse of a sentence into
named features (the target's relation to its head and governing verb, negation
of that verb, lexicon polarity of the words that modify the target) and a dense
vector made of spaCy's own context vectors (``doc.tensor``, which the pipeline
computes anyway) for the target, its head, its governing verb and its sentence.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from analysis.sentiment.features import word_polarity

if TYPE_CHECKING:
    # Types only: the briefing notebook imports this module and should not pay
    # for importing spaCy, which it never runs.
    from spacy.tokens import Doc, Span, Token

#: Relations that attach descriptive material to the target.
_MODIFIERS = frozenset("amod appos acl relcl compound nmod advmod poss".split())
_VERBAL = frozenset(("VERB", "AUX"))
#: How far up the tree to look for the governing verb.
_MAX_CLIMB = 6
#: Number of spaCy context vectors concatenated into the dense part.
PARTS = 4


def _span(doc: Doc, start: int, end: int) -> Span | None:
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or not len(span):
        return None
    return span


def _governor(root: Token) -> tuple[Token | None, str]:
    """The nearest verb above the target, and the relation on the last step to it."""
    token, relation = root, root.dep_
    for _ in range(_MAX_CLIMB):
        if token.head is token:
            return None, relation
        relation, token = token.dep_, token.head
        if token.pos_ in _VERBAL:
            return token, relation
    return None, relation


def _negated(token: Token) -> bool:
    return any(child.dep_ == "neg" for child in token.children)


def _add_polarity(f: dict[str, float], name: str, words) -> None:
    pos = neg = 0.0
    for word in words:
        p = word_polarity(word)
        if p > 0:
            pos += p
        elif p < 0:
            neg -= p
    if pos:
        f[name + ":pos"] = pos
    if neg:
        f[name + ":neg"] = neg


def syntax_features(
    doc: Doc, start: int, end: int, vectors: bool = True
) -> tuple[dict[str, float], np.ndarray]:
    """Describe one mention through the parse of its sentence.

    Args:
        doc: A parsed Doc (a sentence or a whole article) whose text the offsets index.
        start: Start offset of the mention.
        end: End offset of the mention.
        vectors: Build the dense vector; False returns an empty one (for models without it).

    Returns:
        ``(named features, dense vector)``; the vector has ``PARTS`` times the width
        of ``doc.tensor`` (zeros when the span does not align, empty when the Doc has
        no tensor).
    """
    has_tensor = vectors and doc.tensor is not None and doc.tensor.ndim == 2
    width = doc.tensor.shape[1] if has_tensor else 0
    dense = np.zeros(PARTS * width, dtype=np.float32)
    f: dict[str, float] = {}
    span = _span(doc, start, end)
    if span is None:
        f["sx:none"] = 1.0
        return f, dense
    root = span.root
    head = root.head
    verb, relation = _governor(root)
    f["sx:dep:" + root.dep_] = 1.0
    if head is not root:
        f["sx:hd:" + root.dep_ + "|" + head.lemma_.lower()] = 1.0
        f["sx:h:" + head.lemma_.lower()] = 1.0
        hp = word_polarity(head.lemma_.lower()) or word_polarity(head.lower_)
        if hp:
            f["sx:hpol"] = -hp if _negated(head) else hp
    if verb is not None:
        lemma = verb.lemma_.lower()
        f["sx:v:" + lemma] = 1.0
        f["sx:vr:" + relation + "|" + lemma] = 1.0
        negated = _negated(verb)
        if negated:
            f["sx:vneg"] = 1.0
            f["sx:vr:" + relation + "|not " + lemma] = 1.0
        vp = word_polarity(lemma) or word_polarity(verb.lower_)
        if vp:
            f["sx:vpol:" + relation] = -vp if negated else vp
    for child in root.children:
        if child.dep_ in _MODIFIERS and not start <= child.idx < end:
            f["sx:m:" + child.dep_ + "|" + child.lemma_.lower()] = 1.0
            _add_polarity(f, "sx:mod", (t.lower_ for t in child.subtree))
    if width:
        sent = span.sent
        rows = doc.tensor
        dense[:width] = rows[span.start : span.end].mean(axis=0)
        dense[width : 2 * width] = rows[head.i]
        dense[2 * width : 3 * width] = rows[verb.i] if verb is not None else rows[sent.root.i]
        dense[3 * width :] = rows[sent.start : sent.end].mean(axis=0)
    return f, dense
