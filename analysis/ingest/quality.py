"""The last step of ingestion: page furniture out, the language in.

Every article that ingestion builds passes through :func:`finish`, whatever the
input format, so that the body later stages analyse holds no sign-up boxes and
the article says which language it is in.
"""

from __future__ import annotations

import dataclasses

from analysis.article import Article
from analysis.ingest.furniture import drop_furniture
from analysis.ingest.language import detect_language


def finish(article: Article, exact_text: bool = False) -> Article:
    """Drop the furniture lines from an article's body and record its language.

    Args:
        article: The article as read.
        exact_text: The body must stay exactly as given (JSONL, whose offsets index
            the input line): furniture is then left in place.

    Returns:
        The article with ``text``, ``furniture`` and ``language`` set.
    """
    text, dropped = article.text, []
    if not exact_text:
        body, dropped = drop_furniture(article.text)
        # A body that is nothing but such lines is still the body: keep it whole.
        if body.strip():
            text = body
        else:
            dropped = []
    return dataclasses.replace(
        article, text=text, furniture=dropped, language=detect_language(text)
    )
