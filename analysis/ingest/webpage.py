"""Reading a news web page: the article body and its metadata, via trafilatura.

Only a saved page is read; nothing here fetches a URL. The page's boilerplate
(navigation, footers, comments) is dropped, and the body keeps one paragraph per
block, separated by blank lines, so that later stages can number paragraphs.
"""

from __future__ import annotations

import logging
import re

import trafilatura

#: A page counts as an article only if its extracted text has at least this many
#: words and at least one block that reads like a sentence. Script-only pages and
#: menus leave behind fragments such as "Enable JavaScript" or "Home News".
MIN_WORDS = 15
MIN_SENTENCE_WORDS = 8

# Only dates in the page's markup (meta tags, <time>, the URL) count. A search of
# the free text would take a footer's "© 2024" for a publication date.
_DATE_PARAMS = {"extensive_search": False, "original_date": True, "outputformat": "%Y-%m-%d"}

_HTML_START = re.compile(
    r"\A\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html)\b", re.I | re.S
)
_HTML_TAGS = re.compile(r"<(?:head|body|p|div|article|meta|title)\b[^>]*>", re.I)

# Where one block of a page ends and the next begins, and between two links or before
# an image, the text of each side is a separate item; without white space in the
# markup the extracted text glues them into one word ("NoemSouth Dakota").
_BLOCKS = "div|p|li|ul|ol|h[1-6]|td|th|tr|table|figure|figcaption|section|blockquote|dd|dt"
_BOUNDARY = re.compile(rf"(?=<(?:{_BLOCKS}|br|img)\b)|(</(?:{_BLOCKS})>)|(</a>)(?=<a\b)", re.I)


def looks_like_html(text: str) -> bool:
    """Tell whether a decoded file is an HTML page, whatever its name.

    Args:
        text: The decoded file content.

    Returns:
        True if it opens like an HTML document or carries several HTML tags early on.
    """
    if _HTML_START.match(text):
        return True
    head = text[:4096]
    return head.lstrip().startswith("<") and len(_HTML_TAGS.findall(head)) >= 2


def extract_html(page: str) -> dict[str, str | None] | None:
    """Extract the article text and metadata from an HTML page.

    Args:
        page: The decoded HTML.

    Returns:
        A dict with ``text`` (paragraphs separated by blank lines, not yet
        whitespace-normalised), ``title``, ``byline``, ``published`` (as
        trafilatura reports it), ``outlet`` and ``url``; or None if the page holds
        no article text.
    """
    # trafilatura reports unparseable pages through logging; the caller turns a
    # missing result into one clear error, so these warnings would only be noise.
    logger = logging.getLogger("trafilatura")
    level = logger.level
    logger.setLevel(logging.CRITICAL)
    try:
        doc = trafilatura.bare_extraction(
            _spaced(page),
            with_metadata=True,
            include_comments=False,
            include_images=False,
            date_extraction_params=_DATE_PARAMS,
        )
    finally:
        logger.setLevel(level)
    if doc is None:
        return None
    meta = doc if isinstance(doc, dict) else doc.as_dict()

    title = _clean(meta.get("title"))
    blocks = [" ".join(line.split()) for line in (meta.get("text") or "").split("\n")]
    blocks = [block for block in blocks if block]
    # A headline inside <article> comes back as the first block; it is the title,
    # not part of the body.
    if blocks and title and blocks[0].casefold() == title.casefold():
        blocks = blocks[1:]
    if not _is_article(blocks):
        return None
    return {
        "text": "\n\n".join(blocks),
        "title": title,
        "byline": _clean(meta.get("author")),
        "published": _clean(meta.get("date")),
        "outlet": _clean(meta.get("sitename")) or _clean(meta.get("hostname")),
        "url": _clean(meta.get("url")),
    }


def _spaced(page: str) -> str:
    """Put a space at every block boundary, between adjacent links and before images."""
    return _BOUNDARY.sub(lambda m: (m.group(1) or m.group(2) or "") + " ", page)


def _is_article(blocks: list[str]) -> bool:
    words = [len(block.split()) for block in blocks]
    return sum(words) >= MIN_WORDS and max(words, default=0) >= MIN_SENTENCE_WORDS


def _clean(value: object) -> str | None:
    if not isinstance(value, str):
        return None
    value = " ".join(value.split())
    return value or None
