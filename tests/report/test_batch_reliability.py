"""Batch against a hostile inbox, crashing and hanging articles, and a killed run.

Each module-level run checks several behaviours at once, since every good
briefing starts a kernel. The minimal notebook fixture stands in for the
briefing; slow, vanishing and crashing articles are made so by replacing the
analysis step, which forked workers inherit.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import re
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import psutil
import pytest
from conftest import FIXTURES, ROOT
from filelock import FileLock

from analysis import engines, pipeline
from analysis.report import batch
from analysis.report.batchfiles import LOCKS, one_line
from analysis.report.publish import leftovers

NOTEBOOK = FIXTURES / "notebooks" / "briefing_min.ipynb"
GOOD = (FIXTURES / "batch" / "harbour-reopens.txt").read_bytes()
#: Long enough that an article sleeping this long has certainly been stopped.
FOREVER = 3600
#: The time limit where articles are stopped; the ones meant to finish take milliseconds
#: (their analysis is replaced, and the clock starts only once a worker is ready).
LIMIT = 3
#: Generous wait for processes to appear or go away.
PATIENCE = 120

ROW = {"title": "Ferry timetable changes", "text": "The ferry leaves at noon, the operator said."}
NEWLINE_NAME = "scan\nof page.txt"
LATIN1_NAME = b"caf\xe9-notes.txt"


def article(title: str) -> str:
    return f"{title}\n\nThe council met on Monday, a spokesperson said. Nothing else happened.\n"


def misbehaving_analyze(real):
    """The analysis step, except for articles whose title says to misbehave."""

    def analyze(item, *args, **kwargs):
        title = item.title or ""
        if title.startswith("Slow"):
            time.sleep(FOREVER)
        if title.startswith("Vanish"):
            os._exit(3)
        if title.startswith("Memory"):
            raise MemoryError("cannot allocate")
        if title.startswith("Deep"):
            raise RecursionError("maximum recursion depth exceeded")
        return real(item, *args, **kwargs)

    return analyze


def hostile_inbox(inbox: Path) -> None:
    inbox.mkdir()
    (inbox / "good.txt").write_bytes(GOOD)
    (inbox / "good-copy.txt").write_bytes(GOOD)
    rows = [
        json.dumps(ROW),
        json.dumps(ROW),  # identical row: a duplicate
        '{"title": "Broken \\ud800 title", "text": "A lone surrogate, she said."}',
        '{"id": "empty", "text": ""}',  # read after the row that broke the reader
        json.dumps({"title": "Memory hog", "text": "Big numbers, he said."}),
    ]
    (inbox / "wire.jsonl").write_text("\n".join(rows) + "\n", encoding="utf-8")
    (inbox / "nested.json").write_text("[" * 100_000, encoding="utf-8")
    (inbox / NEWLINE_NAME).write_bytes(bytes(range(256)) * 4)
    (inbox / os.fsdecode(LATIN1_NAME)).write_text(article("Deep thoughts"), encoding="utf-8")
    os.mkfifo(inbox / "pipe.txt")
    (inbox / "loop.txt").symlink_to("loop.txt")
    (inbox / "attachments").mkdir()
    (inbox / "scan.pdf").write_bytes(b"%PDF-1.4")
    (inbox / "letter.docx").write_bytes(b"PK\x03\x04")


def stderr_lines(text: str) -> list[str]:
    """Lines written to stderr, without the progress bar (which redraws with \\r)."""
    return [line.rsplit("\r", 1)[-1] for line in text.split("\n") if line.rsplit("\r", 1)[-1]]


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    """Three runs in this process (one worker, no limit) over a hostile inbox."""
    root = tmp_path_factory.mktemp("hostile")
    inbox, out = root / "inbox", root / "reports"
    hostile_inbox(inbox)
    runs = {"inbox": inbox, "out": out}
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(pipeline, "analyze", misbehaving_analyze(pipeline.analyze))
        for name, retry in (("first", False), ("second", False), ("retry", True)):
            err = io.StringIO()
            with contextlib.redirect_stderr(err):
                status = batch.run_batch(
                    inbox, out=out, workers=1, timeout=0, retry_failed=retry, notebook=NOTEBOOK
                )
            failures = json.loads((out / "failures.json").read_text(encoding="utf-8"))
            runs[name] = (status, stderr_lines(err.getvalue()), failures)
    runs["log"] = (out / "newsbrief.log").read_text(encoding="utf-8")
    return runs


def summary(lines: list[str]) -> str:
    (line,) = [line for line in lines if line.startswith("newsbrief: batch: ")]
    return line.removeprefix("newsbrief: batch: ")


FAILED = {
    "wire.jsonl:4",  # no text
    "wire.jsonl:5",  # MemoryError in the analysis
    "nested.json",  # RecursionError while loading
    NEWLINE_NAME,  # binary
    os.fsdecode(LATIN1_NAME),  # RecursionError in the analysis, a name that is not UTF-8
}


def test_every_failure_is_recorded_and_the_rest_go_on(hostile):
    status, lines, failures = hostile["first"]
    assert status == 1
    assert summary(lines) == (
        "3 briefed, 0 already done, 0 left to another run, 5 failed, 2 duplicate, 5 skipped"
    )
    out = hostile["out"]
    assert {Path(record["source"]).name for record in failures} == FAILED
    for record in failures:
        manifest = json.loads((out / record["folder"] / "manifest.json").read_bytes())
        assert manifest["status"] == "failed" and record["error"].endswith(manifest["error"])
        assert manifest["input"] == record["source"]
    errors = {Path(r["source"]).name: r["error"] for r in failures}
    assert "nested deeper than" in errors["nested.json"]
    assert "MemoryError: cannot allocate" in errors["wire.jsonl:5"]
    good = [p for p in out.iterdir() if (p / "briefing.html").is_file()]
    titles = sorted(
        json.loads((p / "manifest.json").read_bytes())["article"]["title"] for p in good
    )
    # The lone surrogate is read as U+FFFD, so that row is briefed like any other.
    assert titles == [
        "Broken \ufffd title",
        "Ferry timetable changes",
        "Harbour reopens after storm repairs",
    ]


def test_each_message_is_one_line(hostile):
    _, lines, failures = hostile["first"]
    assert all(line.startswith("newsbrief: ") for line in lines)
    assert len(lines) == len(failures) + 1  # one line per failure, and the summary
    assert any("scan\\nof page.txt: binary" in line for line in lines)
    assert any("caf\\udce9-notes.txt" in line for line in lines)
    assert one_line("a\nb\x1b\ud800") == "a\\nb\\x1b\\ud800"
    log_lines = hostile["log"].splitlines()
    assert all(re.match(r"\d{4}-\d\d-\d\d ", line) for line in log_lines)


def test_odd_entries_are_skipped_and_duplicates_briefed_once(hostile):
    log, inbox = hostile["log"], hostile["inbox"]
    for name, reason in (
        ("pipe.txt", "a named pipe (FIFO), not a file"),
        ("loop.txt", "a symlink loop"),
        ("attachments", "a folder"),
        ("scan.pdf", "unsupported file type '.pdf'"),
        ("letter.docx", "unsupported file type '.docx'"),
    ):
        assert f"INFO skipped {inbox / name}: {reason}" in log
    assert f"duplicate {inbox / 'good.txt'}: same input and parameters as {inbox}" in log
    assert f"duplicate {inbox / 'wire.jsonl'}:2: same input and parameters as " in log
    assert len(re.findall(r"INFO briefed ", log)) == 3  # over all three runs
    assert "another run is briefing it" not in log


def test_what_failed_before_is_not_retried_unless_asked(hostile):
    status, lines, failures = hostile["second"]
    assert status == 0
    assert summary(lines).endswith(
        "0 failed, 2 duplicate, 5 skipped, 5 failed before and not retried"
    )
    assert failures == hostile["first"][2]  # still listed
    page = (hostile["out"] / "index.html").read_text(encoding="utf-8")
    assert page.count('<span class="failed"') == 5 and page.count("briefing.html") == 3
    status, lines, failures = hostile["retry"]
    assert status == 1
    assert "3 already done, 0 left to another run, 5 failed" in summary(lines)
    assert {Path(record["source"]).name for record in failures} == FAILED


def children() -> set[int]:
    return {child.pid for child in psutil.Process().children(recursive=True)}


@pytest.mark.parametrize("workers", [1, 2])
def test_stuck_and_vanishing_articles_fail_alone(tmp_path, monkeypatch, workers):
    inbox, out = tmp_path / "inbox", tmp_path / "reports"
    inbox.mkdir()
    for name, title in (("a.txt", "Slow start"), ("b.txt", "Vanishing act"), ("c.txt", "Deep")):
        (inbox / name).write_text(article(title), encoding="utf-8")
    monkeypatch.setattr(pipeline, "analyze", misbehaving_analyze(pipeline.analyze))
    # No article here reaches spaCy, so the workers (three per run: the first, and one
    # after each that is stopped or dies) need not each load the model.
    monkeypatch.setattr(engines, "warm_up", lambda: None)
    before = children()
    status = batch.run_batch(inbox, out=out, workers=workers, timeout=LIMIT, notebook=NOTEBOOK)
    assert status == 1
    records = json.loads((out / "failures.json").read_text(encoding="utf-8"))
    errors = {Path(record["source"]).name: record["error"] for record in records}
    assert errors["a.txt"] == f"{inbox / 'a.txt'}: timed out after {LIMIT} s"
    assert errors["b.txt"] == f"{inbox / 'b.txt'}: worker process died (exit status 3)"
    assert "RecursionError" in errors["c.txt"]
    for record in records:
        assert json.loads((out / record["folder"] / "manifest.json").read_bytes())["status"] == (
            "failed"
        )
    assert leftovers(out) == []  # the stopped worker's temporary folder is cleared
    assert children() <= before  # every worker has ended


DRIVER = """
import sys, time
from analysis import engines, pipeline
from analysis.report import batch

def stuck(item, *args, **kwargs):
    time.sleep({forever})

pipeline.analyze = stuck
engines.warm_up = lambda: None  # the articles never reach spaCy: no model to load
sys.exit(batch.run_batch(sys.argv[1], out=sys.argv[2], workers=2, timeout=0, notebook=sys.argv[3]))
"""


def start_stuck_run(script: Path, inbox: Path, out: Path) -> tuple[subprocess.Popen, list]:
    """Start a batch whose two workers both hang; return it and its workers once both are busy."""
    command = [sys.executable, str(script), str(inbox), str(out), str(NOTEBOOK)]
    process = subprocess.Popen(command, cwd=ROOT, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + PATIENCE
    while time.monotonic() < deadline and process.poll() is None:
        workers = psutil.Process(process.pid).children()
        pids = {worker.pid for worker in workers}
        busy = [item for item in leftovers(out) if item.kind == "tmp" and item.pid in pids]
        if len(busy) == 2:
            return process, workers
        time.sleep(0.1)
    process.kill()
    pytest.fail("the batch run never had both workers busy")


def test_a_killed_run_takes_its_workers_and_the_next_run_picks_up(tmp_path):
    inbox, out = tmp_path / "inbox", tmp_path / "reports"
    inbox.mkdir()
    (inbox / "one.txt").write_text(article("Harbour wall finished"), encoding="utf-8")
    (inbox / "two.txt").write_text(article("Library opens late"), encoding="utf-8")
    script = tmp_path / "driver.py"
    script.write_text(textwrap.dedent(DRIVER.format(forever=FOREVER)), encoding="utf-8")
    for how, returncode in ((signal.SIGTERM, batch.TERMINATED), (signal.SIGKILL, -signal.SIGKILL)):
        process, workers = start_stuck_run(script, inbox, out)
        process.send_signal(how)
        assert process.wait(PATIENCE) == returncode
        _, alive = psutil.wait_procs(workers, timeout=PATIENCE)
        assert alive == []
        for lock in (out / LOCKS).glob("*.lock"):
            held = FileLock(lock, timeout=0)
            held.acquire()  # nobody holds it any more
            held.release()
    log = (out / "newsbrief.log").read_text(encoding="utf-8")
    assert "run stopped by SIGTERM" in log
    assert len(leftovers(out)) == 2  # the killed run's temporary folders
    assert batch.run_batch(inbox, out=out, workers=1, timeout=0, notebook=NOTEBOOK) == 0
    assert leftovers(out) == []
    log = (out / "newsbrief.log").read_text(encoding="utf-8")
    assert len(re.findall(r"INFO briefed ", log)) == 2
    assert len(re.findall(r"recovered: removed \.tmp-", log)) >= 2


def test_timeout_and_retry_options(monkeypatch):
    from analysis import cli

    seen = {}
    monkeypatch.setattr(batch, "run_batch", lambda folder, **options: seen.update(options) or 0)
    assert cli.main(["batch", "inbox", "--timeout", "0", "--retry-failed"]) == 0
    assert seen["timeout"] == 0 and seen["retry_failed"] is True
    assert cli.main(["batch", "inbox"]) == 0
    assert seen["timeout"] == 600 and seen["retry_failed"] is False
    with pytest.raises(SystemExit) as stopped:
        cli.main(["batch", "inbox", "--timeout", "-5"])
    assert stopped.value.code == 2


def test_workers_that_cannot_start_leave_the_articles_to_a_later_run(tmp_path, monkeypatch):
    def no_model():
        raise OSError("spaCy model not installed")

    monkeypatch.setattr(engines, "warm_up", no_model)
    inbox, out = tmp_path / "inbox", tmp_path / "reports"
    inbox.mkdir()
    (inbox / "one.txt").write_text(article("Harbour wall finished"), encoding="utf-8")
    assert batch.run_batch(inbox, out=out, workers=1, timeout=LIMIT, notebook=NOTEBOOK) == 1
    (record,) = json.loads((out / "failures.json").read_text(encoding="utf-8"))
    assert record["error"].endswith("one.txt: OSError: spaCy model not installed")
    assert record["folder"] is None  # so the next run tries it again
    assert not list(out.glob("*.failed"))
