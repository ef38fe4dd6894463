"""Fetching an article's web page, for ``newsbrief report URL`` and ``newsbrief extract URL``.

Only ``http`` and ``https`` are fetched, redirects included; the server has
:data:`~analysis.ingest.limits.FETCH_TIMEOUT` seconds to answer and the page may
be at most :data:`~analysis.ingest.limits.MAX_PAGE_BYTES`. The page then goes
through the same ingestion as a saved page, and the URL is recorded as
``article.url`` and ``source_path``. Whatever goes wrong (no network, a refused
connection, an HTTP error, a timeout, a page too big or not a page) is one
:class:`~analysis.article.IngestError` line naming the URL.
"""

from __future__ import annotations

import dataclasses
import http.client
import re
import socket
import urllib.error
import urllib.parse
import urllib.request

from analysis.article import Article, IngestError
from analysis.ingest.files import article_from_bytes
from analysis.ingest.limits import FETCH_TIMEOUT, MAX_PAGE_BYTES
from analysis.ingest.textio import refuse_binary, slugify

SCHEMES = ("http", "https")
USER_AGENT = "newsbrief (+https://github.com/newsbrief)"
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://")
#: The content types read, and the file type each is read as.
_TYPES = {
    "text/html": ".html",
    "application/xhtml+xml": ".html",
    "text/plain": ".txt",
    "application/json": ".json",
}


def is_url(text: str) -> bool:
    """Tell whether an ARTICLE argument is a URL (``scheme://...``) rather than a file."""
    return bool(_SCHEME.match(str(text)))


class _Redirects(urllib.request.HTTPRedirectHandler):
    """Follow redirects to http and https only (urllib would follow one to ftp too)."""

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        scheme = urllib.parse.urlsplit(newurl).scheme.lower()
        if scheme not in SCHEMES:
            raise urllib.error.URLError(f"redirected to a {scheme or 'relative'}: URL")
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def _checked(url: str) -> str:
    parts = urllib.parse.urlsplit(url)
    if parts.scheme.lower() not in SCHEMES:
        raise IngestError(url, f"only http:// and https:// URLs are fetched, not {parts.scheme}:")
    if not parts.hostname:
        raise IngestError(url, "not a valid URL (no host)")
    if any(ch.isspace() or not ch.isprintable() for ch in url):
        raise IngestError(url, "not a valid URL (it holds spaces or control characters)")
    return url


def _problem(error: BaseException, timeout: float) -> str:
    if isinstance(error, urllib.error.HTTPError):
        return f"the server answered HTTP {error.code} {error.reason}"
    if isinstance(error, urllib.error.URLError):
        error = error.reason if isinstance(error.reason, BaseException) else error
        if isinstance(error, urllib.error.URLError):
            return f"cannot fetch ({error.reason})"
    if isinstance(error, (TimeoutError, socket.timeout)):
        return f"no answer within {timeout:g} seconds"
    if isinstance(error, socket.gaierror):
        return "cannot fetch (the host name does not resolve; is the network reachable?)"
    text = getattr(error, "strerror", None) or str(error) or type(error).__name__
    return f"cannot fetch ({text})"


def fetch_page(
    url: str, timeout: float = FETCH_TIMEOUT, limit: int = MAX_PAGE_BYTES
) -> tuple[bytes, str]:
    """Fetch a page's bytes.

    Args:
        url: An ``http://`` or ``https://`` URL.
        timeout: Seconds to wait for the connection and for each read.
        limit: Most bytes accepted.

    Returns:
        ``(bytes, file type)``, the file type (``.html``, ``.txt``, ``.json``) read
        from the answer's content type.

    Raises:
        IngestError: One line naming the URL, whatever went wrong.
    """
    _checked(url)
    opener = urllib.request.build_opener(_Redirects())
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT, "Accept": "*/*"})
    try:
        with opener.open(request, timeout=timeout) as answer:
            kind = (answer.headers.get_content_type() or "text/html").lower()
            length = answer.headers.get("Content-Length")
            if length and length.isdigit() and int(length) > limit:
                raise IngestError(url, f"the page is larger than the {limit // 2**20} MiB limit")
            data = answer.read(limit + 1)
    except IngestError:
        raise
    except (urllib.error.URLError, http.client.HTTPException, OSError, ValueError) as error:
        raise IngestError(url, _problem(error, timeout)) from None
    if len(data) > limit:
        raise IngestError(url, f"the page is larger than the {limit // 2**20} MiB limit")
    if kind not in _TYPES:
        raise IngestError(url, f"not a web page (the server sent {kind})")
    if not data:
        raise IngestError(url, "the server sent an empty page")
    return data, _TYPES[kind]


def load_url(url: str, timeout: float = FETCH_TIMEOUT) -> Article:
    """Fetch a page and read it as an article, as a saved page would be read.

    Args:
        url: An ``http://`` or ``https://`` URL.
        timeout: Seconds the server may take.

    Returns:
        The article; its ``url`` and ``source_path`` are the URL, its id a slug of
        the URL's last path part (or host).

    Raises:
        IngestError: If the page cannot be fetched or holds no article.
    """
    data, suffix = fetch_page(url, timeout)
    refuse_binary(data, url)
    parts = urllib.parse.urlsplit(url)
    last = parts.path.rstrip("/").rsplit("/", 1)[-1]
    stem = last.rsplit(".", 1)[0] if "." in last else last
    article_id = slugify(stem) or slugify(parts.hostname or "") or "page"
    article = article_from_bytes(data, url, suffix, article_id)
    return dataclasses.replace(article, url=url, source_path=url)


def load_article_or_url(given: str) -> Article:
    """Read ARTICLE as the command line gives it: a URL is fetched, anything else is a file."""
    if is_url(given):
        return load_url(given)
    from analysis.ingest.files import load_article

    return load_article(given)
