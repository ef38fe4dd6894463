"""Quotes and reported speech: quotation marks, cues, framing, speakers, headlines.

The one public entry is :func:`extract_quotes`; the other modules are its passes.
"""

from analysis import lazy_exports

_EXPORTS = {
    "extract_quotes": "analysis.quotes.extractor",
}

__all__ = sorted(_EXPORTS)

__getattr__ = lazy_exports(__name__, _EXPORTS)
