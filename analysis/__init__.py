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
    "load_article": "analysis.ingest.files",
    "iter_articles": "analysis.ingest.files",
    "analyze": "analysis.pipeline",
    "analyze_many": "analysis.pipeline",
    "Analysis": "analysis.tables",
}

__all__ = ["__version__", *_EXPORTS]


def lazy_exports(package: str, exports: dict[str, str]):
    """Build a module ``__getattr__`` that imports each exported name on first use.

    Args:
        package: The package's ``__name__``, for the error message.
        exports: Public name to the module that defines it.

    Returns:
        A function to assign to the package's ``__getattr__``.
    """

    def __getattr__(name: str):
        if name in exports:
            return getattr(importlib.import_module(exports[name]), name)
        raise AttributeError(f"module {package!r} has no attribute {name!r}")

    return __getattr__


__getattr__ = lazy_exports(__name__, _EXPORTS)
