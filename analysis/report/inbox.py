"""What a batch finds in its drop folder: the articles to brief and what it leaves alone.

Planning reads only file metadata, bytes for hashing, and the rows of JSONL/CSV
files; it never parses an article's text, so a run with nothing new stays fast.
An entry is looked at with ``stat`` before anything opens it, so a named pipe is
never read (which would hang), a symlink loop never followed, and a folder or an
unsupported file type (``.pdf``, ``.docx`` ...) is listed as skipped with the
reason. An article file's corrections (``story.txt`` -> ``story.corrections.yaml``,
see :mod:`analysis.report.corrections`) are read with it and are part of its
report key. Two inputs with the same bytes (or two identical rows) have the same
report key; the first is briefed and the others are reported as duplicates.
"""

from __future__ import annotations

import codecs
import errno
import hashlib
import io
import os
import re
import stat
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from analysis.article import Article, IngestError
from analysis.ingest.files import MANY_ARTICLE_SUFFIXES, ONE_ARTICLE_SUFFIXES, iter_articles
from analysis.ingest.records import jsonl_lines, rows_to_articles
from analysis.report.corrections import SUFFIX as CORRECTIONS_SUFFIX
from analysis.report.corrections import companion_path
from analysis.workerpool import describe

#: Files read line by line, so that reading can resume after a row that breaks the reader.
LINE_SUFFIXES = frozenset({".jsonl", ".ndjson"})
_BLOCK = 1 << 20
_LINE = re.compile(r":(\d+)$")


@dataclass
class Job:
    """One article to brief: a file, or a row of a JSONL/CSV file (then ``article`` is set)."""

    source: str
    key: str
    article: Article | None = None
    corrections: str | None = None


@dataclass
class Outcome:
    """What became of one input.

    ``status`` is ``ok``, ``failed``, ``done`` (already briefed), ``busy`` (another
    run has it), ``duplicate`` (same input as another in this run), ``skipped``
    (not an article file) or ``failed-before`` (failed with the same content and
    parameters in an earlier run, and not retried).
    """

    source: str
    status: str
    folder: str | None = None
    error: str | None = None
    seconds: float = 0.0
    key: str | None = None


def entry_problem(path: Path) -> str | None:
    """Say why a folder entry is not an article file to read, or None when it is one.

    Uses ``stat`` only: nothing is opened.
    """
    try:
        info = os.stat(path)  # follows a symlink, once
    except OSError as error:
        if error.errno == errno.ELOOP:
            return "a symlink loop"
        if path.is_symlink():
            return "a broken symlink"
        return f"cannot be looked at ({error.strerror or error})"
    if stat.S_ISDIR(info.st_mode):
        return "a folder (batch reads only the files directly in DIR)"
    if stat.S_ISFIFO(info.st_mode):
        return "a named pipe (FIFO), not a file"
    if not stat.S_ISREG(info.st_mode):
        return "not a regular file (a socket or a device)"
    suffix = path.suffix.lower()
    if suffix not in ONE_ARTICLE_SUFFIXES | MANY_ARTICLE_SUFFIXES:
        return f"unsupported file type {suffix!r}" if suffix else "no file type (no suffix)"
    return None


def sha256_file(path: Path) -> str:
    """Hash a regular file; refuse anything else without blocking on it.

    Raises:
        OSError: If it cannot be read, or is no longer a regular file.
    """
    # O_NONBLOCK: should a FIFO have replaced the file since it was looked at,
    # opening it must not wait for a writer.
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    with os.fdopen(fd, "rb") as handle:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise OSError(errno.EINVAL, "not a regular file", str(path))
        digest = hashlib.sha256()
        for block in iter(lambda: handle.read(_BLOCK), b""):
            digest.update(block)
    return digest.hexdigest()


def _line_of(item: Article | IngestError) -> int | None:
    where = item.path if isinstance(item, IngestError) else item.source_path
    match = _LINE.search(where or "")
    return int(match.group(1)) if match else None


def rows(path: Path) -> Iterator[Article | IngestError]:
    """The rows of a JSONL/CSV file, where a row that breaks the reader is only that row's error.

    The reader turns a bad row into an :class:`IngestError`; any other exception
    (a row it did not expect) would end the file. Then the row is reported and,
    in a line-based file, reading goes on at the next line.
    """
    last = 0
    items = iter_articles(path)
    while True:
        try:
            item = next(items)
        except StopIteration:
            return
        except Exception as error:  # noqa: BLE001 - one row, whatever it raised
            yield from _after_crash(path, last, error)
            return
        last = _line_of(item) or last
        yield item


def _after_crash(path: Path, last: int, error: Exception) -> Iterator[Article | IngestError]:
    source = str(path)
    problem = f"unreadable row ({describe(error)})"
    try:
        with path.open("rb") as handle:
            utf16 = handle.read(2) in (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
            if path.suffix.lower() not in LINE_SUFFIXES or utf16:
                rest = f"{problem}; the rows after it were not read"
                yield IngestError(f"{source}:{last + 1}", rest)
                return
            handle.seek(0)
            reported = False
            for line_no, data in enumerate(handle, start=1):
                if line_no <= last or not data.decode("utf-8", "replace").strip():
                    continue
                if not reported:  # the first row after the last good one broke the reader
                    reported = True
                    yield IngestError(f"{source}:{line_no}", problem)
                    continue
                yield from _one_row(data, source, line_no)
    except OSError as failure:
        yield IngestError(source, f"{problem}; then cannot read on ({failure.strerror or failure})")


def _one_row(data: bytes, source: str, line_no: int) -> Iterator[Article | IngestError]:
    where = f"{source}:{line_no}"
    try:
        for _, row in list(jsonl_lines(io.BytesIO(data), source)):
            if isinstance(row, IngestError):
                yield IngestError(where, row.problem)
            else:
                yield from list(rows_to_articles([(line_no, row)], source, exact_text=True))
    except Exception as error:  # noqa: BLE001 - as in rows()
        yield IngestError(where, f"unreadable row ({describe(error)})")


def _row_key(file_sha: str, where: str, parameters: dict, notebook) -> str:
    from analysis.report.runner import report_key

    # A row that cannot be read has no content of its own to hash: it is named
    # by its file's bytes and its place there, which is stable while the file is.
    return report_key(f"{file_sha}\n{where}".encode(), parameters, notebook)


def _file_items(path: Path, parameters: dict, notebook) -> Iterator[Job | Outcome]:
    from analysis.report.runner import report_key

    try:
        file_sha = sha256_file(path)
    except OSError as error:
        yield Outcome(str(path), "failed", error=f"{path}: cannot read ({error.strerror or error})")
        return
    if path.suffix.lower() in ONE_ARTICLE_SUFFIXES:
        yield _one_article(path, file_sha, parameters, notebook)
        return
    for item in rows(path):
        if isinstance(item, IngestError):
            key = _row_key(file_sha, item.path, parameters, notebook)
            yield Outcome(item.path, "failed", error=str(item), key=key)
        else:
            key = report_key(item.sha256, parameters, notebook)
            yield Job(item.source_path or str(path), key, item)


def _one_article(path: Path, file_sha: str, parameters: dict, notebook) -> Job | Outcome:
    """The job of an article file, with the corrections file beside it if there is one.

    The corrections are part of the report key, so editing them briefs the article
    again; a corrections file that cannot be read fails the article, naming the file.
    """
    from analysis.parameters import ParameterError
    from analysis.report.corrections import key_part, read_corrections
    from analysis.report.runner import report_key

    companion = companion_path(path)
    if not companion.is_file():
        return Job(str(path), report_key(file_sha, parameters, notebook))
    try:
        corrections = key_part(read_corrections(companion))
    except ParameterError as error:
        # Keyed by the file's bytes, so a fixed file is tried again.
        key = report_key(file_sha, parameters, notebook, {"unreadable": _bytes_sha(companion)})
        return Outcome(str(path), "failed", error=str(error), key=key)
    key = report_key(file_sha, parameters, notebook, corrections)
    return Job(str(path), key, corrections=str(companion) if corrections else None)


def _bytes_sha(path: Path) -> str:
    try:
        return sha256_file(path)
    except OSError:
        return "unreadable"


def _is_companion(path: Path) -> bool:
    """A corrections file beside an article file: read with its article, not on its own."""
    if not path.name.endswith(CORRECTIONS_SUFFIX):
        return False
    stem = path.name[: -len(CORRECTIONS_SUFFIX)]
    return any(path.with_name(stem + suffix).is_file() for suffix in sorted(ONE_ARTICLE_SUFFIXES))


def plan(
    folder: Path, parameters: dict, notebook: str | Path | None = None
) -> tuple[list[Job], list[Outcome]]:
    """List the folder's articles with their report keys, without parsing any text.

    Args:
        folder: The drop folder.
        parameters: Effective notebook parameters.
        notebook: The briefing notebook; the shipped one when None.

    Returns:
        The jobs, in file-name order, and the inputs settled before any work:
        refused (unreadable files, bad rows), ``duplicate`` and ``skipped`` ones.
    """
    jobs: list[Job] = []
    outcomes: list[Outcome] = []
    first: dict[str, str] = {}
    for path in sorted(folder.iterdir(), key=lambda p: p.name):
        if path.name.startswith("."):
            continue  # hidden files: editors' and sync tools' own
        if _is_companion(path):
            continue  # read with its article
        problem = entry_problem(path)
        if problem:
            outcomes.append(Outcome(str(path), "skipped", error=problem))
            continue
        for item in _file_items(path, parameters, notebook):
            if isinstance(item, Outcome):
                outcomes.append(item)
            elif item.key in first:
                same = f"same input and parameters as {first[item.key]}"
                outcomes.append(Outcome(item.source, "duplicate", error=same, key=item.key))
            else:
                first[item.key] = item.source
                jobs.append(item)
    return jobs, outcomes
