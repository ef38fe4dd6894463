"""Low-level text handling for ingestion: bytes to clean text, dates and ids.

Decoding falls back from UTF-8 to the page's declared charset, cp1252 and
latin-1, so a file from an old Windows newsroom system still reads. Binary
files are recognised before decoding, so that a PDF or a zip archive is refused
rather than read as gibberish.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from datetime import UTC, datetime

from dateutil import parser as date_parser

from analysis.article import IngestError

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
        except (UnicodeDecodeError, LookupError):
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
        # Seconds or milliseconds since 1970, within a plausible range.
        seconds = value / 1000 if value > 1e11 else value
        if not 0 < seconds < 4_102_444_800:
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
