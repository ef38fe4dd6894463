"""Ingestion: files, structured records, text decoding and saved web pages, into Articles."""

from analysis import lazy_exports

_EXPORTS = {
    "iter_articles": "analysis.ingest.files",
    "load_article": "analysis.ingest.files",
}

__all__ = sorted(_EXPORTS)

__getattr__ = lazy_exports(__name__, _EXPORTS)
