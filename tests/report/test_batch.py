"""The inbox case: three good articles and a binary file, briefed by overlapping batch runs."""

from __future__ import annotations

import hashlib
import json
import re
import shutil
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest
from conftest import FIXTURES, ROOT

from analysis.report import batch

GOOD = ("council-budget.html", "harbour-reopens.txt", "rail-strike.json")
TITLES = (
    "Council approves school budget",
    "Harbour reopens after storm repairs",
    "Rail workers call off strike",
)
BINARY = "scanned-page.txt"


def _snapshot(folder):
    return {
        path.name: (hashlib.sha256(path.read_bytes()).hexdigest(), path.stat().st_mtime_ns)
        for path in sorted(folder.iterdir())
    }


def _command(inbox, out, workers):
    return [
        sys.executable,
        "-m",
        "analysis",
        "batch",
        str(inbox),
        "--out",
        str(out),
        "--workers",
        str(workers),
    ]


def _wait_for(path, text, process, timeout=120):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if path.exists() and text in path.read_text(encoding="utf-8"):
            return
        if process.poll() is not None:
            pytest.fail(f"batch run ended before writing {text!r} to {path}")
        time.sleep(0.05)
    pytest.fail(f"{text!r} never appeared in {path}")


@pytest.fixture(scope="module")
def runs(tmp_path_factory):
    inbox = tmp_path_factory.mktemp("inbox")
    for name in GOOD:
        shutil.copyfile(FIXTURES / "batch" / name, inbox / name)
    (inbox / BINARY).write_bytes(bytes(range(256)) * 16)
    out = tmp_path_factory.mktemp("reports") / "reports"
    before = _snapshot(inbox)
    log = out / "newsbrief.log"

    started = time.perf_counter()
    first = subprocess.Popen(
        _command(inbox, out, 2), cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    # The second run starts once the first has planned its work, as cron firing again would.
    _wait_for(log, "run started", first)
    second = subprocess.Popen(
        _command(inbox, out, 1), cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    first_out, first_err = first.communicate(timeout=600)
    first_seconds = time.perf_counter() - started
    second_out, second_err = second.communicate(timeout=600)

    started = time.perf_counter()
    third = subprocess.run(
        _command(inbox, out, 2), cwd=ROOT, capture_output=True, text=True, timeout=600
    )
    third_seconds = time.perf_counter() - started
    return {
        "inbox": inbox,
        "out": out,
        "before": before,
        "log": log.read_text(encoding="utf-8"),
        "first": (first.returncode, first_out, first_err, first_seconds, first.pid),
        "second": (second.returncode, second_out, second_err, second.pid),
        "third": (third.returncode, third.stdout, third.stderr, third_seconds),
    }


def _manifest(folder):
    return json.loads((folder / "manifest.json").read_text(encoding="utf-8"))


def test_three_briefings_and_the_binary_recorded(runs):
    out = runs["out"]
    good = [f for f in out.iterdir() if (f / "briefing.html").is_file()]
    assert len(good) == 3
    assert all(_manifest(f)["status"] == "ok" for f in good)
    assert sorted(_manifest(f)["article"]["title"] for f in good) == sorted(TITLES)
    failures = json.loads((out / "failures.json").read_text(encoding="utf-8"))
    assert [Path(r["source"]).name for r in failures] == [BINARY]
    assert "binary" in failures[0]["error"]
    failed = out / failures[0]["folder"]
    assert failed.name.endswith(".failed")
    assert _manifest(failed)["status"] == "failed" and BINARY in _manifest(failed)["error"]
    assert re.search(rf"ERROR failed .*{BINARY}", runs["log"])
    returncode, stdout, stderr, _, _ = runs["first"]
    assert returncode == 1
    assert BINARY in stderr
    assert stdout.strip().splitlines()[-1] == str(out / "index.html")


def test_inputs_untouched(runs):
    assert _snapshot(runs["inbox"]) == runs["before"]


def test_overlapping_runs_do_no_double_work(runs):
    log = runs["log"]
    first_pid, second_pid = runs["first"][4], runs["second"][3]
    # The binary fails there too, unless the first run had recorded it by the time
    # the second looked: then it failed before with the same key and is not retried.
    assert runs["second"][0] in (0, 1)
    # The runs overlapped: the second started before the first finished.
    second_start = log.index(f"pid={second_pid} INFO run started")
    first_end = log.index(f"pid={first_pid} INFO run finished")
    assert second_start < first_end
    briefed = Counter(re.findall(r"INFO briefed (\S+) ->", log))
    assert sorted(Path(s).name for s in briefed) == sorted(GOOD)
    assert set(briefed.values()) == {1}
    leftovers = [p.name for p in runs["out"].iterdir() if p.name.startswith((".tmp", ".old"))]
    assert leftovers == []


def test_third_run_skips_everything_fast(runs):
    returncode, stdout, stderr, seconds = runs["third"]
    first_seconds = runs["first"][3]
    assert returncode == 0  # the binary failed before and is not retried
    assert "0 briefed, 3 already done, 0 left to another run, 0 failed" in stderr
    assert "1 failed before and not retried" in stderr
    assert seconds < first_seconds / 4, (seconds, first_seconds)


def test_index_lists_the_three_briefings(runs):
    page = (runs["out"] / "index.html").read_text(encoding="utf-8")
    links = re.findall(r'<a href="([^"]+)/briefing\.html">([^<]+)</a>', page)
    assert sorted(title for _, title in links) == sorted(TITLES)
    assert all((runs["out"] / folder / "briefing.html").is_file() for folder, _ in links)


def test_plan_reads_rows_and_keys_follow_parameters(tmp_path):
    rows = tmp_path / "wire.jsonl"
    rows.write_text(
        '{"id": "w1", "title": "One", "text": "Ships docked at the port, officials said."}\n'
        "not json\n"
        '{"id": "w2", "title": "Two", "text": "Trains ran late, the operator said."}\n',
        encoding="utf-8",
    )
    from analysis.report.runner import effective_parameters

    jobs, refused = batch.plan(tmp_path, effective_parameters({}))
    assert [job.article.id for job in jobs] == ["w1", "w2"]
    assert [outcome.source for outcome in refused] == [f"{rows}:2"]
    other, _ = batch.plan(tmp_path, effective_parameters({"top_n": 7}))
    assert {job.key for job in jobs}.isdisjoint(job.key for job in other)
    assert len({job.key for job in jobs}) == 2
