"""Reading a news web page: the article body and its metadata, via trafilatura.

Only a saved page is read; nothing here fetches a URL. The page's boilerplate
(navigation, footers, comments) is dropped, and the body keeps one paragraph per
block, separated by blank lines, so that later stages can number paragraphs.
"""

from __future__ import annotations

import html
import logging
import re

import ftfy
import trafilatura

from analysis.ingest.metadata import clean_byline, clean_outlet, clean_title, outlet_in_title

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

    hostname, sitename = _clean(meta.get("hostname")), _clean(meta.get("sitename"))
    outlet = (
        clean_outlet(sitename)
        or _outlet_in_title(page, _clean(meta.get("title")))
        or clean_outlet(None, hostname)
    )
    title = clean_title(_clean(meta.get("title")), [outlet, sitename, hostname])
    blocks = [" ".join(line.split()) for line in (meta.get("text") or "").split("\n")]
    blocks = [block for block in blocks if block]
    for fallback in ("title", "h1"):
        # trafilatura may keep only the site's part of a title ("Site | Headline").
        title = title or clean_title(_first_tag(page, fallback), [outlet, hostname])
    # A headline inside <article> comes back as the first block; it is the title,
    # not part of the body.
    if blocks and title and blocks[0].casefold() == title.casefold():
        blocks = blocks[1:]
    if not _is_article(blocks):
        return None
    return {
        "text": "\n\n".join(blocks),
        "title": title,
        "byline": clean_byline(_clean(meta.get("author")), outlet),
        "published": _clean(meta.get("date")),
        "outlet": outlet,
        "url": _clean(meta.get("url")),
    }


def _outlet_in_title(page: str, headline: str | None) -> str | None:
    """The site's name beside the headline in the page's ``<title>``, when no field gives it.

    "Headline | Daily Ledger" names the site better than a bare host name does; the
    headline to set it off against is the metadata's title or else the ``<h1>``.
    """
    page_title = _first_tag(page, "title")
    return outlet_in_title(page_title, headline) or outlet_in_title(
        page_title, _first_tag(page, "h1")
    )


def _spaced(page: str) -> str:
    """Put a space at every block boundary, between adjacent links and before images."""
    return _BOUNDARY.sub(lambda m: (m.group(1) or m.group(2) or "") + " ", page)


_FIRST = {
    name: re.compile(rf"<{name}\b[^>]*>(.*?)</{name}\s*>", re.I | re.S) for name in ("title", "h1")
}
_TAG = re.compile(r"<[^>]+>")


def _first_tag(page: str, name: str) -> str | None:
    """The text of the page's first ``<title>`` or ``<h1>``, when metadata gave no headline."""
    found = _FIRST[name].search(page)
    if found is None:
        return None
    return _clean(html.unescape(_TAG.sub(" ", found.group(1))))


#: Scripts written without spaces between words (Chinese, Japanese, Thai, Lao, Khmer, Myanmar).
_UNSPACED = re.compile(
    "[\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff]"
)


def word_count(block: str) -> int:
    """Count the words of a block, also in scripts that put no spaces between words.

    Text in such a script counts one word for every two of its characters, about
    the length of a Chinese or Japanese word, so it is never refused as too short.
    """
    return len(block.split()) + len(_UNSPACED.findall(block)) // 2


def _is_article(blocks: list[str]) -> bool:
    words = [word_count(block) for block in blocks]
    return sum(words) >= MIN_WORDS and max(words, default=0) >= MIN_SENTENCE_WORDS


def _clean(value: object) -> str | None:
    if not isinstance(value, str):
        return None
    value = " ".join(ftfy.fix_encoding(value).split())
    return value or None
