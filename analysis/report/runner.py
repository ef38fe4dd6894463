"""The report runner: one article in, one report folder out.

The runner analyses the article in its own process (spaCy is loaded once and
reused for every report), writes ``analysis.json`` and ``tables/*.csv``, runs
``notebooks/briefing.ipynb`` with papermill on that JSON (so the kernel never
loads spaCy), renders ``briefing.html`` and writes ``manifest.json``.

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
from dataclasses import dataclass, field
from pathlib import Path

from analysis.article import Article
from analysis.parameters import (
    DEFAULT_NOTEBOOK,
    ParameterError,
    effective_parameters,
    parameters_from_cli,
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

__all__ = [
    "ParameterError",
    "ReportResult",
    "folder_name",
    "parameters_from_cli",
    "report_key",
    "run_report",
]

KERNEL = "python3"
#: The kernel talks to this process over loopback only, so its notice about
#: unencrypted TCP, and the interrupt it logs when papermill shuts it down, are noise
#: on every run's stderr. Errors in the notebook itself still reach its outputs.
KERNEL_ARGUMENTS = ["--IPKernelApp.log_level=CRITICAL"]


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
    input_sha256_or_bytes: str | bytes, parameters: dict | None, notebook: str | Path | None = None
) -> str:
    """Return the 8 hex digits that name a report of this input with these parameters.

    It is the start of ``sha256(input_sha256 + "\\n" + canonical JSON of the effective
    parameters)``; defaults are merged in first, so ``-p top_n 5`` where 5 is the
    default names the same folder as no ``-p`` at all.

    Args:
        input_sha256_or_bytes: The input's sha256 in hex, or the input bytes.
        parameters: Overrides or effective parameters.
        notebook: The notebook; the shipped briefing when None.

    Returns:
        Eight lowercase hex digits.
    """
    effective = effective_parameters(parameters, notebook)
    digest = hashlib.sha256(_input_sha256(input_sha256_or_bytes).encode("ascii") + b"\n")
    digest.update(canonical_json(effective))
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
    from analysis.ingest.files import load_article

    if isinstance(article, Article):
        return article, article.source_path or article.id, _article_sha256(article)
    loaded = load_article(article)
    return loaded, str(article), _article_sha256(loaded)


def _one_line(error: BaseException) -> str:
    ename = getattr(error, "ename", None) or type(error).__name__
    evalue = getattr(error, "evalue", None)
    message = str(evalue if evalue is not None else error).strip()
    first = message.splitlines()[0] if message else ""
    return f"{ename}: {first}" if first else ename


def _execute(notebook: Path, folder: Path, article_param: str, parameters: dict) -> None:
    import papermill

    papermill.execute_notebook(
        str(notebook),
        str(folder / "briefing.ipynb"),
        # Relative to the kernel's cwd, so the temporary path never reaches the notebook.
        parameters={"article": article_param, "analysis_json": "analysis.json", **parameters},
        kernel_name=KERNEL,
        cwd=str(folder),
        progress_bar=False,
        log_output=False,
        request_save_on_cell_execute=False,
        extra_arguments=KERNEL_ARGUMENTS,
    )


def _article_parameter(article: Article, given: str) -> str:
    path = Path(article.source_path or given)
    return str(path.resolve()) if path.is_file() else (article.source_path or "")


def run_report(
    article: str | Path | Article,
    out: str | Path = "reports",
    parameters: dict | None = None,
    notebook: str | Path | None = None,
) -> ReportResult:
    """Make one briefing report.

    Args:
        article: An article file, or an Article already loaded (a JSONL/CSV row).
        out: The reports folder.
        parameters: Notebook parameter overrides (see :mod:`analysis.parameters`).
        notebook: The briefing notebook; the shipped one when None.

    Returns:
        The report's folder, whether it succeeded, and stage timings.

    Raises:
        IngestError: If the article cannot be read; no folder is made then.
        ParameterError: If a parameter is unknown or has a bad value.
    """
    started = time.perf_counter()
    timings: dict[str, float] = {}
    notebook = Path(notebook or DEFAULT_NOTEBOOK)
    effective = effective_parameters(parameters, notebook)

    mark = time.perf_counter()
    loaded, given, input_sha = _load(article)
    timings["load"] = round(time.perf_counter() - mark, 3)
    name = folder_name_for(loaded, effective, report_key(input_sha, effective, notebook))

    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    work = out / f".tmp-{name}-{os.getpid()}"
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir()
    error = None
    files: dict[str, str] = {}
    summary: dict = {}
    try:
        try:
            from analysis.pipeline import analyze

            mark = time.perf_counter()
            analysis = analyze(loaded)
            timings["analyse"] = round(time.perf_counter() - mark, 3)
            mark = time.perf_counter()
            files = write_data_files(analysis, work)
            summary = summary_record(analysis, effective)
            timings["write_data"] = round(time.perf_counter() - mark, 3)
            mark = time.perf_counter()
            try:
                _execute(notebook, work, _article_parameter(loaded, given), effective)
            finally:
                timings["execute"] = round(time.perf_counter() - mark, 3)
        except Exception as failure:  # noqa: BLE001 - every failure becomes a failed report
            error = _one_line(failure)
            (work / "error.txt").write_text(traceback.format_exc(), encoding="utf-8")
        if (work / "briefing.ipynb").is_file():
            mark = time.perf_counter()
            title = effective.get("title") or loaded.title or loaded.id
            try:
                from analysis.report.render import render_file

                render_file(
                    work / "briefing.ipynb", work / "briefing.html", title, error is not None
                )
            except Exception as failure:  # noqa: BLE001
                error = error or f"rendering failed: {_one_line(failure)}"
            timings["render"] = round(time.perf_counter() - mark, 3)
        timings["total"] = round(time.perf_counter() - started, 3)
        manifest = manifest_record(
            name, loaded, given, input_sha, effective, notebook, files, summary, timings, error
        )
        (work / "manifest.json").write_bytes(json_bytes(manifest))  # never fails on odd names
        folder = publish(work, out, name, ok=error is None)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return ReportResult(folder=folder, ok=error is None, error=error, timings=timings)
