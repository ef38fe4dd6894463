"""Corpus analysis: the per-article analysis over many articles, into parquet tables.

``newsbrief corpus INPUT`` reads a folder, JSONL or CSV file of articles, sends
them in chunks to an engine (worker processes, or Dask), and writes five
tables to ``OUT/``: ``articles``, ``quotes``, ``sources``, ``entities`` and
``sentences``, each row keyed by ``article_id``, and the same tables as the
sheets of ``OUT/tables.xlsx``. Workers return plain records,
never spaCy Docs, and each chunk is appended to the parquet files as soon as it
is back, so memory stays flat however large the corpus. Rows are in input
order, then in each article's own row order, so every engine writes identical
tables. Articles that cannot be read or analysed are listed in
``OUT/failures.jsonl``; the corpus briefing (``OUT/corpus.html``) is then
rendered from ``notebooks/corpus.ipynb``.
"""

from __future__ import annotations

import itertools
import sys
from collections import deque
from collections.abc import Iterable, Iterator
from pathlib import Path

from tqdm import tqdm

from analysis import engines
from analysis.article import Article, IngestError
from analysis.corpus.tables import (
    ARTICLE_COLUMNS,
    TABLES,
    TableWriters,
    coerce,
    table_rows,
    write_corpus_workbook,
)
from analysis.ingest.files import iter_articles
from analysis.notebooks import notebook_path
from analysis.outputs import OutputError, json_text, output_folder, refuse_overwrite, same_file
from analysis.tables import COLUMNS
from analysis.workerpool import Failed

#: The corpus briefing notebook, run by :mod:`analysis.report.executor`.
NOTEBOOK = notebook_path("corpus")

#: Articles per task: enough to make sending a task cheap next to analysing it.
CHUNK_SIZE = 32
#: Articles per spaCy batch inside a task. A worker's peak memory grows with the
#: Docs alive at once (about 12 MiB per 2,500-word article), not with the corpus.
PARSE_BATCH = 8


def analyze_chunk(chunk: list[tuple[int, str, Article]]) -> dict:
    """Analyse one chunk of articles; runs in a worker.

    Args:
        chunk: ``(position, article_id, article)`` triples.

    Returns:
        ``{"rows": {table: [record, ...]}, "failures": [record, ...]}``, plain
        Python values only, rows in article order.
    """
    from analysis.pipeline import analyze_items

    rows: dict[str, list[dict]] = {name: [] for name in TABLES}
    failures = []
    outcomes = analyze_items([article for _, _, article in chunk], batch_size=PARSE_BATCH)
    for (position, article_id, article), outcome in zip(chunk, outcomes, strict=True):
        if not outcome.ok:
            failures.append(_failure(position, article.source_path or article_id, outcome.error))
            continue
        analysis = outcome.analysis
        sentences, sources = analysis.sentences, analysis.sources
        summary = article.to_dict() | {
            "position": position,
            "n_sentences": len(sentences),
            "n_entities": len(analysis.entities),
            "n_quotes": len(analysis.quotes),
            "n_sources": len(sources),
            "n_named_sources": int(sources["named"].fillna(False).astype(bool).sum()),
            "polarity": round(float(sentences["polarity"].astype(float).mean()), 4)
            if len(sentences)
            else 0.0,
            "subjectivity": round(float(sentences["subjectivity"].astype(float).mean()), 4)
            if len(sentences)
            else 0.0,
        }
        rows["articles"].append(
            {c: coerce(summary.get(c), t) for c, t in ARTICLE_COLUMNS.items()}
            | {"article_id": article_id}
        )
        for name in COLUMNS:
            rows[name].extend(table_rows(name, article_id, analysis.table(name)))
    return {"rows": rows, "failures": failures}


def _failure(position: int, source: str, error: str) -> dict:
    return {"position": position, "source": source, "error": error}


def _chunks(
    items: Iterable[Article | IngestError], failures: list[dict], size: int
) -> Iterator[list[tuple[int, str, Article]]]:
    """Group articles into chunks, giving each a unique id; read errors go to ``failures``."""
    seen: set[str] = set()
    chunk = []
    for position, item in enumerate(items):
        if isinstance(item, IngestError):
            failures.append(_failure(position, item.path, str(item)))
            continue
        article_id, n = item.id, 1
        while article_id in seen:  # two files may share a stem, two rows an id
            n += 1
            article_id = f"{item.id}-{n}"
        seen.add(article_id)
        chunk.append((position, article_id, item))
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _checked(input_path: Path, items: Iterator) -> Iterator:
    """Refuse INPUT at once when it is a file that cannot be read at all, or holds nothing."""
    first = next(items, None)
    if first is None:
        raise IngestError(str(input_path), "holds no articles")
    if isinstance(first, IngestError) and input_path.is_file() and first.path == str(input_path):
        raise first
    return itertools.chain([first], items)


def output_paths(out: Path) -> list[Path]:
    """Every file that :func:`run_corpus` writes into OUT."""
    names = [f"{table}.parquet" for table in TABLES]
    others = ("tables.xlsx", "failures.jsonl", "corpus.ipynb", "corpus.html")
    return [out / name for name in (*names, *others)]


def _refuse_overwrite(input_path: Path, out: Path) -> None:
    if input_path.is_dir() and same_file(input_path, out):
        # Its corpus.html and failures.jsonl would be read as articles, and overwritten.
        raise OutputError(out, "is the input folder; give the corpus its own --out")
    refuse_overwrite(output_paths(out), [input_path])


def _remembered(chunks: Iterator[list], sent: deque) -> Iterator[list]:
    """Pass chunks on, noting each one in ``sent`` as it goes."""
    for chunk in chunks:
        sent.append(chunk)
        yield chunk


def _one_by_one(chunk: list, workers: int | None, timeout: float) -> dict:
    """Analyse a chunk that ran out of time again, one article a task: only a slow one fails."""
    merged: dict = {"rows": {name: [] for name in TABLES}, "failures": []}
    singles = ([entry] for entry in chunk)
    for (position, article_id, article), result in zip(
        chunk, engines.run_local(analyze_chunk, singles, workers, timeout), strict=True
    ):
        source = article.source_path or article_id
        if isinstance(result, Failed):
            merged["failures"].append(_failure(position, source, f"{source}: {result.error}"))
            continue
        for name, records in result["rows"].items():
            merged["rows"][name].extend(records)
        merged["failures"].extend(result["failures"])
    return merged


def _write_tables(
    out: Path, results, sent: deque, failures: list[dict], rerun: tuple[int | None, float | None]
) -> None:
    """Write each chunk's rows as its result arrives; a failed chunk fails its articles.

    Args:
        out: The corpus folder.
        results: The engine's results, in submission order.
        sent: The chunks in flight, oldest first (filled by :func:`_remembered`).
        failures: Collects the failure records.
        rerun: ``(workers, timeout)`` for running a timed-out chunk one article at a time.
    """
    workers, timeout = rerun
    writers = TableWriters(out)
    done = False
    try:
        with tqdm(desc="corpus", unit="article", file=sys.stderr, leave=False) as bar:
            for result in results:
                # Engines return results in submission order, so the oldest chunk is this one.
                chunk = sent.popleft()
                if isinstance(result, Failed) and result.timed_out and len(chunk) > 1:
                    result = _one_by_one(chunk, workers, timeout)
                if isinstance(result, Failed):
                    for p, article_id, article in chunk:
                        s = article.source_path or article_id
                        failures.append(_failure(p, s, f"{s}: {result.error}"))
                else:
                    writers.write(result["rows"])
                    failures.extend(result["failures"])
                bar.update(len(chunk))
        done = True
    finally:
        writers.close(keep=done)


def run_corpus(
    input: str | Path,
    out: str | Path = "reports/corpus",
    engine: str = "local",
    scheduler: str | None = None,
    workers: int | None = None,
    chunk_size: int = CHUNK_SIZE,
    render: bool = True,
    kernel: str | None = None,
    timeout: float | None = engines.DEFAULT_TIMEOUT,
) -> int:
    """Analyse every article in INPUT and write the corpus tables and briefing.

    Args:
        input: A folder of articles, or a JSONL or CSV file with one article a row.
        out: Folder for ``*.parquet``, ``failures.jsonl`` and ``corpus.html``.
        engine: ``"local"`` (worker processes) or ``"dask"``.
        scheduler: With ``engine="dask"``, the address of a running scheduler.
        workers: Worker processes (default: two, or one on a single core).
        chunk_size: Articles per task.
        render: Render the corpus briefing after the tables.
        kernel: The Jupyter kernel for the corpus briefing; see :mod:`analysis.report.executor`.
        timeout: Seconds one article may take, with either engine (``None`` or
            0: no limit). A chunk gets that per article; a chunk past its limit
            is run again one article at a time (in local worker processes), and an
            article past the limit fails.

    Returns:
        0 when every article was analysed, 1 when some failed.

    Raises:
        IngestError: If INPUT does not exist, cannot be read, or holds no articles.
        OutputError: If OUT cannot be a folder, or an output would overwrite INPUT.
        EngineError: If ``scheduler`` does not answer.
        ValueError: If ``engine`` is unknown.
    """
    if engine not in engines.ENGINES:
        raise ValueError(f"unknown engine {engine!r}; choose one of {', '.join(engines.ENGINES)}")
    input_path = Path(input)
    out = Path(out)
    _refuse_overwrite(input_path, out)
    items = _checked(input_path, iter_articles(input_path))
    output_folder(out)
    failures: list[dict] = []
    sent: deque[list[tuple[int, str, Article]]] = deque()
    chunks = _remembered(_chunks(items, failures, chunk_size), sent)
    limit = (lambda chunk: timeout * len(chunk)) if timeout else None
    if engine == "dask":
        results = engines.run_dask(analyze_chunk, chunks, workers, scheduler, limit)
    else:
        results = engines.run_local(analyze_chunk, chunks, workers, limit)
    _write_tables(out, results, sent, failures, (workers, timeout))
    write_corpus_workbook(out)
    failures.sort(key=lambda record: record["position"])
    _write_failures(out / "failures.jsonl", failures)
    for record in failures:
        print(f"newsbrief: {record['error']}", file=sys.stderr)
    status = 1 if failures else 0
    if render:
        try:
            render_corpus(out, kernel=kernel)
        except Exception as error:  # noqa: BLE001 - the tables stand; say why the page is missing
            print(f"newsbrief: {out / 'corpus.html'}: not rendered: {error}", file=sys.stderr)
            status = 1
    return status


def _write_failures(path: Path, failures: list[dict]) -> None:
    tmp = path.with_name(f".{path.name}.part")
    with tmp.open("w", encoding="utf-8") as handle:
        for record in failures:
            handle.write(json_text(record) + "\n")
    tmp.replace(path)


def render_corpus(
    out: str | Path, notebook: str | Path | None = None, kernel: str | None = None
) -> Path:
    """Run the corpus notebook on OUT's tables and render it as ``OUT/corpus.html``.

    Args:
        out: A folder written by :func:`run_corpus`.
        notebook: The notebook to run (default ``notebooks/corpus.ipynb``).
        kernel: The Jupyter kernel to run it in; see :mod:`analysis.report.executor`.

    Returns:
        The path of the page (outputs only, no code).

    Raises:
        RuntimeError: If a cell of the notebook failed; the page then shows its traceback.
    """
    import nbformat

    from analysis.report.executor import NotebookError, execute
    from analysis.report.render import notebook_to_html

    out = Path(out).resolve()
    executed = out / "corpus.ipynb"
    error = None
    try:
        execute(notebook or NOTEBOOK, executed, {"corpus_dir": str(out)}, out, kernel)
    except NotebookError as failure:
        error = str(failure)
    page = out / "corpus.html"
    tmp = out / ".corpus.html.part"
    html = notebook_to_html(nbformat.read(executed, as_version=4), "Corpus briefing", bool(error))
    tmp.write_text(html, encoding="utf-8")
    tmp.replace(page)
    if error:
        raise RuntimeError(error)
    return page
