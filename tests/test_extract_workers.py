"""``extract --jsonl --workers N``: the same lines in the same order whatever N."""

from __future__ import annotations

import json
import os

import pytest
from conftest import FIXTURES

from analysis import extract
from analysis.cli import main

LINES = [
    {
        "id": "a1",
        "text": "Officials said the bridge would reopen. “It is safe,” Mayor Ann Cole said.",
    },
    {"id": "a2", "text": "“We will sign,” said Maria Lopez, a union organiser in Lisbon."},
    {"id": "a3", "text": "Nothing to report here at all, said the clerk."},
    {"id": "a4", "text": "The council voted. “This is a bad day,” said Tom Reyes, who opposed it."},
    {"id": "a5", "text": "Rain is expected on Tuesday, the weather service said."},
]


def _input(tmp_path, lines=LINES, broken_at=None):
    rows = [json.dumps(line) for line in lines]
    if broken_at is not None:
        rows.insert(broken_at, '{"id": "broken", "text": ')
    path = tmp_path / "in.jsonl"
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return path


def _run(source, out, workers):
    status = main(["extract", "--jsonl", str(source), "--out", str(out), "--workers", str(workers)])
    return status, out.read_bytes()


def test_output_is_identical_whatever_the_worker_count(tmp_path, capsys):
    source = _input(tmp_path, broken_at=2)
    one = _run(source, tmp_path / "one.jsonl", 1)
    two = _run(source, tmp_path / "two.jsonl", 2)
    three = _run(source, tmp_path / "three.jsonl", 3)
    assert one == two == three
    status, data = one
    assert status == 1  # the broken line
    ids = [json.loads(line).get("id") for line in data.decode().splitlines()]
    assert ids == ["a1", "a2", None, "a3", "a4", "a5"]
    err = capsys.readouterr().err
    assert err.count("in.jsonl:3") == 3  # reported once per run, whatever the workers


_ANALYSE_ONE = extract._analyse_one
_ANALYSE_CHUNK = extract._analyse_chunk


def _ids(items):
    return [getattr(item, "id", None) for item in items]


def dies_on_a2(item):
    """Analyse as extract does, except that the worker given ``a2`` dies."""
    if "a2" in _ids([item]):
        os._exit(9)  # as a crash in C code or the kernel's OOM killer would end it
    return _ANALYSE_ONE(item)


def chunk_dies_on_a2(items):
    """Analyse a chunk as extract does, except that a worker given ``a2`` among them dies."""
    if "a2" in _ids(items):
        os._exit(9)
    return _ANALYSE_CHUNK(items)


@pytest.mark.parametrize("broken_at", [None, 1])
def test_a_worker_that_dies_fails_only_its_article(tmp_path, monkeypatch, capsys, broken_at):
    # a2 shares its chunk with other articles (and, with broken_at, an unreadable line):
    # they are analysed again one at a time, and only a2 fails.
    monkeypatch.setattr(extract, "_analyse_one", dies_on_a2)
    monkeypatch.setattr(extract, "_analyse_chunk", chunk_dies_on_a2)
    out = tmp_path / "out.jsonl"
    source = _input(tmp_path, broken_at=broken_at)
    assert main(["extract", "--jsonl", str(source), "--out", str(out), "--workers", "2"]) == 1
    lines = [json.loads(line) for line in out.read_text().splitlines()]
    ids = (
        ["a1", "a2", "a3", "a4", "a5"]
        if broken_at is None
        else ["a1", None, "a2", "a3", "a4", "a5"]
    )
    assert [line["id"] for line in lines] == ids
    failed = ids.index("a2")
    assert "worker process died" in lines[failed]["error"]
    assert all("error" not in line for k, line in enumerate(lines) if ids[k] not in ("a2", None))
    assert f"in.jsonl:{failed + 1}: analysis failed" in capsys.readouterr().err


def test_articles_are_handed_out_a_few_at_a_time(tmp_path, monkeypatch):
    sizes = []

    def counting(items):
        sizes.append(len(items))
        return _ANALYSE_CHUNK(items)

    monkeypatch.setattr(extract, "_analyse_chunk", counting)
    monkeypatch.setattr(extract, "WorkerPool", _InProcessPool)
    out = tmp_path / "out.jsonl"
    assert (
        main(["extract", "--jsonl", str(_input(tmp_path)), "--out", str(out), "--workers", "2"])
        == 0
    )
    assert sizes == [3, 2]  # five articles, two workers: neither waits on the other
    assert [json.loads(line)["id"] for line in out.read_text().splitlines()] == _ids_of(LINES)


@pytest.mark.parametrize(
    ("total", "workers", "size"), [(84, 2, extract.CHUNK), (5, 2, 3), (2, 2, 1), (7, 3, 3)]
)
def test_chunks_are_small_enough_to_keep_every_worker_busy(total, workers, size):
    assert extract.chunk_size(total, workers) == size


def _ids_of(lines):
    return [line["id"] for line in lines]


class _InProcessPool:
    """A stand-in pool that runs each task here, in order."""

    def __init__(self, *_args, **_kwargs):
        pass

    def __enter__(self):
        return self

    def __exit__(self, *_exc):
        return None

    def imap(self, function, items, ordered=False, window=None):
        for number, item in enumerate(items):
            yield number, function(item)


def test_a_single_article_is_analysed_in_this_process(tmp_path, monkeypatch):
    def no_pool(*_args, **_kwargs):
        raise AssertionError("no worker pool for one article")

    monkeypatch.setattr(extract, "WorkerPool", no_pool)
    out = tmp_path / "out.jsonl"
    assert main(["extract", "--jsonl", str(_input(tmp_path, LINES[:1])), "--out", str(out)]) == 0
    assert json.loads(out.read_text())["id"] == "a1"


@pytest.mark.parametrize("value", ["0", "-1", "two"])
def test_workers_must_be_a_positive_number(value, capsys):
    with pytest.raises(SystemExit) as stopped:
        main(
            ["extract", "--jsonl", str(FIXTURES / "cli" / "three_lines.jsonl"), "--workers", value]
        )
    assert stopped.value.code == 2
    assert "not a positive whole number" in capsys.readouterr().err
