"""Low-level text handling for ingestion: bytes to clean text, dates and ids.

Decoding falls back from UTF-8 to the page's declared charset, cp1252 and
latin-1, so a file from an old Windows newsroom system still reads. Binary
files are recognised before decoding, so that a PDF or a zip archive is refused
rather than read as gibberish. Only regular files are read, and never more than a
size limit, so a FIFO or ``/dev/zero`` is refused instead of hanging or filling memory.
"""

from __future__ import annotations

import codecs
import hashlib
import os
import re
import stat
import unicodedata
from datetime import UTC, datetime
from pathlib import Path

import ftfy
from dateutil import parser as date_parser

from analysis.article import IngestError
from analysis.ingest.limits import MAX_ARTICLE_BYTES, MAX_ID_FILE_NAME_BYTES, MiB

#: Magic numbers of binary formats people are likely to drop into an inbox.
BINARY_MAGIC = {
    b"%PDF": "PDF",
    b"\x89PNG": "PNG image",
    b"PK\x03\x04": "ZIP archive (or .docx/.xlsx)",
    b"\x1f\x8b": "gzip archive",
    b"\xff\xd8\xff": "JPEG image",
    b"GIF8": "GIF image",
    b"\xd0\xcf\x11\xe0": "legacy Office document",
    b"\x7fELF": "executable",
    b"\xfd7zXZ\x00": "xz archive",
    b"7z\xbc\xaf": "7-Zip archive",
    b"SQLite format 3\x00": "SQLite database",
}

#: Share of control bytes above which a file is taken to be binary.
MAX_CONTROL_SHARE = 0.05

_CONTROL_BYTES = frozenset(range(0x00, 0x09)) | frozenset(range(0x0E, 0x20)) | {0x7F}
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)""", re.I)

# One table does the whole character clean-up. Invisible characters inside a
# word (soft hyphen, joiners, a stray BOM) are dropped, since a space there would
# split the word; every other odd space or control character becomes one space.
_ODD_SPACES = [
    *range(0x00, 0x20),
    *range(0x7F, 0xA0),
    0xA0,
    0x1680,
    *range(0x2000, 0x200C),
    0x202F,
    0x205F,
    0x3000,
]
_TRANSLATE: dict[int, str | None] = dict.fromkeys(_ODD_SPACES, " ")
_TRANSLATE.update(dict.fromkeys(map(ord, "\u00ad\u200c\u200d\u2060\ufeff")))
_TRANSLATE.update({ord("\n"): "\n", 0x85: "\n", 0x2028: "\n", 0x2029: "\n\n"})
_BLANK_LINES = re.compile(r"\n[^\S\n]*\n(?:[^\S\n]*\n)*")
_NOT_FILE_NAME = re.compile(r"[^\w.-]+")

#: Latest timestamp read as a date (2100-01-01), in seconds and in milliseconds.
_LATEST_SECONDS = 4_102_444_800
_LATEST_MILLISECONDS = _LATEST_SECONDS * 1000


def _kind(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "is a directory"
    if stat.S_ISFIFO(mode):
        return "is a FIFO (named pipe)"
    if stat.S_ISSOCK(mode):
        return "is a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "is a device"
    return "is not a regular file"


def check_regular_file(path: str | Path, source: str) -> int:
    """Refuse anything but a regular file, without opening it.

    A FIFO would block the read forever and a device such as ``/dev/zero``
    never ends, so both are refused on what ``os.stat`` says (through symlinks).

    Args:
        path: The file.
        source: The file as given, for the error.

    Returns:
        The file's size in bytes.

    Raises:
        IngestError: If it is missing, unreadable, or not a regular file.
    """
    try:
        info = os.stat(path)
    except FileNotFoundError:
        raise IngestError(source, "no such file or directory") from None
    except OSError as exc:
        raise IngestError(source, f"cannot read file ({exc.strerror or exc})") from None
    except ValueError:  # a NUL byte in the path
        raise IngestError(source, "not a valid file name") from None
    if not stat.S_ISREG(info.st_mode):
        raise IngestError(source, f"{_kind(info.st_mode)}, not an article file")
    return info.st_size


def read_limited(path: str | Path, source: str, limit: int = MAX_ARTICLE_BYTES) -> bytes:
    """Read a whole regular file of at most ``limit`` bytes.

    Args:
        path: The file.
        source: The file as given, for the error.
        limit: Most bytes accepted.

    Returns:
        The file's bytes.

    Raises:
        IngestError: If it is not a regular file, cannot be read, or is larger than ``limit``.
    """
    if check_regular_file(path, source) > limit:
        raise IngestError(source, f"larger than the {_size(limit)} limit")
    try:
        with open(path, "rb") as handle:
            # One byte past the limit tells a file that is too big from one that just fits,
            # even when it grows after the stat.
            data = handle.read(limit + 1)
    except OSError as exc:
        raise IngestError(source, f"cannot read file ({exc.strerror or exc})") from None
    if len(data) > limit:
        raise IngestError(source, f"larger than the {_size(limit)} limit")
    return data


def _size(limit: int) -> str:
    return f"{limit // MiB} MiB" if limit >= MiB else f"{limit} bytes"


def refuse_binary(data: bytes, source: str) -> None:
    """Raise if the bytes are a binary file rather than text.

    Args:
        data: The whole file.
        source: The file name, for the error.

    Raises:
        IngestError: For a known binary format, NUL bytes (outside UTF-16 text)
            or a high share of control bytes.
    """
    for magic, kind in BINARY_MAGIC.items():
        if data.startswith(magic):
            raise IngestError(source, f"binary file ({kind}), not text")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return
    if b"\x00" in data:
        raise IngestError(source, "binary file (contains NUL bytes), not text")
    head = data[:65536]
    controls = sum(1 for byte in head if byte in _CONTROL_BYTES)
    if controls > MAX_CONTROL_SHARE * len(head):
        raise IngestError(source, "binary file (mostly control characters), not text")


def decode(data: bytes, html: bool = False) -> str:
    """Decode bytes as UTF-8 (with or without BOM), else by fallback.

    Args:
        data: The file content.
        html: Also try the charset that the page declares in a ``<meta>`` tag.

    Returns:
        The text; latin-1 as the last resort never fails.
    """
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            pass
    encodings = ["utf-8-sig"]
    if html:
        declared = _META_CHARSET.search(data[:8192])
        if declared:
            encodings.append(declared.group(1).decode("ascii", "replace"))
    encodings += ["cp1252", "latin-1"]
    for encoding in encodings:
        try:
            return data.decode(encoding)
        # A page may declare any codec name: "undefined" raises UnicodeError, a
        # bytes-to-bytes codec such as "hex" LookupError or TypeError.
        except (UnicodeError, LookupError, TypeError, ValueError):
            continue
    return data.decode("latin-1")  # pragma: no cover - latin-1 accepts any byte


def normalise(text: str) -> str:
    """Normalise whitespace while keeping the text faithful.

    Line endings become ``\\n``; tabs, no-break and other odd spaces, zero-width
    spaces and stray control characters each become one plain space (runs of
    spaces are kept as they are); soft hyphens and joiners inside words are
    dropped; lines of only spaces become empty and runs of blank lines shrink to
    one blank line, the paragraph separator. Quotes and dashes are untouched.

    Args:
        text: Decoded text.

    Returns:
        The normalised text.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n").translate(_TRANSLATE)
    return _BLANK_LINES.sub("\n\n", text)


def repair(text: str) -> str:
    """Repair mojibake, then normalise: "Itâ€™s" becomes "It’s".

    Text that was UTF-8 but decoded as cp1252 or latin-1 somewhere upstream is
    decoded again the right way by ftfy's ``fix_encoding``, which changes nothing
    else: curly quotes, dashes and accents stay as they are.

    Args:
        text: Decoded article text or metadata.

    Returns:
        The repaired, normalised text.
    """
    return normalise(ftfy.fix_encoding(text))


def iso_date(value: object) -> str | None:
    """Return a publication date as ``YYYY-MM-DD``, or None if it is not a full date.

    Args:
        value: A date string in any common form ("2023-07-15T10:00:00Z",
            "15 July 2023", "Sat, 15 Jul 2023 10:00:00 GMT"), or a Unix timestamp.

    Returns:
        The calendar date as written (no time-zone shift), or None when the value
        lacks a day, month or year or cannot be read.
    """
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, (int, float)):
        # Seconds or milliseconds since 1970, within a plausible range. The range is
        # checked before dividing: a huge integer does not fit a float.
        if not 0 < value < _LATEST_MILLISECONDS:
            return None
        seconds = value / 1000 if value > 1e11 else value
        if not seconds < _LATEST_SECONDS:
            return None
        return datetime.fromtimestamp(seconds, tz=UTC).date().isoformat()
    if not isinstance(value, str) or not value.strip() or len(value) > 100:
        return None
    # Parse against two different defaults: a part that is missing from the value
    # shows up as a difference, and a partial date is not reported as a full one.
    dates = []
    for default in (datetime(2000, 1, 1), datetime(2001, 2, 2)):
        try:
            dates.append(date_parser.parse(value.strip(), default=default, fuzzy=True).date())
        except (ValueError, OverflowError, TypeError):
            return None
    return dates[0].isoformat() if dates[0] == dates[1] else None


def slugify(text: str, max_length: int = 80) -> str:
    """Make a lowercase ASCII slug for ids and folder names.

    Args:
        text: Any text, e.g. a file stem or a headline.
        max_length: Longest slug returned.

    Returns:
        Words joined by hyphens, or ``"article"`` if nothing usable is left.
    """
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    return slug[:max_length].rstrip("-") or "article"


def id_file_name(article_id: str, max_bytes: int = MAX_ID_FILE_NAME_BYTES) -> str:
    """Turn an article id into a file name stem that stays inside its folder.

    Letters, digits, ``_``, ``.`` and ``-`` are kept; runs of anything else
    (``/``, ``\\``, spaces, control characters) become ``-``, and leading dots
    go, so ``"../../x"`` cannot climb out of the folder nor hide. The stem is cut
    to ``max_bytes`` of UTF-8. When anything changed, eight hex digits of the id's
    hash are appended, so that ids such as ``"a/b"`` and ``"a-b"`` do not collide.

    Args:
        article_id: The id, as the article carries it (left unchanged there).
        max_bytes: Longest stem, in UTF-8 bytes, before the hash.

    Returns:
        A non-empty file name stem, without suffix.
    """
    stem = _NOT_FILE_NAME.sub("-", article_id).lstrip(".-")
    encoded = stem.encode("utf-8")
    if len(encoded) > max_bytes:
        stem = encoded[:max_bytes].decode("utf-8", "ignore")
    if stem == article_id and stem:
        return stem
    digest = hashlib.sha256(article_id.encode("utf-8", "replace")).hexdigest()[:8]
    return f"{stem.rstrip('.-')}-{digest}" if stem.rstrip(".-") else f"article-{digest}"
