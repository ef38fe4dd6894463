"""Hostile input is refused in one line (or read safely), never a traceback or a hang.

Each case comes from a review that fed newsbrief deliberately broken files: deep
JSON, huge numbers, lone surrogates, odd charsets, FIFOs, devices, huge lines,
and article ids that are paths.
"""

from __future__ import annotations

import io
import json
import os
import threading
from pathlib import Path

import pytest

from analysis.article import Article, IngestError, printable
from analysis.ingest.files import iter_articles, load_article
from analysis.ingest.limits import MAX_ID_FILE_NAME_BYTES, MAX_NESTING_DEPTH, MAX_NUMBER_DIGITS
from analysis.ingest.records import bounded_lines, parse_json
from analysis.ingest.textio import decode, id_file_name, iso_date, read_limited

BODY = (
    "The minister said the talks were useful. Officials told reporters that more "
    "meetings would follow soon after the summit."
)


def one_line_refusal(path: Path, match: str) -> IngestError:
    with pytest.raises(IngestError, match=match) as info:
        load_article(path)
    assert str(info.value).startswith(f"{path}: ") and "\n" not in str(info.value)
    return info.value


def nested(depth: int) -> str:
    return "[" * depth + "]" * depth


@pytest.mark.parametrize(
    "extra, problem",
    [
        (nested(100_000), "nested deeper than"),  # RecursionError in json
        (nested(MAX_NESTING_DEPTH + 1), "nested deeper than"),  # parses, but too deep
        ("1" + "0" * 5000, "number longer than"),  # ValueError: int conversion limit
        ("-" + "7" * (MAX_NUMBER_DIGITS + 1), "number longer than"),
        ("0." + "3" * 5000, "number longer than"),
    ],
    ids=["100000-deep", "just-too-deep", "5000-digits", "negative", "long-float"],
)
def test_hostile_json_is_refused_even_in_an_unused_field(tmp_path, extra, problem):
    path = tmp_path / "article.json"
    path.write_text(f'{{"text": {json.dumps(BODY)}, "unused": {extra}}}')
    one_line_refusal(path, problem)


def test_json_at_the_limits_is_read():
    value = parse_json(nested(MAX_NESTING_DEPTH), "x.json")
    assert isinstance(value, list)
    number = int("9" * MAX_NUMBER_DIGITS)
    assert parse_json(f'{{"n": {number}, "f": -0.25}}', "x.json") == {"n": number, "f": -0.25}


@pytest.mark.parametrize("value", [10**400, -(10**400), float("inf"), float("nan"), 1e300])
def test_huge_timestamps_are_not_dates(value):
    assert iso_date(value) is None  # 10**400 was an OverflowError


def test_timestamps_still_read():
    assert iso_date(1689415200) == "2023-07-15"
    assert iso_date(1689415200000) == "2023-07-15"


@pytest.mark.parametrize("charset", ["undefined", "hex", "rot13", "base64", "idna", "nonsense"])
def test_a_declared_charset_that_cannot_decode_falls_back(charset):
    page = f'<html><head><meta charset="{charset}"></head><body>caf\xe9</body></html>'
    assert "café" in decode(page.encode("latin-1"), html=True)


def test_html_with_undefined_charset_loads(tmp_path):
    path = tmp_path / "page.html"
    page = f'<html><head><meta charset="undefined"><title>T</title></head><body><article><p>{BODY}'
    path.write_bytes(page.encode() + b" caf\xe9 " + BODY.encode() + b"</p></article></body></html>")
    assert "café" in load_article(path).text


def test_lone_surrogates_become_replacement_characters(tmp_path):
    path = tmp_path / "article.json"
    path.write_text(f'{{"title": "bad \\ud800 title", "text": "{BODY} \\udfff"}}')
    article = load_article(path)
    assert article.title == "bad \ufffd title"
    assert article.text.endswith("\ufffd")
    json.dumps(article.to_dict(), ensure_ascii=False).encode("utf-8")  # writable now
    assert printable("a\ud800b") == "a\ufffdb" and printable("plain") == "plain"


def test_jsonl_text_keeps_its_offsets_with_a_lone_surrogate(tmp_path):
    path = tmp_path / "rows.jsonl"
    path.write_text(json.dumps({"id": "s", "text": "Ab\ud800cd said it."}) + "\n")
    (article,) = iter_articles(path)
    assert article.text == "Ab\ufffdcd said it." and len(article.text) == 14


def test_file_name_that_is_not_utf8_is_written_replaced(tmp_path):
    path = Path(os.fsdecode(bytes(tmp_path) + b"/caf\xe9.txt"))
    path.write_text("Headline\n\n" + BODY + "\n")
    article = load_article(path)
    assert article.source_path.endswith("caf\ufffd.txt")
    article.to_dict()["source_path"].encode("utf-8")
    assert Article(id="x\udce9", text="t").id == "x\ufffd"


def _unblock_after(fifo: Path, seconds: float) -> threading.Timer:
    """Should a regression open the FIFO, a writer comes along and the hang becomes a failure."""

    def unblock():
        try:
            os.close(os.open(fifo, os.O_WRONLY | os.O_NONBLOCK))
        except OSError:  # ENXIO: nobody is reading, as it should be
            pass

    timer = threading.Timer(seconds, unblock)
    timer.start()
    return timer


@pytest.mark.parametrize("suffix", [".txt", ".jsonl", ".csv"])
def test_fifo_is_refused_without_being_opened(tmp_path, suffix):
    fifo = tmp_path / f"pipe{suffix}"
    os.mkfifo(fifo)
    timer = _unblock_after(fifo, 5)
    try:
        one_line_refusal(fifo, "FIFO")
        (error,) = iter_articles(fifo)
        assert "FIFO" in error.problem
    finally:
        timer.cancel()


def test_symlink_to_a_device_is_refused(tmp_path):
    link = tmp_path / "zero.txt"
    link.symlink_to("/dev/zero")
    one_line_refusal(link, "is a device")


def test_file_size_limit(tmp_path):
    path = tmp_path / "big.txt"
    path.write_bytes(b"x" * 11)
    with pytest.raises(IngestError, match="larger than the 10 bytes limit"):
        read_limited(path, str(path), limit=10)
    assert read_limited(path, str(path), limit=11) == b"x" * 11


def test_long_lines_are_skipped_not_held(tmp_path):
    handle = io.BytesIO(b"short\n" + b"y" * 50 + b"\n" + b"z" * 10 + b"\n" + b"w" * 11)
    assert list(bounded_lines(handle, limit=10)) == [b"short\n", None, b"z" * 10 + b"\n", None]


def test_jsonl_bad_rows_are_errors_with_line_numbers_and_the_rest_is_read(tmp_path):
    rows = [
        json.dumps({"id": "a1", "text": BODY}),
        '{"id": "deep", "text": ' + nested(100_000),
        json.dumps({"id": "n", "text": BODY})[:-1] + ', "n": 1' + "0" * 5000 + "}",
        json.dumps({"id": "t", "text": 5}),
        json.dumps([1, 2]),
        "{not json",
        json.dumps({"id": {"x": 1}, "title": [[["a"]]], "published": 10**40, "text": BODY}),
    ]
    path = tmp_path / "rows.jsonl"
    path.write_text("\n".join(rows) + "\n")
    items = list(iter_articles(path))
    errors = [item for item in items if isinstance(item, IngestError)]
    assert [e.path for e in errors] == [f"{path}:{n}" for n in (2, 3, 4, 5, 6)]
    good = [item for item in items if not isinstance(item, IngestError)]
    assert [a.id for a in good] == ["a1", "rows-7"]  # a dict id is no id
    assert good[1].title == "a" and good[1].published is None


@pytest.mark.parametrize(
    "article_id",
    ["../../x", "a/b", "x" * 5000, "", ".hidden", "..", "新闻/报道" * 40, "a\\b\x00c", "é" * 200],
)
def test_ids_become_file_names_inside_the_folder(tmp_path, article_id):
    name = id_file_name(article_id)
    assert name and "/" not in name and "\\" not in name and "\x00" not in name
    assert not name.startswith(".")
    assert len(name.encode()) <= MAX_ID_FILE_NAME_BYTES + 9
    target = (tmp_path / f"{name}.json").resolve()
    assert target.parent == tmp_path.resolve()
    target.write_text("{}")  # a legal file name on this file system


def test_plain_ids_are_kept_and_changed_ones_do_not_collide():
    assert id_file_name("china-russia-joint-exercise") == "china-russia-joint-exercise"
    assert id_file_name("Story_12.v2") == "Story_12.v2"
    assert id_file_name("a/b") != id_file_name("a-b") == "a-b"
    assert id_file_name("x" * 5000) != id_file_name("x" * 4999)
