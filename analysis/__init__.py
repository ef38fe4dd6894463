"""newsbrief: who is cited in a news article, what they said, and how it is said.

The public API is small::

    import analysis
    a = analysis.analyze(analysis.load_article("article.txt"))
    a.quotes, a.sources, a.entities, a.sentences

Names are imported on first use, so that ``import analysis`` stays cheap in a
notebook kernel that only reads a finished ``analysis.json``.
"""

from __future__ import annotations

import importlib

__version__ = "0.1.0"

_EXPORTS = {
    "Article": "analysis.article",
    "IngestError": "analysis.article",
    "load_article": "analysis.ingest",
    "iter_articles": "analysis.ingest",
    "analyze": "analysis.pipeline",
    "analyze_many": "analysis.pipeline",
    "Analysis": "analysis.tables",
}

__all__ = ["__version__", *_EXPORTS]


def __getattr__(name: str):
    if name in _EXPORTS:
        return getattr(importlib.import_module(_EXPORTS[name]), name)
    raise AttributeError(f"module 'analysis' has no attribute {name!r}")
