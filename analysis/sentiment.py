"""Tone: TextBlob polarity and subjectivity for sentences, quotes and sources.

TextBlob's pattern lexicon is the baseline tone measure. It scores words, not
attitudes towards someone, and is known to be weak on news (macro-F1 about 0.42
on NewsMTSC), so every report labels it as word-level tone.
"""

from __future__ import annotations

import functools

from textblob.en.sentiments import PatternAnalyzer


@functools.lru_cache(maxsize=1)
def _analyzer() -> PatternAnalyzer:
    # PatternAnalyzer needs only the lexicon bundled with TextBlob, no NLTK corpora.
    return PatternAnalyzer()


def tone(text: str) -> tuple[float, float]:
    """Score the word-level tone of a text with TextBlob.

    Args:
        text: Any span of article text.

    Returns:
        ``(polarity, subjectivity)``: polarity in [-1, 1], subjectivity in [0, 1],
        each rounded to four decimals so that repeated runs write identical files.
    """
    if not text or not text.strip():
        return 0.0, 0.0
    result = _analyzer().analyze(text)
    return round(float(result[0]), 4), round(float(result[1]), 4)


def tone_label(polarity: float, negative_below: float = -0.05, positive_above: float = 0.05) -> str:
    """Name a polarity as ``negative``, ``neutral`` or ``positive``.

    Args:
        polarity: A TextBlob polarity.
        negative_below: Polarities below this are negative.
        positive_above: Polarities above this are positive.

    Returns:
        The label.
    """
    if polarity < negative_below:
        return "negative"
    if polarity > positive_above:
        return "positive"
    return "neutral"
