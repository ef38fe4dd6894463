"""Tone and sentiment: word-level tone (cheap, for the kernel), then the target model.

:mod:`.tone` imports nothing heavy; :mod:`.encoder` runs the target-dependent model
and :mod:`.target` is its public face; :mod:`.actors` sums it per actor; :mod:`.cli` is
the ``newsbrief sentiment`` command.
"""

from analysis import lazy_exports

_EXPORTS = {
    "TARGET_SENTIMENT_MACRO_F1": "analysis.sentiment.tone",
    "actor_sentiment": "analysis.sentiment.actors",
    "actor_sentiments": "analysis.sentiment.actors",
    "load_model": "analysis.sentiment.target",
    "target_sentiment": "analysis.sentiment.target",
    "target_sentiment_many": "analysis.sentiment.target",
    "tone_label": "analysis.sentiment.tone",
    "target_label": "analysis.sentiment.tone",
}

__all__ = sorted(_EXPORTS)

__getattr__ = lazy_exports(__name__, _EXPORTS)
