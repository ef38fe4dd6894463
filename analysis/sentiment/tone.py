"""Word-level tone: TextBlob's pattern lexicon, and the labels every table uses.

TextBlob's pattern lexicon is the baseline tone measure. It scores words, not
attitudes towards someone, and is known to be weak on news (macro-F1 about 0.42
on NewsMTSC), so every report labels it as word-level tone.

This module is cheap to import: the briefing kernel reads labels and thresholds
from here without loading TextBlob, numpy or the target model.
"""

from __future__ import annotations

#: Word-level tone below this is labelled negative. TextBlob's polarity of a neutral news
#: sentence hovers around zero, so a small band either side counts as neutral.
NEGATIVE_BELOW = -0.05
#: Word-level tone above this is labelled positive.
POSITIVE_ABOVE = 0.05
#: The tone labels, from most negative to most positive.
TONE_LABELS = ("negative", "neutral", "positive")

#: Target-dependent sentiment: an actor's score is the mean of P(positive) - P(negative)
#: over its mentions, in [-1, 1]. One rule names it, wherever it is shown (the
#: portrayal table, the chart's colours, the corpus tables): a mean lean of more
#: than this either way is negative or positive, anything nearer zero neutral.
TARGET_LEAN = 0.15

#: Entity labels that can be portrayed (people, organisations, places, groups): the only
#: entities the target model judges, and the only ones the portrayal table lists.
ACTOR_LABELS = ("PERSON", "ORG", "GPE", "NORP", "LOC", "FAC")

#: Macro-F1 of the bundled target-dependent model (the int8 transformer) on the NewsMTSC
#: dev split, through ``newsbrief sentiment --jsonl`` and ``benchmarks/sentiment_eval.py``
#: (accuracy 0.831). Dev chose nothing: the recipe is fixed and only train trains. The
#: recipe, teacher and student trained anew on each fold, scores 0.750 in 3-fold
#: cross-validation on train (``--folds 3``).
TARGET_SENTIMENT_MACRO_F1 = 0.81


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
    # Imported here: building the scorer reads TextBlob's lexicon, which callers
    # that only want labels and thresholds (the briefing kernel) should not pay.
    from analysis.sentiment.pattern import scorer

    result = scorer()(text)
    return round(float(result[0]), 4), round(float(result[1]), 4)


def tone_label(
    polarity: float, negative_below: float = NEGATIVE_BELOW, positive_above: float = POSITIVE_ABOVE
) -> str:
    """Name a polarity as ``negative``, ``neutral`` or ``positive``.

    Args:
        polarity: A TextBlob polarity.
        negative_below: Polarities below this are negative.
        positive_above: Polarities above this are positive.

    Returns:
        The label.
    """
    if polarity < negative_below:
        return TONE_LABELS[0]
    if polarity > positive_above:
        return TONE_LABELS[2]
    return TONE_LABELS[1]


def target_label(score: float | None, lean: float = TARGET_LEAN) -> str | None:
    """Name a target-dependent sentiment score: the one rule for every table and chart.

    Args:
        score: Mean P(positive) - P(negative) over an actor's mentions, or None.
        lean: How far from zero a score must lean to be negative or positive.

    Returns:
        ``negative``, ``neutral`` or ``positive``; None when there is no score.
    """
    if score is None or score != score:
        return None
    return tone_label(score, -lean, lean)
