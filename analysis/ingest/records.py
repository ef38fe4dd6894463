"""Articles from structured records: a JSON object, JSONL lines and CSV rows.

A record names its fields in any of several common ways (``headline`` or
``title``, ``body`` or ``text``, ``doc_id`` or ``id`` ...). Rows of a JSONL or CSV
source are read one at a time, and a bad row becomes an :class:`IngestError`
naming ``file:line`` while the rows after it are still read.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import BinaryIO

from analysis.article import Article, IngestError
from analysis.ingest.limits import MAX_ARTICLE_BYTES, MAX_NESTING_DEPTH, MAX_NUMBER_DIGITS
from analysis.ingest.metadata import clean_byline, clean_outlet, clean_title
from analysis.ingest.quality import finish
from analysis.ingest.textio import decode, iso_date, repair, slugify

#: Record fields, each with the names it may go by, in order of preference.
FIELDS = {
    "text": ("text", "body", "content", "article", "maintext"),
    "title": ("title", "headline"),
    "byline": ("byline", "author", "authors"),
    "published": (
        "published",
        "date",
        "published_at",
        "publish_date",
        "pubdate",
        "datepublished",
        "date_publish",
    ),
    "outlet": ("outlet", "source", "site", "site_name", "sitename", "publisher", "publication"),
    "url": ("url", "link"),
    "id": ("id", "doc_id", "article_id"),
}


def article_from_record(
    record: object,
    source: str,
    sha256: str,
    exact_text: bool,
    default_id: str | None = None,
) -> Article:
    """Build an article from a JSON object or CSV row.

    Field names are matched case-insensitively and may go by the aliases in
    :data:`FIELDS`. An author list is joined with commas; an outlet given as
    ``{"name": ...}`` is reduced to the name.

    Args:
        record: The parsed object.
        source: Where it came from (``file`` or ``file:line``); becomes the
            article's ``source_path`` and names any error.
        sha256: Hex digest identifying the input.
        exact_text: Keep ``text`` exactly as given (JSONL), instead of normalising it.
        default_id: The id when the record has none; else a slug of ``source``.

    Returns:
        The article.

    Raises:
        IngestError: If the record is not an object or has no article text.
    """
    if not isinstance(record, dict):
        raise IngestError(source, f"expected a JSON object, found {type(record).__name__}")
    fields = {str(key).strip().lower(): value for key, value in record.items()}
    text = _article_text(_pick(fields, "text"), source, exact_text)
    record_id = _pick(fields, "id")
    if isinstance(record_id, (str, int)) and not isinstance(record_id, bool):
        record_id = str(record_id).strip()
    else:
        record_id = None
    outlet = clean_outlet(_meta(_pick(fields, "outlet")))
    article = Article(
        id=record_id or default_id or slugify(Path(source).stem),
        text=text,
        title=clean_title(_meta(_pick(fields, "title")), [outlet]),
        byline=clean_byline(_meta(_pick(fields, "byline")), outlet, joiner=", "),
        published=iso_date(_pick(fields, "published")),
        outlet=outlet,
        url=_meta(_pick(fields, "url")),
        source_path=source,
        sha256=sha256,
    )
    return finish(article, exact_text=exact_text)


def _pick(fields: dict[str, object], name: str) -> object:
    """Return the first non-empty value among the aliases of field ``name``, or None."""
    for alias in FIELDS[name]:
        value = fields.get(alias)
        if value not in (None, "", [], {}):
            return value
    return None


def _article_text(text: object, source: str, exact_text: bool) -> str:
    """Check a record's article text and normalise it unless it is to be kept exactly.

    Raises:
        IngestError: If there is no text, it is not a string, or it is blank.
    """
    if text is None:
        raise IngestError(source, "no article text (expected a 'text', 'body' or 'content' field)")
    if not isinstance(text, str):
        raise IngestError(source, f"article text is a {type(text).__name__}, not a string")
    if not exact_text:
        text = repair(text).strip()
    if not text.strip():
        raise IngestError(source, "article text is empty or whitespace only")
    return text


def _meta(value: object) -> str | None:
    """Flatten a metadata value (string, list of names, {"name": ...}) to one line."""
    if isinstance(value, dict):
        value = value.get("name")
    if isinstance(value, list):
        value = ", ".join(name for name in map(_meta, value) if name)
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str):
        return None
    return " ".join(repair(value).split()) or None


class _NumberTooLong(ValueError):
    """A JSON number with more digits than :data:`MAX_NUMBER_DIGITS`."""


def _bounded(convert):
    def parse(text: str):
        if len(text) > MAX_NUMBER_DIGITS and sum(map(str.isdigit, text)) > MAX_NUMBER_DIGITS:
            raise _NumberTooLong(text)
        return convert(text)

    return parse


_PARSE_INT, _PARSE_FLOAT = _bounded(int), _bounded(float)


def nesting_depth(value: object, limit: int = MAX_NESTING_DEPTH) -> int:
    """Return how deeply lists and dicts nest in a value, counting no further than ``limit + 1``.

    Walks with an explicit stack, so that a deep value cannot exhaust Python's own.
    """
    deepest, stack = 0, [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if not isinstance(item, (dict, list)):
            continue
        deepest = max(deepest, depth)
        if deepest > limit:
            break
        children = item.values() if isinstance(item, dict) else item
        stack.extend((child, depth + 1) for child in children if isinstance(child, (dict, list)))
    return deepest


def parse_json(raw: str, source: str) -> object:
    """Parse JSON text, telling a truncated document apart from a malformed one.

    Hostile documents are refused too: nesting deeper than
    :data:`~analysis.ingest.limits.MAX_NESTING_DEPTH` and numbers longer than
    :data:`~analysis.ingest.limits.MAX_NUMBER_DIGITS` digits, in any field.

    Args:
        raw: The JSON text.
        source: The file (or ``file:line``), for the error.

    Returns:
        The parsed value.

    Raises:
        IngestError: ``truncated JSON`` if the text ends before the value is
            closed, ``invalid JSON`` with the position, or the limit exceeded.
    """
    too_deep = IngestError(source, f"JSON nested deeper than {MAX_NESTING_DEPTH} levels")
    try:
        value = json.loads(raw, parse_int=_PARSE_INT, parse_float=_PARSE_FLOAT)
    except json.JSONDecodeError as exc:
        if exc.pos >= len(raw.rstrip()) or exc.msg.startswith("Unterminated string"):
            raise IngestError(
                source, "truncated JSON (it ends before the value is closed)"
            ) from None
        raise IngestError(
            source, f"invalid JSON: {exc.msg} at line {exc.lineno} column {exc.colno}"
        ) from None
    except _NumberTooLong:
        raise IngestError(source, f"JSON number longer than {MAX_NUMBER_DIGITS} digits") from None
    except RecursionError:
        raise too_deep from None
    if nesting_depth(value) > MAX_NESTING_DEPTH:
        raise too_deep
    return value


def iter_records(raw: str, source: str, kind: str) -> Iterator[Article | IngestError]:
    """Read the rows of a decoded JSONL or CSV source as articles.

    JSONL text is kept exactly as given; CSV text is whitespace-normalised. A
    row's ``sha256`` is that of its canonical JSON form, and a row without an id
    gets ``<file stem>-<line>``.

    Args:
        raw: The decoded file content.
        source: The file, as given.
        kind: ``"jsonl"`` or ``"csv"``.

    Yields:
        One article or error per non-blank row, in file order.
    """
    rows = _csv_rows(raw, source) if kind == "csv" else _jsonl_rows(raw, source)
    yield from rows_to_articles(rows, source, exact_text=kind != "csv")


def rows_to_articles(
    rows: Iterable[tuple[int, object]], source: str, exact_text: bool
) -> Iterator[Article | IngestError]:
    """Turn ``(line number, parsed row or error)`` pairs into articles.

    Args:
        rows: Parsed rows of a JSONL or CSV source, with their line numbers.
        source: The file, as given.
        exact_text: Keep each row's text exactly as given (JSONL).

    Yields:
        One article or error per row.
    """
    stem = slugify(Path(source).stem)
    for line_no, row in rows:
        if isinstance(row, IngestError):
            yield row
            continue
        # surrogatepass: a lone surrogate (a "\ud800" escape) still hashes, as itself.
        canonical = json.dumps(row, sort_keys=True, ensure_ascii=False).encode(
            "utf-8", "surrogatepass"
        )
        try:
            yield article_from_record(
                row,
                f"{source}:{line_no}",
                hashlib.sha256(canonical).hexdigest(),
                exact_text=exact_text,
                default_id=f"{stem}-{line_no}",
            )
        except IngestError as exc:
            yield exc


def jsonl_lines(handle: BinaryIO, source: str) -> Iterator[tuple[int, object]]:
    """Parse a JSONL file line by line, so a large file is never held in memory.

    Args:
        handle: The file, opened in binary mode.
        source: The file, as given.

    Yields:
        ``(line number, parsed object or IngestError)`` for each non-blank line.
    """
    for line_no, data in enumerate(bounded_lines(handle), start=1):
        if data is None:
            problem = f"line longer than the {MAX_ARTICLE_BYTES // 2**20} MiB limit"
            yield line_no, IngestError(f"{source}:{line_no}", problem)
            continue
        if b"\x00" in data:
            yield line_no, IngestError(f"{source}:{line_no}", "binary data (NUL bytes), not text")
            continue
        # Only a newline ends a line; U+2028 may sit unescaped inside JSON strings.
        line = decode(data[:-1] if data.endswith(b"\n") else data)
        if line.strip():
            yield line_no, _json_row(line, f"{source}:{line_no}")


def bounded_lines(handle: BinaryIO, limit: int = MAX_ARTICLE_BYTES) -> Iterator[bytes | None]:
    """Yield the lines of a binary file, each at most ``limit`` bytes long.

    A longer line is skipped in pieces, never held whole, and yields None in its place.

    Args:
        handle: The file, opened in binary mode.
        limit: Longest line accepted, without its newline.

    Yields:
        Each line with its newline, or None for one that is too long.
    """
    while line := handle.readline(limit + 1):
        if len(line) <= limit or line.endswith(b"\n"):  # it fits, newline aside
            yield line
            continue
        while line and not line.endswith(b"\n"):
            line = handle.readline(1 << 20)
        yield None


def _jsonl_rows(raw: str, source: str) -> Iterator[tuple[int, object]]:
    # Split on "\n" only: U+2028 and friends may sit unescaped inside JSON strings.
    for line_no, line in enumerate(raw.split("\n"), start=1):
        if line.strip():
            yield line_no, _json_row(line, f"{source}:{line_no}")


def _json_row(line: str, where: str) -> object:
    # A bad line becomes its error, so the lines after it are still read.
    try:
        return parse_json(line, where)
    except IngestError as exc:
        return exc


def _csv_rows(raw: str, source: str) -> Iterator[tuple[int, object]]:
    # Article bodies easily pass the csv module's default 128 KiB field limit.
    csv.field_size_limit(64 * 1024 * 1024)
    first_line = raw.split("\n", 1)[0]
    delimiter = "\t" if first_line.count("\t") > first_line.count(",") else ","
    # strict mode turns an unterminated quote into an error instead of silently
    # swallowing the rest of the file into one field.
    reader = csv.reader(io.StringIO(raw, newline=""), delimiter=delimiter, strict=True)
    try:
        header = [name.strip() for name in next(reader)]
    except (csv.Error, StopIteration) as exc:
        yield 1, IngestError(source, f"broken CSV header ({exc or 'no rows'})")
        return
    if not {name.lower() for name in header} & set(FIELDS["text"]):
        found = ", ".join(header) or "none"
        yield 1, IngestError(source, f"CSV has no 'text' or 'body' column (columns: {found})")
        return
    while True:
        line_no = reader.line_num + 1
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            yield line_no, IngestError(f"{source}:{line_no}", f"broken CSV: {exc}")
            continue
        if not row or row == [""]:
            continue
        if len(row) != len(header):
            problem = f"broken CSV: expected {len(header)} fields, found {len(row)}"
            yield line_no, IngestError(f"{source}:{line_no}", problem)
            continue
        yield line_no, dict(zip(header, row, strict=True))
