"""Worker processes that can be stopped: a time limit per task, and no orphans.

``concurrent.futures.ProcessPoolExecutor`` can neither stop one task that hangs
nor survive the death of a worker (every pending task then fails). This pool
runs one task at a time per worker and hands out the next when one is free, so:

* a task past its time limit is stopped by ending its worker (SIGTERM, then
  SIGKILL), it comes back as :class:`Failed` with ``timed_out`` set, and a fresh
  worker takes the worker's place;
* a worker that dies (killed for memory, ``os._exit``, a crash in C code) fails
  only the task it was running, and is replaced too;
* workers end with the process that started them: on Linux the kernel kills them
  when it dies (``PR_SET_PDEATHSIG``), and a watchdog thread in each worker exits
  when its parent changes, where that is not available.

Workers are forked where the platform can, so they start with what the parent
has loaded. Terminal interrupts (Ctrl-C) go to the parent only; it stops the
workers itself. Create and use a pool from the main thread: the death signal is
tied to the thread that started the worker.
"""

from __future__ import annotations

import contextlib
import ctypes
import multiprocessing
import os
import signal
import sys
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from multiprocessing.connection import wait
from typing import Any

#: Seconds a worker has to end after SIGTERM before it is killed.
STOP_GRACE = 5.0
#: How often a worker's watchdog checks that its parent is still there.
WATCH_INTERVAL = 1.0
#: Exit status of a worker whose parent has gone.
ORPHANED = 70
_PR_SET_PDEATHSIG = 1
_READY, _BROKEN, _DONE = "ready", "broken", "done"
_END = object()

Limit = float | Callable[[Any], float | None] | None


class Failed:
    """Stands in for the result of a task that could not be run to the end.

    Args:
        error: One line saying what went wrong.
        timed_out: True when the task was stopped at its time limit.
    """

    def __init__(self, error: str, timed_out: bool = False):
        self.error = error
        self.timed_out = timed_out

    def __repr__(self) -> str:
        return f"Failed({self.error!r}, timed_out={self.timed_out})"


def describe(error: BaseException) -> str:
    """One line for an exception: its type and the first line of its message."""
    lines = str(error).strip().splitlines()
    return f"{type(error).__name__}: {lines[0]}" if lines else type(error).__name__


def _set_death_signal() -> None:
    """Ask Linux to kill this process when its parent dies; a no-op elsewhere."""
    if not sys.platform.startswith("linux"):
        return
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)


def _watch(parent: int) -> None:
    while True:
        time.sleep(WATCH_INTERVAL)
        if os.getppid() != parent:
            os._exit(ORPHANED)


def tie_to_parent(parent: int) -> None:
    """Make this worker end with the process ``parent``.

    Args:
        parent: The pid of the process that started this one.
    """
    _set_death_signal()
    if os.getppid() != parent:  # the parent died before the death signal was set
        os._exit(ORPHANED)
    threading.Thread(target=_watch, args=(parent,), daemon=True, name="parent-watch").start()


def _serve(conn, parent: int, initializer: Callable[[], None] | None) -> None:
    """A worker's main loop: run ``(function, item)`` tasks until told to stop."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent handles Ctrl-C
    tie_to_parent(parent)
    try:
        if initializer is not None:
            initializer()
    except BaseException as error:  # noqa: BLE001 - reported to the parent, which fails the tasks
        conn.send((_BROKEN, describe(error)))
        return
    conn.send((_READY, None))
    while True:
        try:
            task = conn.recv()
        except (EOFError, OSError):
            return
        if task is None:
            return
        function, item = task
        try:
            reply = (_DONE, (True, function(item)))
        except BaseException as error:  # noqa: BLE001 - a task's failure is its result
            reply = (_DONE, (False, describe(error)))
        try:
            conn.send(reply)
        except Exception as error:  # noqa: BLE001 - e.g. a result that cannot be pickled
            conn.send((_DONE, (False, f"result could not be sent back: {describe(error)}")))


@dataclass(eq=False)
class _Worker:
    process: Any
    conn: Any
    ready: bool = False
    index: int | None = None
    deadline: float | None = None
    limit: float | None = None


def _context():
    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("fork" if "fork" in methods else "spawn")


def _death(process) -> str:
    code = process.exitcode
    if code is not None and code < 0:
        return f"worker process was killed by signal {-code}"
    return f"worker process died (exit status {code})"


class WorkerPool:
    """A fixed number of worker processes, each running one task at a time.

    Args:
        size: Worker processes.
        initializer: Run once in each worker before its first task.
        timeout: Seconds a task may run (``None`` or 0: no limit), or a function
            of the task's item that returns them.

    Use it as a context manager; leaving it stops every worker.
    """

    def __init__(self, size: int, initializer: Callable[[], None] | None = None, timeout=None):
        self.size = max(1, size)
        self.initializer = initializer
        self.timeout = timeout
        self.broken: str | None = None
        self._ctx = _context()
        self._workers: list[_Worker] = []

    def __enter__(self) -> WorkerPool:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def _start(self) -> None:
        parent_end, child_end = self._ctx.Pipe()
        process = self._ctx.Process(
            target=_serve, args=(child_end, os.getpid(), self.initializer), daemon=True
        )
        process.start()
        child_end.close()
        self._workers.append(_Worker(process, parent_end))

    def _stop(self, worker: _Worker) -> None:
        if worker in self._workers:
            self._workers.remove(worker)
        with contextlib.suppress(OSError):
            worker.conn.close()
        if worker.process.is_alive():
            worker.process.terminate()
            worker.process.join(STOP_GRACE)
        if worker.process.is_alive():
            worker.process.kill()
        worker.process.join()

    def close(self) -> None:
        """Stop every worker: idle ones are asked to exit, busy ones are ended."""
        idle = []
        for worker in self._workers:
            if worker.ready and worker.index is None:
                with contextlib.suppress(OSError, ValueError):
                    worker.conn.send(None)
                    idle.append(worker)
        for worker in idle:
            worker.process.join(STOP_GRACE)
        for worker in list(self._workers):
            self._stop(worker)

    def _limit(self, item: Any) -> float | None:
        limit = self.timeout(item) if callable(self.timeout) else self.timeout
        return limit if limit and limit > 0 else None

    def _assign(self, worker: _Worker, function, index: int, item: Any) -> bool:
        try:
            worker.conn.send((function, item))
        except (OSError, ValueError):
            return False
        worker.index, worker.limit = index, self._limit(item)
        worker.deadline = time.monotonic() + worker.limit if worker.limit else None
        return True

    def _receive(self, worker: _Worker) -> tuple[int, Any] | None:
        """Handle one message or the death of a worker; return a finished task, if any."""
        try:
            kind, payload = worker.conn.recv()
        except (EOFError, OSError):
            kind, payload = None, None
        if kind == _READY:
            worker.ready = True
            return None
        if kind == _DONE:
            index, worker.index, worker.deadline = worker.index, None, None
            ok, value = payload
            return index, value if ok else Failed(value)
        index = worker.index
        self._stop(worker)
        if kind == _BROKEN or not worker.ready:
            self.broken = payload or f"{_death(worker.process)} while starting"
        return None if index is None else (index, Failed(_death(worker.process)))

    def _expire(self) -> list[tuple[int, Any]]:
        now, finished = time.monotonic(), []
        for worker in list(self._workers):
            if worker.deadline is not None and now >= worker.deadline:
                self._stop(worker)
                message = f"timed out after {worker.limit:g} s"
                finished.append((worker.index, Failed(message, timed_out=True)))
        return finished

    def _wait(self) -> list[_Worker]:
        deadlines = [w.deadline for w in self._workers if w.deadline is not None]
        timeout = max(0.0, min(deadlines) - time.monotonic()) if deadlines else None
        by_conn = {w.conn: w for w in self._workers}
        by_sentinel = {w.process.sentinel: w for w in self._workers}
        ready = wait([*by_conn, *by_sentinel], timeout)
        found = [by_conn.get(r) or by_sentinel.get(r) for r in ready]
        return list(dict.fromkeys(w for w in found if w is not None))

    def imap(
        self,
        function: Callable[[Any], Any],
        items: Iterable[Any],
        ordered: bool = False,
        window: int | None = None,
    ) -> Iterator[tuple[int, Any]]:
        """Run ``function`` on every item in the workers.

        Args:
            function: A picklable callable (a module-level function or a partial of one).
            items: Its arguments, taken lazily as workers become free.
            ordered: Yield results in item order instead of as they finish.
            window: With ``ordered``, at most this many items are taken ahead of
                the oldest one not yet yielded, which bounds memory.

        Yields:
            ``(position, result)`` where result is :class:`Failed` for a task that
            raised, timed out, or whose worker died.
        """
        source = iter(items)
        upcoming = next(source, _END)
        taken = emitted = 0
        held: dict[int, Any] = {}
        while True:
            finished: list[tuple[int, Any]] = []
            while upcoming is not _END and self.broken is not None:
                finished.append((taken, Failed(self.broken)))
                taken, upcoming = taken + 1, next(source, _END)
            while upcoming is not _END and len(self._workers) < self.size:
                self._start()
            for worker in self._workers:
                room = not (ordered and window) or taken - emitted < window
                if worker.ready and worker.index is None and upcoming is not _END and room:
                    if self._assign(worker, function, taken, upcoming):
                        taken, upcoming = taken + 1, next(source, _END)
            if self._workers and (upcoming is not _END or self._busy()):
                finished += [done for w in self._wait() for done in [self._receive(w)] if done]
                finished += self._expire()
            if not ordered:
                yield from finished
            else:
                held.update(finished)
                while emitted in held:
                    yield emitted, held.pop(emitted)
                    emitted += 1
            if upcoming is _END and not self._busy() and not held:
                return

    def _busy(self) -> bool:
        return any(worker.index is not None for worker in self._workers)
