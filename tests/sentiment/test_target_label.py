"""One rule names a target-dependent sentiment score, wherever it is shown."""

from __future__ import annotations

import numpy as np

from analysis.sentiment.actors import _summary
from analysis.sentiment.tone import TARGET_LEAN, target_label


def test_label_follows_the_score():
    assert target_label(-0.35) == "negative"
    assert target_label(-0.18) == "negative"
    assert target_label(0.0) == "neutral"
    assert target_label(TARGET_LEAN) == "neutral"
    assert target_label(0.4) == "positive"
    assert target_label(None) is None and target_label(float("nan")) is None


def test_an_actor_mostly_neutral_but_leaning_negative_is_negative():
    # Each mention's most likely class is neutral, yet every one leans negative:
    # the summary's label must say what its score says.
    probs = [np.array([0.4, 0.55, 0.05]), np.array([0.35, 0.6, 0.05])]
    summary = _summary(probs)
    assert summary["sentiment_score"] < -TARGET_LEAN
    assert summary["sentiment"] == target_label(summary["sentiment_score"]) == "negative"
    assert summary["n_neutral"] == 2
