"""Publishing a report folder survives a crash at any instant, and the next run tidies up.

No kernels here: report folders are small hand-made ones, and crashes are simulated
by ``os._exit`` in a subprocess at the worst moment of the swap.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from conftest import FIXTURES, ROOT
from filelock import FileLock

from analysis.ingest.files import load_article
from analysis.report import batch, publish
from analysis.report.batchfiles import LOCKS, clean_leftovers
from analysis.report.index import write_index
from analysis.report.publish import json_bytes, leftovers, settle
from analysis.report.runner import effective_parameters, folder_name

NOTEBOOK = FIXTURES / "notebooks" / "briefing_min.ipynb"
ARTICLE = FIXTURES / "batch" / "harbour-reopens.txt"
NAME = "undated_harbour_1a2b3c4d"


def make_report(folder: Path, title: str, status: str = "ok") -> Path:
    """A minimal report folder: a manifest and a page."""
    folder.mkdir(parents=True)
    manifest = {"status": status, "name": folder.name, "article": {"title": title}}
    (folder / "manifest.json").write_bytes(json_bytes(manifest))
    (folder / "briefing.html").write_text(f"<p>{title}</p>", encoding="utf-8")
    return folder


def title_of(folder: Path) -> str:
    return json.loads((folder / "manifest.json").read_text(encoding="utf-8"))["article"]["title"]


def dead_pid() -> int:
    """The pid of a process that has ended."""
    command = [sys.executable, "-c", "import os; print(os.getpid())"]
    return int(subprocess.run(command, check=True, capture_output=True, text=True).stdout)


CRASH = """
import os, sys
from pathlib import Path
from analysis.report import publish

out, mode = Path(sys.argv[1]), sys.argv[2]
renames = []
real_rename = os.rename

def rename(src, dst):
    renames.append(src)
    if len(renames) == 2:  # the old report has stepped aside; the new one is not in yet
        os._exit(9)
    real_rename(src, dst)

def rmtree(path, ignore_errors=False):
    os._exit(9)  # exchanged, but the temporary folder (now the old report) not yet removed

if mode == "fallback":
    publish.exchange = lambda a, b: False
    os.rename = rename
else:
    publish.shutil.rmtree = rmtree
work = out / f".tmp-{sys.argv[3]}-{os.getpid()}"
work.mkdir()
(work / "manifest.json").write_text('{"status": "ok", "article": {"title": "new"}}')
(work / "briefing.html").write_text("<p>new</p>")
publish.publish(work, out, sys.argv[3], ok=True)
"""


def crash_publish(out: Path, mode: str, name: str) -> None:
    """Publish a new report over ``out/name`` in a process that dies half way."""
    script = out.parent / "crash.py"
    script.write_text(textwrap.dedent(CRASH), encoding="utf-8")
    done = subprocess.run([sys.executable, str(script), str(out), mode, name], cwd=ROOT)
    assert done.returncode == 9


def test_publish_replaces_a_report_in_one_step(tmp_path):
    make_report(tmp_path / NAME, "old")
    make_report(tmp_path / f"undated_other_1a2b3c4d{publish.FAILED_SUFFIX}", "failed", "failed")
    make_report(tmp_path / f".tmp-{NAME}-1", "new")
    assert publish.publish(tmp_path / f".tmp-{NAME}-1", tmp_path, NAME, ok=True) == tmp_path / NAME
    assert title_of(tmp_path / NAME) == "new"
    # Nothing is left aside, and no failed folder of the same key stays next to a good one.
    assert sorted(p.name for p in tmp_path.iterdir()) == [NAME]


def test_an_interrupted_swap_puts_the_old_report_back(tmp_path, monkeypatch):
    make_report(tmp_path / NAME, "old")
    make_report(tmp_path / f".tmp-{NAME}-1", "new")
    monkeypatch.setattr(publish, "exchange", lambda a, b: False)
    real_rename = os.rename

    def second_rename_fails(src, dst):
        if Path(src).name.startswith(".tmp-"):
            raise KeyboardInterrupt  # not even an OSError: the old report still comes back
        real_rename(src, dst)

    monkeypatch.setattr(publish.os, "rename", second_rename_fails)
    with pytest.raises(KeyboardInterrupt):
        publish.publish(tmp_path / f".tmp-{NAME}-1", tmp_path, NAME, ok=True)
    assert title_of(tmp_path / NAME) == "old"
    assert not list(tmp_path.glob(".old-*"))


@pytest.mark.parametrize("mode", ["fallback", "exchange"])
def test_a_kill_mid_publish_is_settled_by_the_next_run(tmp_path, mode):
    out = tmp_path / "reports"
    parameters = effective_parameters({}, NOTEBOOK)
    name = folder_name(load_article(ARTICLE), parameters, NOTEBOOK)
    make_report(out / name, "old")
    crash_publish(out, mode, name)
    left = {item.kind for item in leftovers(out)}
    if mode == "fallback":
        assert not (out / name).exists() and left == {"old", "tmp"}
    else:
        assert title_of(out / name) == "new" and left == {"tmp"}
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / ARTICLE.name).write_bytes(ARTICLE.read_bytes())
    # The next run settles the leftovers first, so it finds the report done: no briefing.
    status = batch.run_batch(inbox, out=out, workers=1, timeout=0, notebook=NOTEBOOK)
    assert status == 0
    assert title_of(out / name) == ("old" if mode == "fallback" else "new")
    assert leftovers(out) == []
    log = (out / "newsbrief.log").read_text(encoding="utf-8")
    assert "0 briefed, 1 already done" in log
    if mode == "fallback":
        assert f"recovered: restored {name} from .old-{name}-" in log
    assert f'href="{name}/briefing.html"' in (out / "index.html").read_text(encoding="utf-8")


def test_leftovers_of_dead_runs_go_and_live_work_stays(tmp_path):
    dead, now = dead_pid(), time.time()
    ancient = now - publish.STALE_AFTER - 60
    make_report(tmp_path / NAME, "current")
    for name in (f".tmp-{NAME}-{dead}", f".old-{NAME}-{dead}", f".tmp-{NAME}"):
        make_report(tmp_path / name, "leftover")
    os.utime(tmp_path / f".tmp-{NAME}", (ancient, ancient))
    make_report(tmp_path / f".tmp-undated_fresh_00000000-{os.getpid()}", "in progress")
    make_report(tmp_path / ".tmp-undated_recent_11111111", "no pid, recent")
    make_report(tmp_path / f".tmp-undated_locked_22222222-{dead}", "locked")
    (tmp_path / f".index.html.{dead}.tmp").write_text("partial")
    (tmp_path / LOCKS).mkdir()
    with FileLock(tmp_path / LOCKS / "22222222.lock"):
        done = clean_leftovers(tmp_path)
    assert len(done) == 4 and all(line.startswith("removed ") for line in done)
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        [
            NAME,
            LOCKS,
            f".tmp-undated_fresh_00000000-{os.getpid()}",
            ".tmp-undated_recent_11111111",
            f".tmp-undated_locked_22222222-{dead}",
        ]
    )
    assert title_of(tmp_path / NAME) == "current"


def test_a_set_aside_report_comes_back_only_where_its_name_is_free(tmp_path):
    dead = dead_pid()
    make_report(tmp_path / f".old-{NAME}.failed-{dead}", "failed earlier", "failed")
    (item,) = leftovers(tmp_path)
    assert (item.kind, item.name, item.pid, item.key) == ("old", f"{NAME}.failed", dead, "1a2b3c4d")
    assert settle(item) == "restored"
    assert title_of(tmp_path / f"{NAME}.failed") == "failed earlier"
    assert write_index(tmp_path).is_file()
