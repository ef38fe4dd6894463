"""Target-dependent sentiment: how a sentence portrays one mention in it.

The model is the fine-tuned transformer of :mod:`analysis.sentiment.encoder`; this
module is the public face of it. A text longer than a sentence is cut to the sentence
around its target first, since the model was trained on single sentences.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np

from analysis.sentiment.encoder import LABELS, Item, load_encoder

__all__ = [
    "LABELS",
    "focus",
    "load_model",
    "target_probabilities",
    "target_sentiment",
    "target_sentiment_many",
]

#: Where a plain-text sentence ends: after closing punctuation, before a capital or
#: an opening quote; or at a line break.
_SENTENCE_END = re.compile(r"(?<=[.!?\u201d\"])\s+(?=[\u201c\"A-Z])|\n+")
#: Texts longer than this are cut to the sentence around the target, since the
#: model was trained on single sentences.
MAX_CONTEXT = 600


#: The shipped model, loaded once per process (see :func:`.encoder.load_encoder`).
load_model = load_encoder


def focus(text: str, start: int, end: int) -> Item:
    """Cut a long text to the sentence that holds the target.

    Returns:
        ``(text, start, end)`` with the offsets shifted into the shorter text; a text
        of up to ``MAX_CONTEXT`` characters as it is.
    """
    if len(text) <= MAX_CONTEXT:
        return text, start, end
    begin, finish = 0, len(text)
    for cut in _SENTENCE_END.finditer(text):
        if cut.end() <= start:
            begin = cut.end()
        elif cut.start() >= end:
            finish = cut.start()
            break
    return text[begin:finish], start - begin, end - begin


def target_probabilities(items: Sequence[Item]) -> np.ndarray:
    """Class probabilities for many target mentions.

    Args:
        items: ``(text, target_start, target_end)`` triples; offsets index ``text``.

    Returns:
        An array of shape ``(len(items), 3)``, columns in :data:`LABELS` order.
    """
    if not items:
        return np.zeros((0, len(LABELS)))
    return load_encoder().probabilities([focus(t, s, e) for t, s, e in items])


def target_sentiment_many(items: Sequence[Item]) -> list[tuple[str, float]]:
    """Classify many target mentions in one pass.

    Args:
        items: ``(text, target_start, target_end)`` triples; offsets index ``text``.

    Returns:
        ``(label, probability of that label)`` per item, in order.
    """
    probs = target_probabilities(items)
    best = probs.argmax(axis=1) if len(probs) else []
    return [(LABELS[k], round(float(probs[i, k]), 4)) for i, k in enumerate(best)]


def target_sentiment(text: str, target_start: int, target_end: int) -> tuple[str, float]:
    """Classify the sentiment of ``text`` towards the mention ``[target_start, target_end)``.

    Args:
        text: A sentence (longer texts are cut to the sentence around the target).
        target_start: Start offset of the mention.
        target_end: End offset of the mention.

    Returns:
        ``(label, score)``: label is negative, neutral or positive; score is its probability.
    """
    return target_sentiment_many([(text, target_start, target_end)])[0]
