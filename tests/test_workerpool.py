"""The worker pool: stuck tasks are stopped, dead workers replaced, and workers die with the run."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time

import psutil
import pytest

from analysis import engines
from analysis.workerpool import Failed, WorkerPool

#: Long enough that a task sleeping this long has certainly been stopped, not finished.
FOREVER = 3600
#: Generous wait for processes to go away once their parent is gone.
GONE_WITHIN = 60


def task(item):
    """Behave as the item says: return it, sleep, raise, or end the worker."""
    kind, value = item
    if kind == "sleep":
        time.sleep(value)
    if kind == "raise":
        raise RecursionError("too deep")
    if kind == "exit":
        os._exit(value)
    if kind == "pid":
        return os.getpid()
    return value


def broken_start():
    raise OSError("model not installed")


def test_stuck_task_is_stopped_and_the_pool_goes_on():
    items = [("sleep", FOREVER), ("value", 1), ("raise", 0), ("exit", 3), ("value", 2)]
    with WorkerPool(1, timeout=2) as pool:
        results = dict(pool.imap(task, items))
    assert sorted(results) == [0, 1, 2, 3, 4]
    assert isinstance(results[0], Failed) and results[0].timed_out
    assert results[0].error == "timed out after 2 s"
    assert results[1] == 1 and results[4] == 2
    assert isinstance(results[2], Failed) and results[2].error == "RecursionError: too deep"
    assert not results[2].timed_out
    assert results[3].error == "worker process died (exit status 3)"


def test_ordered_results_and_per_item_limits():
    items = [("value", n) for n in range(7)]
    with WorkerPool(2, timeout=lambda item: None) as pool:
        results = list(pool.imap(task, items, ordered=True, window=2))
    assert results == [(n, n) for n in range(7)]
    assert list(engines.run_local(task, items, workers=2, timeout=30)) == list(range(7))


def test_a_worker_that_cannot_start_fails_every_task():
    with WorkerPool(2, initializer=broken_start) as pool:
        results = list(pool.imap(task, [("value", 1), ("value", 2), ("value", 3)]))
    assert sorted(index for index, _ in results) == [0, 1, 2]
    assert {r.error for _, r in results} == {"OSError: model not installed"}


DRIVER = """
import sys, time
sys.path.insert(0, {tests!r})
from test_workerpool import task
from analysis.workerpool import WorkerPool
with WorkerPool(2) as pool:
    for _ in pool.imap(task, [("sleep", {forever})] * 2):
        pass
"""


@pytest.mark.parametrize("how", [signal.SIGTERM, signal.SIGKILL])
def test_workers_end_with_their_parent(tmp_path, how):
    script = tmp_path / "driver.py"
    tests = os.path.dirname(__file__)
    script.write_text(textwrap.dedent(DRIVER.format(tests=tests, forever=FOREVER)))
    parent = subprocess.Popen([sys.executable, str(script)])
    try:
        deadline = time.monotonic() + GONE_WITHIN
        children = []
        while len(children) < 2 and time.monotonic() < deadline:
            children = psutil.Process(parent.pid).children()
            time.sleep(0.1)
        assert len(children) == 2
        parent.send_signal(how)
        parent.wait(GONE_WITHIN)
        gone, alive = psutil.wait_procs(children, timeout=GONE_WITHIN)
        assert alive == []
    finally:
        parent.kill()
