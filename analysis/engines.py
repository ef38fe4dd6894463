"""Where work runs: in this process, in worker processes, or on Dask (corpus and batch).

Every engine takes the same function and the same stream of chunks and hands
back the results in submission order, whatever order the workers finish in, so
the tables written downstream do not depend on the engine. At most a few chunks
per worker are in flight at once, which keeps memory bounded on a corpus of
any size. Both engines stop a task past its time limit: the local engine stops its
worker process (:mod:`analysis.workerpool`); a Dask task is stopped inside its
worker (:func:`call_limited`), which goes on with the next task.
"""

from __future__ import annotations

import ctypes
import functools
import logging
import os
import threading
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from analysis.workerpool import Failed, WorkerPool

__all__ = ["DEFAULT_TIMEOUT", "ENGINES", "call_limited", "default_workers", "run_dask", "run_local"]

ENGINES = ("local", "dask")
#: Seconds one article may take in ``batch`` and ``corpus`` before it is stopped.
DEFAULT_TIMEOUT = 600

#: Chunks queued per worker: enough to keep each busy, few enough to bound memory.
IN_FLIGHT_PER_WORKER = 2

#: Seconds to wait for a ``--scheduler`` to answer before giving up on it.
SCHEDULER_CONNECT_TIMEOUT = 10


class EngineError(Exception):
    """An engine that cannot start (a scheduler that does not answer); exit status 2."""


def default_workers() -> int:
    """Return the default worker count: two, or one on a single-core machine."""
    return max(1, min(2, os.cpu_count() or 1))


def warm_up() -> None:
    """Load the spaCy pipeline and the analysis stages once per worker, before the first task."""
    from analysis import nlp, pipeline  # noqa: F401 - imported for its side effect: loaded once

    nlp.get_nlp()


def _ordered(submit: Callable[[Any], Any], chunks: Iterable[Any], window: int) -> Iterator[Any]:
    """Submit chunks with at most ``window`` pending and yield results in submission order."""
    pending: deque = deque()
    for chunk in chunks:
        pending.append(submit(chunk))
        if len(pending) >= window:
            yield _result(pending.popleft())
    while pending:
        yield _result(pending.popleft())


def _result(future) -> Any:
    try:
        return future.result()
    except Exception as error:  # noqa: BLE001 - a lost chunk is reported, the run goes on
        return Failed(f"{type(error).__name__}: {error}")


def run_local(
    function: Callable[[Any], Any],
    chunks: Iterable[Any],
    workers: int | None = None,
    timeout: float | Callable[[Any], float | None] | None = None,
) -> Iterator[Any]:
    """Run ``function`` on each chunk in worker processes (or in-process for one worker).

    Args:
        function: A module-level function, so that it can be sent to a worker.
        chunks: Its arguments, consumed lazily.
        workers: Worker processes; ``None`` for :func:`default_workers`. One
            worker and no ``timeout`` runs in this process, since only a
            separate process can be stopped.
        timeout: Seconds a chunk may take (``None`` or 0: no limit), or a
            function of the chunk that returns them.

    Yields:
        One result per chunk, in chunk order; :class:`Failed` where a chunk raised,
        timed out or lost its worker.
    """
    workers = workers or default_workers()
    if workers <= 1 and not timeout:
        for chunk in chunks:
            try:
                yield function(chunk)
            except Exception as error:  # noqa: BLE001 - same contract as the pool
                yield Failed(f"{type(error).__name__}: {error}")
        return
    with WorkerPool(workers, initializer=warm_up, timeout=timeout) as pool:
        window = workers * IN_FLIGHT_PER_WORKER
        for _, result in pool.imap(function, chunks, ordered=True, window=window):
            yield result


class TimeLimit(BaseException):
    """Raised inside a task that ran past its time limit.

    A BaseException, so that the per-article ``except Exception`` of the pipeline
    does not take it for one article's failure and carry on with the chunk.
    """


def _raise_in(thread: int, exception: type[BaseException] | None) -> None:
    """Raise ``exception`` in a thread at its next Python instruction; None clears a pending one."""
    ctypes.pythonapi.PyThreadState_SetAsyncExc(
        ctypes.c_ulong(thread), ctypes.py_object(exception) if exception else ctypes.c_void_p(0)
    )


def call_limited(function: Callable[[Any], Any], limit: float | None, chunk: Any) -> Any:
    """Call ``function(chunk)``, stopping it once it has run for ``limit`` seconds.

    A Dask worker runs its task in a thread of its own process, which cannot be
    killed the way the local engine kills a worker process. A timer raises
    :class:`TimeLimit` in that thread instead, at its next Python instruction (a
    single long call into compiled code finishes first), so the worker is free for
    the next task.

    Args:
        function: The task.
        limit: Seconds it may run; None or 0 for no limit.
        chunk: Its argument.

    Returns:
        What ``function`` returns, or :class:`Failed` (``timed_out=True``) when stopped.
    """
    if not limit:
        return function(chunk)
    thread = threading.get_ident()
    lock = threading.Lock()
    state = {"finished": False, "fired": False}

    def stop() -> None:
        with lock:
            if not state["finished"]:
                state["fired"] = True
                _raise_in(thread, TimeLimit)

    timer = threading.Timer(limit, stop)
    timer.daemon = True
    try:
        try:
            timer.start()
            result = function(chunk)
        finally:
            timer.cancel()
            with lock:
                state["finished"] = True
                if state["fired"]:
                    _raise_in(thread, None)  # fired as the task ended: not delivered yet
        return result
    except TimeLimit:
        return Failed(f"timed out after {limit:g} s", timed_out=True)


def _connect(client_class, scheduler: str):
    """Connect to a running scheduler, or say in one line why not."""
    # distributed logs every failed attempt, with tracebacks; the one line below says it all.
    logger = logging.getLogger("distributed")
    level = logger.level
    logger.setLevel(logging.CRITICAL)
    try:
        return client_class(scheduler, timeout=SCHEDULER_CONNECT_TIMEOUT)
    except (OSError, TimeoutError, ValueError, TypeError) as error:
        problem = (str(error).strip().splitlines() or [type(error).__name__])[0]
        raise EngineError(
            f"{scheduler}: cannot connect to the Dask scheduler ({problem})"
        ) from None
    finally:
        logger.setLevel(level)


def run_dask(
    function: Callable[[Any], Any],
    chunks: Iterable[Any],
    workers: int | None = None,
    scheduler: str | None = None,
    timeout: float | Callable[[Any], float | None] | None = None,
) -> Iterator[Any]:
    """Run ``function`` on each chunk as a Dask task.

    Without ``scheduler`` a quiet ``LocalCluster`` of single-threaded worker
    processes is started and stopped again; with it, the tasks go to that
    running cluster, whose workers must have newsbrief installed.

    Args:
        function: A module-level function, importable on the workers.
        chunks: Its arguments, consumed lazily.
        workers: Worker processes for a local cluster (default :func:`default_workers`).
        scheduler: Address of a running scheduler, e.g. ``tcp://10.0.0.5:8786``.
        timeout: Seconds a chunk may run once started (``None`` or 0: no limit), or
            a function of the chunk that returns them; see :func:`call_limited`.

    Returns:
        An iterator of one result per chunk, in chunk order; :class:`Failed` where
        a chunk raised or timed out. The cluster is reached (or started) before this returns,
        so that a scheduler that does not answer is reported before any work.

    Raises:
        EngineError: If ``scheduler`` does not answer within
            :data:`SCHEDULER_CONNECT_TIMEOUT` seconds.
    """
    from dask.distributed import Client, LocalCluster

    if scheduler:
        client = _connect(Client, scheduler)
        cluster = None
        window = max(1, len(client.scheduler_info().get("workers", {}))) * IN_FLIGHT_PER_WORKER
    else:
        n_workers = workers or default_workers()
        cluster = LocalCluster(
            n_workers=n_workers,
            threads_per_worker=1,
            processes=True,
            dashboard_address=None,
            silence_logs=logging.ERROR,
        )
        client = Client(cluster)
        window = n_workers * IN_FLIGHT_PER_WORKER
    return _on_cluster(client, cluster, function, chunks, window, timeout)


def _on_cluster(client, cluster, function, chunks, window: int, timeout) -> Iterator[Any]:
    def submit(chunk):
        limit = timeout(chunk) if callable(timeout) else timeout
        task = functools.partial(call_limited, function, limit) if limit else function
        # pure=False: two chunks with equal content are still two tasks.
        return client.submit(task, chunk, pure=False)

    try:
        yield from _ordered(submit, chunks, window)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
