"""Quotes and reported speech: quotation marks, cues, framing, speakers, headlines.

The one public entry is :func:`extract_quotes`; the other modules are its passes.
The core modules here hold the candidates, their acts, the attribution layer, the
word lists, the search limits and the span indexes; the passes that read the text
are grouped by what they find: cues (:mod:`.cues`), quoted passages
(:mod:`.passages`) and speakers (:mod:`.speakers`).
"""

from analysis import lazy_exports

_EXPORTS = {
    "extract_quotes": "analysis.quotes.extractor",
}

__all__ = sorted(_EXPORTS)

__getattr__ = lazy_exports(__name__, _EXPORTS)
