"""Batch briefings: every new article in a folder becomes a report, unattended.

``newsbrief batch DIR`` is made to be run from cron or an orchestrator:

* An article is new when no good report of it exists: a report folder whose
  name ends in its report key (input hash plus parameters) and whose manifest
  says ``ok``. Deciding that needs only hashes and folder names, so a run with
  nothing new never loads spaCy and ends in a moment.
* Articles are briefed by worker processes, each loading spaCy once.
* Each article is briefed under a lock of its own (``OUT/.locks/<key>.lock``).
  A run that finds an article's lock taken leaves it to the run holding it, so
  two overlapping runs never brief the same article twice; report folders are
  put in place atomically by the report runner, so nothing half-written shows.
* Inputs are only ever read. A broken article is recorded in a failed report
  folder's manifest, in ``OUT/failures.json`` and in ``OUT/newsbrief.log``, and
  the others go on; the exit status is then 1.
* Every run ends by refreshing ``OUT/index.html``.
"""

from __future__ import annotations

import hashlib
import logging
import sys
import time
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import asdict, dataclass
from pathlib import Path

from filelock import FileLock, Timeout
from tqdm import tqdm

from analysis import engines
from analysis.article import Article, IngestError
from analysis.ingest.files import (
    MANY_ARTICLE_SUFFIXES,
    ONE_ARTICLE_SUFFIXES,
    iter_articles,
    load_article,
)
from analysis.report.batchfiles import (
    LOCKS,
    done_reports,
    find_report,
    record_failures,
    setup_log,
    write_failed_folder,
)

log = logging.getLogger("analysis.report.batch")


@dataclass
class Job:
    """One article to brief: a file, or a row of a JSONL/CSV file (then ``article`` is set)."""

    source: str
    key: str
    article: Article | None = None


@dataclass
class Outcome:
    """What became of one input: ``ok``, ``failed``, ``done`` (already briefed) or ``busy``."""

    source: str
    status: str
    folder: str | None = None
    error: str | None = None
    seconds: float = 0.0


def _sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:  # read-only: inputs are never touched
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def plan(folder: Path, parameters: dict) -> tuple[list[Job], list[Outcome]]:
    """List the folder's articles with their report keys, without parsing any text.

    Args:
        folder: The drop folder.
        parameters: Effective notebook parameters.

    Returns:
        The jobs, in file-name order, and the inputs refused before any work
        (unreadable files, bad rows of a JSONL/CSV file).
    """
    from analysis.report.runner import report_key

    jobs, refused = [], []
    for path in sorted(folder.iterdir(), key=lambda p: p.name):
        suffix = path.suffix.lower()
        if path.name.startswith(".") or not path.is_file():
            continue
        if suffix in MANY_ARTICLE_SUFFIXES:
            for item in iter_articles(path):
                if isinstance(item, IngestError):
                    refused.append(Outcome(item.path, "failed", error=str(item)))
                else:
                    key = report_key(item.sha256, parameters)
                    jobs.append(Job(item.source_path or str(path), key, item))
        elif suffix in ONE_ARTICLE_SUFFIXES:
            try:
                jobs.append(Job(str(path), report_key(_sha256_file(path), parameters)))
            except OSError as error:
                refused.append(Outcome(str(path), "failed", error=f"{path}: cannot read ({error})"))
    return jobs, refused


def brief(job: Job, out: str, parameters: dict, force: bool, kernel: str | None = None) -> Outcome:
    """Brief one article under its lock; runs in a worker process.

    Args:
        job: The article.
        out: The reports folder.
        parameters: Effective notebook parameters.
        force: Brief it even if a good report exists.
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
        return Outcome(job.source, "busy")
    try:
        # Another run may have finished it between our plan and our lock.
        existing = None if force else find_report(Path(out), job.key)
        if existing:
            return Outcome(job.source, "done", folder=existing.name)
        try:
            result = run_report(
                job.article or job.source, out=out, parameters=parameters, kernel=kernel
            )
        except IngestError as error:
            folder = write_failed_folder(Path(out), job.source, job.key, str(error), parameters)
            return Outcome(job.source, "failed", folder.name, str(error))
        error = None if result.ok else f"{job.source}: {result.error}"
        status = "ok" if result.ok else "failed"
        seconds = round(time.perf_counter() - started, 2)
        return Outcome(job.source, status, result.folder.name, error, seconds)
    finally:
        lock.release()


def _refuse_unreadable(jobs: list[Job], out: Path, parameters: dict) -> list[Outcome]:
    """Load each single-file job once (no spaCy) and take the broken ones out of ``jobs``."""
    refused = []
    for job in list(jobs):
        if job.article is not None:
            continue
        try:
            load_article(job.source)
        except IngestError as error:
            jobs.remove(job)
            folder = None
            try:
                with FileLock(out / LOCKS / f"{job.key}.lock", timeout=0):
                    folder = write_failed_folder(out, job.source, job.key, str(error), parameters)
            except Timeout:
                pass  # another run is recording the same file
            refused.append(Outcome(job.source, "failed", folder and folder.name, str(error)))
    return refused


def _run(
    jobs: list[Job], out: Path, parameters: dict, force: bool, workers: int, kernel: str | None
):
    if not jobs:
        return
    bar = tqdm(total=len(jobs), desc="batch", unit="article", file=sys.stderr, leave=False)
    with bar:
        if workers <= 1:
            for job in jobs:
                yield brief(job, str(out), parameters, force, kernel)
                bar.update()
            return
        with ProcessPoolExecutor(max_workers=workers, initializer=engines.warm_up) as pool:
            futures = {
                pool.submit(brief, job, str(out), parameters, force, kernel): job for job in jobs
            }
            for future in as_completed(futures):
                source = futures[future].source
                try:
                    yield future.result()
                except Exception as error:  # noqa: BLE001 - a lost worker fails its article only
                    yield Outcome(source, "failed", error=f"{source}: {error}")
                bar.update()


def run_batch(
    folder: str | Path,
    out: str | Path = "reports",
    workers: int | None = None,
    force: bool = False,
    parameters: dict | None = None,
    kernel: str | None = None,
) -> int:
    """Brief every article in a folder that has no current report.

    Args:
        folder: The drop folder: ``.txt``, ``.html``, ``.json`` files are one
            article each, ``.jsonl`` and ``.csv`` files one article a row.
        out: The reports folder.
        workers: Worker processes (default two, or one on a single core; 1 runs
            in this process).
        force: Brief every article again, even those with a good report.
        parameters: Notebook parameter overrides for every report.
        kernel: The Jupyter kernel for every report; see :mod:`analysis.report.executor`.

    Returns:
        0 when every article was briefed or already had a report, 1 when some failed.

    Raises:
        IngestError: If the folder does not exist or is not a folder.
    """
    from analysis.report.index import write_index
    from analysis.report.runner import effective_parameters

    started = time.perf_counter()
    folder, out = Path(folder), Path(out)
    if not folder.is_dir():
        raise IngestError(str(folder), "no such folder" if not folder.exists() else "not a folder")
    parameters = effective_parameters(parameters)
    (out / LOCKS).mkdir(parents=True, exist_ok=True)
    handler = setup_log(log, out)
    try:
        jobs, outcomes = plan(folder, parameters)
        done = {} if force else done_reports(out)
        todo = [job for job in jobs if job.key not in done]
        outcomes += [Outcome(j.source, "done", folder=done[j.key]) for j in jobs if j.key in done]
        log.info("run started: %s, %d article(s), %d to brief", folder, len(jobs), len(todo))
        outcomes += _refuse_unreadable(todo, out, parameters)
        workers = min(workers or engines.default_workers(), max(1, len(todo)))
        for outcome in _run(todo, out, parameters, force, workers, kernel):
            outcomes.append(outcome)
            if outcome.status == "ok":
                log.info(
                    "briefed %s -> %s (%.1f s)", outcome.source, outcome.folder, outcome.seconds
                )
            elif outcome.status == "busy":
                log.info("skipped %s: another run is briefing it", outcome.source)
        failed = [o for o in outcomes if o.status == "failed"]
        for outcome in failed:
            log.error("failed %s", outcome.error)
            print(f"newsbrief: {outcome.error}", file=sys.stderr)
        attempted = {o.source for o in outcomes if o.status != "busy"}
        record_failures(out, [asdict(o) for o in failed], attempted)
        index = write_index(out)
        counts = {s: sum(o.status == s for o in outcomes) for s in ("ok", "done", "busy", "failed")}
        summary = (
            f"{counts['ok']} briefed, {counts['done']} already done, "
            f"{counts['busy']} left to another run, {counts['failed']} failed"
        )
        log.info("run finished in %.1f s: %s", time.perf_counter() - started, summary)
        print(f"newsbrief: batch: {summary}", file=sys.stderr)
        print(index)
        return 1 if failed else 0
    finally:
        log.removeHandler(handler)
        handler.close()
