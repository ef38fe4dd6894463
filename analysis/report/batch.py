"""Batch briefings: every new article in a folder becomes a report, unattended.

``newsbrief batch DIR`` is made to be run from cron or an orchestrator:

* An article is new when no good report of it exists: a report folder whose
  name ends in its report key (input hash plus parameters) and whose manifest
  says ``ok``. Deciding that needs only hashes and folder names, so a run with
  nothing new never loads spaCy and ends in a moment. An article that failed
  with the same key before is not tried again unless asked (``retry_failed``).
* Articles are briefed by worker processes, each loading spaCy once. A worker
  that runs past the per-article time limit is stopped and replaced, and so is
  one that dies; that article fails, the others go on. Workers die with the run.
* Each article is briefed under a lock of its own (``OUT/.locks/<key>.lock``).
  A run that finds an article's lock taken leaves it to the run holding it, so
  two overlapping runs never brief the same article twice; report folders are
  put in place atomically (:mod:`analysis.report.publish`), and each run first
  settles what killed runs left behind.
* Inputs are only ever read. A broken article, whatever goes wrong with it, is
  recorded in a failed report folder's manifest, in ``OUT/failures.json``, in
  ``OUT/newsbrief.log`` and in one stderr line, and the others go on; the exit
  status is then 1.
* Every run ends by refreshing ``OUT/index.html``.
"""

from __future__ import annotations

import contextlib
import functools
import logging
import signal
import sys
import threading
import time
from dataclasses import asdict
from pathlib import Path

from filelock import FileLock, Timeout
from tqdm import tqdm

from analysis import engines
from analysis.article import IngestError
from analysis.report.batchfiles import (
    LOCKS,
    clean_leftovers,
    done_reports,
    failed_reports,
    find_report,
    one_line,
    record_failures,
    setup_log,
    write_failed_folder,
)
from analysis.report.inbox import Job, Outcome, plan
from analysis.workerpool import Failed, WorkerPool, describe

__all__ = ["Job", "Outcome", "brief", "plan", "run_batch"]

log = logging.getLogger("analysis.report.batch")

#: The summary's counts: always shown, then shown only when there are any.
COUNTED = (
    ("ok", "briefed"),
    ("done", "already done"),
    ("busy", "left to another run"),
    ("failed", "failed"),
)
NOTED = (
    ("duplicate", "duplicate"),
    ("skipped", "skipped"),
    ("failed-before", "failed before and not retried"),
)
#: Exit status after SIGTERM: 128 plus the signal, as a shell reports it.
TERMINATED = 128 + signal.SIGTERM


class Terminated(SystemExit):
    """SIGTERM arrived: the run stops, its workers with it."""


class _Bar(tqdm):
    # No monitor thread: worker processes are forked from this process mid-run.
    monitor_interval = 0


def record_failed(out: Path, source: str, key: str, error: str, parameters: dict) -> str | None:
    """Write the failed folder of an input; never raises.

    Returns:
        The folder name, or None when even that could not be written (logged).
    """
    try:
        return write_failed_folder(out, source, key, error, parameters).name
    except Exception as failure:  # noqa: BLE001 - the failure is still logged and listed
        log.error("cannot record the failure of %s: %s", one_line(source), describe(failure))
        return None


def _message(source: str, error: Exception) -> str:
    # An IngestError names its input already; anything else is named here.
    return str(error) if isinstance(error, IngestError) else f"{source}: {describe(error)}"


def _locked_record(out: Path, source: str, key: str | None, error: str, parameters: dict):
    """Record a failure under the article's lock; ``busy`` when another run holds it."""
    if key is None:
        return Outcome(source, "failed", error=error)
    try:
        with FileLock(out / LOCKS / f"{key}.lock", timeout=0):
            folder = record_failed(out, source, key, error, parameters)
    except Timeout:
        return Outcome(source, "busy", key=key)
    return Outcome(source, "failed", folder, error, key=key)


def brief(
    job: Job,
    out: str,
    parameters: dict,
    force: bool,
    notebook: str | None = None,
    kernel: str | None = None,
) -> Outcome:
    """Brief one article under its lock; runs in a worker process.

    Args:
        job: The article.
        out: The reports folder.
        parameters: Effective notebook parameters.
        force: Brief it even if a good report exists.
        notebook: The briefing notebook; the shipped one when None.
        kernel: The Jupyter kernel for the notebook; the executor's default when None.

    Returns:
        The outcome; ``busy`` when another run holds the article's lock.
    """
    from analysis.report.runner import run_report

    started = time.perf_counter()
    lock = FileLock(Path(out) / LOCKS / f"{job.key}.lock", timeout=0)
    try:
        lock.acquire()
    except Timeout:
        return Outcome(job.source, "busy", key=job.key)
    try:
        # Another run may have finished it between our plan and our lock.
        existing = None if force else find_report(Path(out), job.key)
        if existing:
            return Outcome(job.source, "done", folder=existing.name, key=job.key)
        try:
            article = job.article or job.source
            result = run_report(
                article,
                out=out,
                parameters=parameters,
                notebook=notebook,
                kernel=kernel,
                corrections=job.corrections,
            )
        except Exception as error:  # noqa: BLE001 - whatever it is, it fails this article only
            message = _message(job.source, error)
            folder = record_failed(Path(out), job.source, job.key, message, parameters)
            return Outcome(job.source, "failed", folder, message, key=job.key)
        error = None if result.ok else f"{job.source}: {result.error}"
        status = "ok" if result.ok else "failed"
        seconds = round(time.perf_counter() - started, 2)
        return Outcome(job.source, status, result.folder.name, error, seconds, job.key)
    finally:
        lock.release()


def _run(jobs: list[Job], out: Path, parameters: dict, settings: dict):
    """Brief the jobs in this process or in workers, yielding outcomes as they finish."""
    if not jobs:
        return
    task = functools.partial(
        brief,
        out=str(out),
        parameters=parameters,
        force=settings["force"],
        notebook=settings["notebook"],
        kernel=settings["kernel"],
    )
    workers, timeout = settings["workers"], settings["timeout"]
    with _Bar(total=len(jobs), desc="batch", unit="article", file=sys.stderr, leave=False) as bar:
        if workers <= 1 and not timeout:
            # In this process: nothing could stop a stuck article, so only without a limit.
            for job in jobs:
                yield task(job)
                bar.update()
            return
        with WorkerPool(workers, initializer=engines.warm_up, timeout=timeout) as pool:
            for index, result in pool.imap(task, jobs):
                if isinstance(result, Failed):  # timed out, or its worker died
                    result = _lost(jobs[index], result, out, parameters, pool.broken)
                yield result
                bar.update()


def _lost(job: Job, failed: Failed, out: Path, parameters: dict, broken: str | None) -> Outcome:
    """The outcome of an article whose worker never gave an answer."""
    error = f"{job.source}: {failed.error}"
    if failed.error == broken:
        # No worker could start (a missing spaCy model, say): nothing is wrong with the
        # article, so no failed folder, which would keep the next run from trying it.
        return Outcome(job.source, "failed", error=error)
    return _locked_record(out, job.source, job.key, error, parameters)


def _triage(jobs: list[Job], planned: list[Outcome], out: Path, settings: dict):
    """Split the jobs into those to brief and those settled already (done, failed before)."""
    done = {} if settings["force"] else done_reports(out)
    retry = settings["force"] or settings["retry_failed"]
    before = {} if retry else failed_reports(out)
    todo, outcomes = [], []
    for job in jobs:
        if job.key in done:
            outcomes.append(Outcome(job.source, "done", folder=done[job.key], key=job.key))
        elif job.key in before:
            outcomes.append(Outcome(job.source, "failed-before", before[job.key], key=job.key))
        else:
            todo.append(job)
    for outcome in planned:
        if outcome.status == "failed" and outcome.key in before:
            outcome.status, outcome.folder = "failed-before", before[outcome.key]
        outcomes.append(outcome)
    return todo, outcomes


def _log_settled(outcomes: list[Outcome]) -> None:
    for o in outcomes:
        source = one_line(o.source)
        if o.status == "duplicate":
            log.info("duplicate %s: %s, briefed once", source, one_line(o.error))
        elif o.status == "skipped":
            log.info("skipped %s: %s", source, one_line(o.error))
        elif o.status == "failed-before":
            log.info("not retried %s: it failed before (%s)", source, o.folder)


def _summary(outcomes: list[Outcome]) -> str:
    counts = {status: sum(o.status == status for o in outcomes) for status, _ in COUNTED + NOTED}
    parts = [f"{counts[status]} {label}" for status, label in COUNTED]
    parts += [f"{counts[status]} {label}" for status, label in NOTED if counts[status]]
    return ", ".join(parts)


def _finish(outcomes: list[Outcome], out: Path, started: float) -> int:
    """Record failures, write the index and the summary; return the exit status."""
    from analysis.report.index import write_index

    failed = [o for o in outcomes if o.status == "failed"]
    for outcome in failed:
        log.error("failed %s", one_line(outcome.error))
        print(f"newsbrief: {one_line(outcome.error)}", file=sys.stderr)
    attempted = {o.source for o in outcomes if o.status not in ("busy", "failed-before")}
    record_failures(out, [asdict(o) for o in failed], attempted)
    for line in clean_leftovers(out):  # what stopped workers left
        log.info("cleaned up: %s", one_line(line))
    index = write_index(out)
    summary = _summary(outcomes)
    log.info("run finished in %.1f s: %s", time.perf_counter() - started, summary)
    print(f"newsbrief: batch: {summary}", file=sys.stderr)
    print(index)
    return 1 if failed else 0


def _batch(folder: Path, out: Path, parameters: dict, settings: dict) -> int:
    started = time.perf_counter()
    for line in clean_leftovers(out):
        log.info("recovered: %s", one_line(line))
    jobs, planned = plan(folder, parameters, settings["notebook"])
    todo, outcomes = _triage(jobs, planned, out, settings)
    log.info("run started: %s, %d article(s), %d to brief", one_line(folder), len(jobs), len(todo))
    _log_settled(outcomes)
    for i, outcome in enumerate(outcomes):
        if outcome.status == "failed" and outcome.folder is None and outcome.key:
            key, error = outcome.key, outcome.error or ""
            outcomes[i] = _locked_record(out, outcome.source, key, error, parameters)
    settings["workers"] = min(settings["workers"], max(1, len(todo)))
    for outcome in _run(todo, out, parameters, settings):
        outcomes.append(outcome)
        if outcome.status == "ok":
            source = one_line(outcome.source)
            log.info("briefed %s -> %s (%.1f s)", source, outcome.folder, outcome.seconds)
        elif outcome.status == "busy":
            log.info("skipped %s: another run is briefing it", one_line(outcome.source))
    return _finish(outcomes, out, started)


@contextlib.contextmanager
def _sigterm_stops_run():
    """Turn SIGTERM into :class:`Terminated`, so that the run stops its workers and logs it."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def stop(signum, frame):
        raise Terminated(TERMINATED)

    previous = signal.signal(signal.SIGTERM, stop)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def run_batch(
    folder: str | Path,
    out: str | Path = "reports",
    workers: int | None = None,
    force: bool = False,
    parameters: dict | None = None,
    timeout: float | None = engines.DEFAULT_TIMEOUT,
    retry_failed: bool = False,
    notebook: str | Path | None = None,
    kernel: str | None = None,
) -> int:
    """Brief every article in a folder that has no current report.

    Args:
        folder: The drop folder: ``.txt``, ``.html``, ``.json`` files are one
            article each, ``.jsonl`` and ``.csv`` files one article a row.
        out: The reports folder.
        workers: Worker processes (default two, or one on a single core).
        force: Brief every article again, even those with a good report.
        parameters: Notebook parameter overrides for every report.
        timeout: Seconds one article may take before its worker is stopped
            (``None`` or 0: no limit). One worker with no limit runs in this process.
        retry_failed: Try again articles that failed before with the same key.
        notebook: The briefing notebook; the shipped one when None.
        kernel: The Jupyter kernel for every briefing; see :mod:`analysis.report.executor`.

    Returns:
        0 when every article was briefed, already had a report, or failed before
        and was not retried; 1 when some failed in this run.

    Raises:
        IngestError: If the folder does not exist or is not a folder.
        Terminated: On SIGTERM, after stopping the workers (exit status 143).
    """
    from analysis.report.runner import effective_parameters

    folder, out = Path(folder), Path(out)
    if not folder.is_dir():
        raise IngestError(str(folder), "no such folder" if not folder.exists() else "not a folder")
    notebook = str(notebook) if notebook else None
    parameters = effective_parameters(parameters, notebook)
    settings = {
        "force": force,
        "retry_failed": retry_failed,
        "workers": workers or engines.default_workers(),
        "timeout": timeout if timeout and timeout > 0 else None,
        "notebook": notebook,
        "kernel": kernel,
    }
    (out / LOCKS).mkdir(parents=True, exist_ok=True)
    handler = setup_log(log, out)
    try:
        with _sigterm_stops_run():
            return _batch(folder, out, parameters, settings)
    except (KeyboardInterrupt, Terminated) as stop:
        why = "SIGTERM" if isinstance(stop, Terminated) else "an interrupt"
        log.warning("run stopped by %s; articles in progress are left to the next run", why)
        raise
    finally:
        log.removeHandler(handler)
        handler.close()
