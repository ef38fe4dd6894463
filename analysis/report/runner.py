"""The report runner: one article in, one report folder out.

The runner analyses the article in its own process (spaCy is loaded once and
reused for every report), applies any analyst corrections, writes ``analysis.json``,
``tables/*.csv`` and ``tables.xlsx``, runs the briefing notebook on that JSON with
:mod:`analysis.report.executor` (so the kernel never loads spaCy), renders
``briefing.html`` and writes ``manifest.json``.

Everything is written into ``<out>/.tmp-<name>-<pid>`` first and renamed into
place when complete. ``<out>/<name>`` only ever holds a good report: a good run
replaces it (and removes any ``<name>.failed``), while a failed run goes to
``<out>/<name>.failed``, which leaves an earlier good report of the same input
untouched. Data files depend only on the input and the parameters, never on the
temporary path or the clock, so two runs give byte-identical data files.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import time
import traceback
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from analysis.article import Article
from analysis.parameters import (
    DEFAULT_NOTEBOOK,
    ParameterError,
    effective_parameters,
)
from analysis.report.corrections import (
    CorrectionsError,
    apply_corrections,
    key_part,
    manifest_part,
    read_corrections,
)
from analysis.report.files import (
    canonical_json,
    folder_name_for,
    json_bytes,
    manifest_record,
    publish,
    summary_record,
    write_data_files,
)
from analysis.report.options import parameters_from_cli

#: What the briefing notebook imports first. The kernel, started ahead, imports it
#: while the article is analysed, so the notebook's first cells find it loaded.
BRIEFING_IMPORTS = "from analysis.briefing import brief, perspective, plots, summary, views"

__all__ = [
    "ParameterError",
    "ReportResult",
    "folder_name",
    "parameters_from_cli",
    "report_key",
    "run_report",
]


@dataclass
class ReportResult:
    """What became of one report.

    Attributes:
        folder: The report folder (``<name>`` when good, ``<name>.failed`` when not).
        ok: True when every stage succeeded.
        error: One line saying what failed, or None.
        skipped: True when an existing good report was reused (set by the batch runner).
        timings: Seconds spent per stage.
    """

    folder: Path
    ok: bool
    error: str | None = None
    skipped: bool = False
    timings: dict[str, float] = field(default_factory=dict)


def _input_sha256(source: str | bytes) -> str:
    if isinstance(source, bytes):
        return hashlib.sha256(source).hexdigest()
    return source


def report_key(
    input_sha256_or_bytes: str | bytes,
    parameters: dict | None,
    notebook: str | Path | None = None,
    corrections: dict | None = None,
) -> str:
    """Return the 8 hex digits that name a report of this input with these parameters.

    It is the start of ``sha256(input_sha256 + "\\n" + canonical JSON of the effective
    parameters)``; defaults are merged in first, so ``-p top_n 5`` where 5 is the
    default names the same folder as no ``-p`` at all.

    Args:
        input_sha256_or_bytes: The input's sha256 in hex, or the input bytes.
        parameters: Overrides or effective parameters.
        notebook: The notebook; the shipped briefing when None.
        corrections: The analyst's corrections (:func:`analysis.report.corrections.key_part`);
            none, or an empty file, names the same report as no corrections.

    Returns:
        Eight lowercase hex digits.
    """
    effective = effective_parameters(parameters, notebook)
    digest = hashlib.sha256(_input_sha256(input_sha256_or_bytes).encode("ascii") + b"\n")
    digest.update(canonical_json(effective))
    if corrections:
        digest.update(b"\ncorrections\n" + canonical_json(corrections))
    return digest.hexdigest()[:8]


def _article_sha256(article: Article) -> str:
    return article.sha256 or hashlib.sha256(article.text.encode("utf-8")).hexdigest()


def folder_name(
    article: Article, parameters: dict | None = None, notebook: str | Path | None = None
) -> str:
    """Return the report folder name ``<published-or-undated>_<slug>_<key>`` for an article.

    Args:
        article: The loaded article.
        parameters: Overrides or effective parameters (a ``title`` or ``published``
            override changes the name as it changes the report).
        notebook: The notebook; the shipped briefing when None.

    Returns:
        A name made only of ``[a-z0-9_-]``.
    """
    effective = effective_parameters(parameters, notebook)
    key = report_key(_article_sha256(article), effective, notebook)
    return folder_name_for(article, effective, key)


def _load(article: str | Path | Article) -> tuple[Article, str, str]:
    from analysis.ingest.fetch import load_article_or_url

    if isinstance(article, Article):
        return article, article.source_path or article.id, _article_sha256(article)
    loaded = load_article_or_url(str(article))
    return loaded, str(article), _article_sha256(loaded)


def _one_line(error: BaseException) -> str:
    ename = getattr(error, "ename", None) or type(error).__name__
    evalue = getattr(error, "evalue", None)
    message = str(evalue if evalue is not None else error).strip()
    first = message.splitlines()[0] if message else ""
    return f"{ename}: {first}" if first else ename


def _article_parameter(article: Article, given: str) -> str:
    path = Path(article.source_path or given)
    return str(path.resolve()) if path.is_file() else (article.source_path or "")


@dataclass
class _Run:
    """One report in the making: what goes in, and what has come out so far."""

    article: Article
    given: str
    input_sha256: str
    name: str
    notebook: Path
    parameters: dict
    work: Path
    kernel: str | None = None
    corrections: dict | None = None
    timings: dict[str, float] = field(default_factory=dict)
    files: dict[str, str] = field(default_factory=dict)
    summary: dict = field(default_factory=dict)
    applied: dict | None = None
    error: str | None = None

    @contextmanager
    def timed(self, stage: str) -> Iterator[None]:
        """Record the seconds a stage takes, whether or not it succeeds."""
        mark = time.perf_counter()
        try:
            yield
        finally:
            self.timings[stage] = round(time.perf_counter() - mark, 3)


def _analyse_and_execute(run: _Run) -> None:
    """Analyse the article, write the data files and run the notebook on them."""
    from analysis.report.executor import start_kernel, stop_kernel, warm_up

    manager = client = None
    try:
        with run.timed("start_kernel"):
            manager = start_kernel(run.kernel, run.work)
            client = warm_up(manager, BRIEFING_IMPORTS)
    except Exception:  # noqa: BLE001 - papermill starts one itself, and reports why it cannot
        if manager is not None:
            stop_kernel(manager, client)
        manager = client = None
    try:
        _analyse_and_run(run, manager)
    finally:
        if manager is not None:
            stop_kernel(manager, client)


def _analyse_and_run(run: _Run, manager) -> None:
    try:
        from analysis.pipeline import analyze
        from analysis.report.executor import execute

        with run.timed("analyse"):
            analysis = apply_corrections(analyze(run.article), run.corrections)
            run.applied = analysis.corrections
        with run.timed("write_data"):
            run.files = write_data_files(analysis, run.work)
            run.summary = summary_record(analysis, run.parameters)
        with run.timed("execute"):
            parameters = {
                "article": _article_parameter(run.article, run.given),
                # Relative to the kernel's cwd, so the temporary path never reaches the notebook.
                "analysis_json": "analysis.json",
                **run.parameters,
            }
            execute(
                run.notebook,
                run.work / "briefing.ipynb",
                parameters,
                run.work,
                run.kernel,
                manager=manager,
            )
    except CorrectionsError:
        raise  # corrections naming what the article does not have: bad input, no report
    except Exception as failure:  # noqa: BLE001 - every failure becomes a failed report
        run.error = _one_line(failure)
        (run.work / "error.txt").write_text(traceback.format_exc(), encoding="utf-8")


def _render(run: _Run) -> None:
    """Render the executed notebook, if there is one, as ``briefing.html``."""
    executed = run.work / "briefing.ipynb"
    if not executed.is_file():
        return
    title = run.parameters.get("title") or run.article.title or run.article.id
    with run.timed("render"):
        try:
            from analysis.report.render import render_file

            render_file(executed, run.work / "briefing.html", title, run.error is not None)
        except Exception as failure:  # noqa: BLE001
            run.error = run.error or f"rendering failed: {_one_line(failure)}"


def _write_manifest(run: _Run) -> None:
    manifest = manifest_record(
        run.name,
        run.article,
        run.given,
        run.input_sha256,
        run.parameters,
        run.notebook,
        run.files,
        run.summary,
        run.timings,
        run.error,
        corrections=manifest_part(run.corrections, run.applied),
    )
    # json_bytes: a file name that is not UTF-8 is escaped, and reads back the same.
    (run.work / "manifest.json").write_bytes(json_bytes(manifest))


def run_report(
    article: str | Path | Article,
    out: str | Path = "reports",
    parameters: dict | None = None,
    notebook: str | Path | None = None,
    kernel: str | None = None,
    corrections: str | Path | None = None,
) -> ReportResult:
    """Make one briefing report.

    Args:
        article: An article file, an http(s) URL to fetch, or an Article already
            loaded (a JSONL/CSV row).
        out: The reports folder.
        parameters: Notebook parameter overrides (see :mod:`analysis.parameters`).
        notebook: The briefing notebook; the shipped one when None.
        kernel: The Jupyter kernel to run it in; see :mod:`analysis.report.executor`.
        corrections: A corrections file (:mod:`analysis.report.corrections`) to apply
            to the quotes and sources before the briefing is made.

    Returns:
        The report's folder, whether it succeeded, and stage timings.

    Raises:
        IngestError: If the article cannot be read; no folder is made then.
        ParameterError: If a parameter is unknown or has a bad value, or the
            corrections file is bad or names a quote or source the article does not
            have; no folder is made then either.
    """
    started = time.perf_counter()
    timings: dict[str, float] = {}
    notebook = Path(notebook or DEFAULT_NOTEBOOK)
    effective = effective_parameters(parameters, notebook)
    fixes = read_corrections(corrections) if corrections else None

    mark = time.perf_counter()
    loaded, given, input_sha = _load(article)
    timings["load"] = round(time.perf_counter() - mark, 3)
    key = report_key(input_sha, effective, notebook, key_part(fixes))
    name = folder_name_for(loaded, effective, key)

    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    work = out / f".tmp-{name}-{os.getpid()}"
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir()
    run = _Run(loaded, given, input_sha, name, notebook, effective, work, kernel, fixes, timings)
    try:
        _analyse_and_execute(run)
        _render(run)
        timings["total"] = round(time.perf_counter() - started, 3)
        _write_manifest(run)
        folder = publish(work, out, name, ok=run.error is None)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return ReportResult(folder=folder, ok=run.error is None, error=run.error, timings=timings)
