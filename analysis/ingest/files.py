"""Ingestion: turn a file on disk into :class:`~analysis.article.Article` records.

One article comes from a plain-text, Markdown, HTML or JSON file
(:func:`load_article`); many come from a JSONL or CSV file or a folder
(:func:`iter_articles`). Input that cannot be an article (missing, empty,
binary, truncated, broken) is refused with an :class:`IngestError` whose
message is one line naming the file and the problem.

Whitespace is normalised without changing the text's shape: odd spaces become
plain spaces one for one, line endings become ``\\n``, curly quotes stay. JSONL
text is kept exactly as given, because offsets then index the input line.
"""

from __future__ import annotations

import codecs
import hashlib
import re
from collections.abc import Iterator
from pathlib import Path

from analysis.article import Article, IngestError
from analysis.ingest.limits import MAX_ARTICLE_BYTES, MAX_ROWS_FILE_BYTES
from analysis.ingest.quality import finish
from analysis.ingest.records import (
    article_from_record,
    iter_records,
    jsonl_lines,
    parse_json,
    rows_to_articles,
)
from analysis.ingest.textio import (
    check_regular_file,
    decode,
    iso_date,
    normalise,
    read_limited,
    refuse_binary,
    repair,
    slugify,
)
from analysis.ingest.webpage import extract_html, looks_like_html

__all__ = [
    "Article",
    "IngestError",
    "article_from_record",
    "iter_articles",
    "load_article",
]

TEXT_SUFFIXES = frozenset({".txt", ".text", ".md", ".markdown"})
HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})
ONE_ARTICLE_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | {".json"}
MANY_ARTICLE_SUFFIXES = frozenset({".jsonl", ".ndjson", ".csv"})


def load_article(path: str | Path) -> Article:
    """Read one article from a file.

    Args:
        path: A ``.txt``/``.md`` (or other text), ``.html``/``.htm`` or ``.json``
            file. A JSONL or CSV file is accepted when it holds exactly one row;
            a bad row in it is raised as the error.

    Returns:
        The article; ``text`` is the body every later offset refers to.

    Raises:
        IngestError: If the file is missing, empty, binary, truncated or holds no
            article text.
    """
    source = str(path)
    path = Path(path)
    if path.suffix.lower() in MANY_ARTICLE_SUFFIXES:
        items = list(_iter_rows(path, source))
        for item in items:
            if isinstance(item, IngestError):
                raise item
        if len(items) == 1:
            return items[0]
        raise IngestError(source, f"holds {len(items)} articles, not one; read it as a batch")
    return _load_one(path, source)


def iter_articles(path: str | Path) -> Iterator[Article | IngestError]:
    """Read many articles: from a JSONL file, a CSV file, a folder, or one file.

    A bad row or file is yielded as an :class:`IngestError` (naming ``file:line``
    for rows) and reading goes on, so one bad article never stops the others.

    Args:
        path: A JSONL or CSV file, a single-article file, or a folder whose
            ``.txt``/``.md``/``.html``/``.htm``/``.json`` files are one article each
            and ``.jsonl``/``.csv`` files many, read in name order.

    Returns:
        An iterator of articles and errors, in input order.

    Raises:
        IngestError: At once, if the path does not exist.
    """
    source = str(path)
    path = Path(path)
    if not path.exists():
        raise IngestError(source, "no such file or directory")
    return _iter_path(path, source)


def _read(path: Path, source: str, limit: int = MAX_ARTICLE_BYTES) -> bytes:
    data = read_limited(path, source, limit)
    if not data:
        raise IngestError(source, "empty file")
    refuse_binary(data, source)
    return data


def _load_one(path: Path, source: str) -> Article:
    return article_from_bytes(_read(path, source), source, path.suffix.lower(), slugify(path.stem))


def article_from_bytes(data: bytes, source: str, suffix: str, stem_id: str) -> Article:
    """Read one article from bytes read already: a file's, or a fetched page's.

    Args:
        data: The bytes, not empty and not binary (see :func:`_read`).
        source: Where they came from, for errors and ``source_path``.
        suffix: The file type they are read as (``.txt``, ``.html``, ``.json`` ...).
        stem_id: The article id when the content names none.

    Returns:
        The article.

    Raises:
        IngestError: If they hold no article text.
    """
    raw = decode(data, html=suffix in HTML_SUFFIXES)
    if not normalise(raw).strip():
        raise IngestError(source, "whitespace only, no text")
    sha = hashlib.sha256(data).hexdigest()
    sniff_json = suffix not in TEXT_SUFFIXES | HTML_SUFFIXES and raw.lstrip().startswith("{")
    if suffix == ".json" or sniff_json:
        record = parse_json(raw, source)
        if isinstance(record, list) and len(record) == 1:
            record = record[0]
        elif isinstance(record, list):
            raise IngestError(source, f"holds a list of {len(record)} articles, not one")
        return article_from_record(record, source, sha, exact_text=False, default_id=stem_id)
    if suffix in HTML_SUFFIXES or looks_like_html(raw):
        fields = extract_html(raw)
        if fields is None:
            raise IngestError(source, "no article text found in HTML")
        fields["published"] = iso_date(fields["published"])
        text = repair(fields.pop("text")).strip()
        return finish(Article(id=stem_id, text=text, source_path=source, sha256=sha, **fields))
    title, byline, body = split_plain_text(repair(raw), markdown=suffix in {".md", ".markdown"})
    return finish(
        Article(id=stem_id, text=body, title=title, byline=byline, source_path=source, sha256=sha)
    )


def _iter_path(path: Path, source: str) -> Iterator[Article | IngestError]:
    if not path.is_dir():
        yield from _iter_file(path, source)
        return
    for child in sorted(path.iterdir(), key=lambda p: p.name):
        suffix = child.suffix.lower()
        if child.name.startswith(".") or not child.is_file():
            continue
        if suffix in ONE_ARTICLE_SUFFIXES | MANY_ARTICLE_SUFFIXES:
            yield from _iter_file(child, str(child))


def _iter_file(path: Path, source: str) -> Iterator[Article | IngestError]:
    if path.suffix.lower() in MANY_ARTICLE_SUFFIXES:
        yield from _iter_rows(path, source)
        return
    try:
        yield _load_one(path, source)
    except IngestError as exc:
        yield exc


def _streamable(path: Path, source: str) -> bool:
    # A UTF-16 or binary file is read whole, which gives its one clear error;
    # ordinary JSONL is streamed line by line.
    try:
        with path.open("rb") as handle:
            head = handle.read(65536)
    except OSError:
        return False
    if not head or head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return False
    try:
        refuse_binary(head, source)
    except IngestError:
        return False
    return bool(head.strip())


def _iter_rows(path: Path, source: str) -> Iterator[Article | IngestError]:
    try:
        check_regular_file(path, source)  # before any open: a FIFO would block it
    except IngestError as exc:
        yield exc
        return
    if path.suffix.lower() == ".jsonl" and _streamable(path, source):
        with path.open("rb") as handle:
            yield from rows_to_articles(jsonl_lines(handle, source), source, exact_text=True)
        return
    try:
        raw = decode(_read(path, source, MAX_ROWS_FILE_BYTES))
    except IngestError as exc:
        yield exc
        return
    if not normalise(raw).strip():
        yield IngestError(source, "whitespace only, no rows")
        return
    yield from iter_records(raw, source, "csv" if path.suffix.lower() == ".csv" else "jsonl")


#: A plain-text first line longer than this is a paragraph, not a headline.
MAX_HEADLINE_CHARS = 300
_BY = re.compile(r"^(?:by|words by)\s+", re.I)
#: Lowercase name particles allowed inside a name ("Ana de la Cruz").
_PARTICLES = frozenset("de da del der di du la le van von bin al el ibn y ten ter".split())
#: Capitalised words that end pages but are not names ("Read More", "Related Stories").
_NOT_NAMES = frozenset(
    "read more related share comments advertisement copyright rights reserved follow "
    "subscribe sign click here photo image the this top back next stories news updated "
    "published contact editor note end".split()
)


def looks_like_byline(line: str) -> str | None:
    """Return the author name(s) if a line reads as a byline, else None.

    A byline is 2-4 capitalised words ("Minnie Chan", "By Ana de la Cruz"), or
    several such names joined by "and" or commas, with no closing punctuation.

    Args:
        line: One line of text.

    Returns:
        The names without any leading "By", or None.
    """
    line = _BY.sub("", line.strip().strip("*_").strip())
    if not line or len(line) > 80 or line[-1] in '.!?:;,"”’)':
        return None
    for name in re.split(r",\s+|\s+(?:and|&)\s+", line):
        words = name.split()
        if not 2 <= len(words) <= 4:
            return None
        for i, word in enumerate(words):
            if word.lower() in _NOT_NAMES:
                return None
            if 0 < i < len(words) - 1 and word in _PARTICLES:
                continue
            if not (word[0].isupper() and all(c.isalpha() or c in "'’.-" for c in word)):
                return None
    return line


def split_plain_text(text: str, markdown: bool = False) -> tuple[str | None, str | None, str]:
    """Split normalised plain text into headline, byline and body.

    The first non-empty line is the headline when more text follows it; a
    "By ..." line right under it, or a short last line that is a name, is the
    byline. The body is what lies between, without leading or trailing blank lines.

    Args:
        text: Whitespace-normalised text.
        markdown: Strip ``#`` heading marks from the headline.

    Returns:
        ``(title, byline, body)``.
    """
    lines = text.split("\n")
    filled = [i for i, line in enumerate(lines) if line.strip()]
    title = byline = None
    first, last = filled[0], filled[-1] + 1
    if len(filled) > 1 and len(lines[first].strip()) <= MAX_HEADLINE_CHARS:
        title = lines[first].strip()
        if markdown:
            title = re.sub(r"^#{1,6}\s+", "", title).strip() or title
        first += 1
        top = filled[1]
        if _BY.match(lines[top].strip()) and looks_like_byline(lines[top]) and len(filled) > 2:
            byline, first = looks_like_byline(lines[top]), top + 1
        elif len(filled) > 2 and looks_like_byline(lines[filled[-1]]):
            byline, last = looks_like_byline(lines[filled[-1]]), filled[-1]
    body = "\n".join(lines[first:last]).strip("\n")
    return title, byline, _paragraphs(body)


def _paragraphs(body: str) -> str:
    """Put blank lines between paragraphs of text written one paragraph per line."""
    if "\n\n" in body or "\n" not in body:
        return body
    # Hard-wrapped text keeps its single line breaks; long lines are paragraphs.
    if max(len(line) for line in body.split("\n")) <= 80:
        return body
    return body.replace("\n", "\n\n")
