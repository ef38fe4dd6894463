"""``newsbrief extract``: an article's analysis as JSON or CSV, or many as JSON lines."""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

from tqdm import tqdm

from analysis.article import Article, IngestError
from analysis.engines import default_workers, warm_up
from analysis.ingest.fetch import load_article_or_url
from analysis.ingest.files import iter_articles
from analysis.ingest.records import bounded_lines
from analysis.ingest.textio import check_regular_file, id_file_name
from analysis.outputs import json_text, output_folder, refuse_overwrite
from analysis.pipeline import Outcome, analyze, analyze_items
from analysis.report.correction_template import corrections_template as template_text
from analysis.report.corrections import SUFFIX, apply_corrections, read_corrections
from analysis.tables import TABLES, to_csv
from analysis.workerpool import Failed, WorkerPool

#: Articles a worker analyses together: spaCy parses a few texts in one batch about a
#: tenth faster than one at a time, and a handful keeps the last worker from finishing
#: long after the others.
CHUNK = 4
#: Chunks handed out ahead of the oldest one not yet written, per worker: enough to
#: keep every worker busy past one slow chunk, few enough to keep memory flat.
AHEAD_PER_WORKER = 2
#: Analysed once before the workers are forked, so that every lazily loaded table
#: and model (the pattern lexicon, the target model, the country names) is loaded
#: once, in the parent, and shared, instead of once per worker on its first article.
_PRIMER = "“We will sign,” said Maria Lopez, a union organiser in Lisbon."


def extract_article(
    path: str,
    fmt: str = "json",
    out: str | None = None,
    table: str = "quotes",
    corrections: str | None = None,
) -> int:
    """Analyse one article and write it as JSON or CSV.

    Args:
        path: The article file, or an http(s) URL to fetch.
        fmt: ``json`` or ``csv``.
        out: A folder to write into; None prints to stdout.
        table: With CSV on stdout, the one table to print.
        corrections: An analyst's corrections file to apply first.

    Returns:
        The exit status.
    """
    if fmt == "csv" and out is None and table not in TABLES:
        raise IngestError(table, f"unknown table; choose one of {', '.join(TABLES)}")
    if out is not None:
        output_folder(out, create=False)  # before the analysis is paid for
    fixes = read_corrections(corrections) if corrections else None
    analysis = apply_corrections(analyze(load_article_or_url(path)), fixes)
    if out is None:
        if fmt == "json":
            sys.stdout.write(analysis.to_json(indent=2) + "\n")
        else:
            to_csv(analysis.table(table), sys.stdout)
        return 0
    folder = output_folder(out)
    # The id is the article's own (kept as is in the JSON); the file name is made safe.
    json_target = folder / f"{id_file_name(analysis.article.id)}.json"
    targets = [json_target] if fmt == "json" else [folder / f"{name}.csv" for name in TABLES]
    refuse_overwrite(targets, [path])
    if fmt == "json":
        json_target.write_text(analysis.to_json(indent=2) + "\n", encoding="utf-8")
        print(json_target)
    else:
        for written in analysis.write_csv(folder):
            print(written)
    return 0


def corrections_template(path: str, out: str | None = None, corrections: str | None = None) -> int:
    """Write the commented corrections template of an article: every quote and source.

    Args:
        path: The article file or URL.
        out: A folder to write ``<id>.corrections.yaml`` into; None prints to stdout.
        corrections: Corrections to apply first, so the template lists their result.

    Returns:
        The exit status.
    """
    if out is not None:
        output_folder(out, create=False)
    fixes = read_corrections(corrections) if corrections else None
    analysis = apply_corrections(analyze(load_article_or_url(path)), fixes)
    text = template_text(analysis, path)
    if out is None:
        sys.stdout.write(text)
        return 0
    target = output_folder(out) / f"{id_file_name(analysis.article.id)}{SUFFIX}"
    refuse_overwrite([target], [path] + ([corrections] if corrections else []))
    if target.exists():
        raise IngestError(str(target), "exists already; a template never replaces corrections")
    target.write_text(text, encoding="utf-8")
    print(target)
    return 0


def _count_lines(path: Path) -> int:
    with path.open("rb") as handle:
        return sum(1 for line in bounded_lines(handle) if line is None or line.strip())


def _line(outcome: Outcome) -> tuple[str, str | None]:
    """The JSON line of an outcome, and its error (None when it was analysed)."""
    if outcome.ok:
        return json_text(outcome.analysis.to_dict()), None
    line = {"id": outcome.article.id if outcome.article else None, "error": outcome.error}
    return json_text(line), outcome.error


def _analyse_one(item: Article | tuple[str, str | None]) -> tuple[str, str | None]:
    """Runs in a worker: one article's line. An unread item arrives as its line already."""
    if not isinstance(item, Article):
        return item
    return _line(next(analyze_items([item], batch_size=1)))


def _analyse_chunk(items: list) -> list[tuple[str, str | None]]:
    """Runs in a worker: the lines of a few items, their articles parsed as one batch."""
    articles = [item for item in items if isinstance(item, Article)]
    outcomes = analyze_items(articles, batch_size=max(1, len(articles)))
    return [_line(next(outcomes)) if isinstance(item, Article) else item for item in items]


def _failed_line(article: Article, error: str) -> tuple[str, str | None]:
    name = article.source_path or article.id
    return _line(Outcome(name=name, article=article, error=f"{name}: analysis failed: {error}"))


def _one_by_one(chunk: list) -> Iterator[tuple[str, str | None]]:
    """The lines of a chunk whose worker died, each article in turn in a worker of its own.

    Only the article that ends a worker (killed for memory, a crash in C code) fails;
    the others of its chunk are analysed as if it had not been there.
    """
    with WorkerPool(1, initializer=warm_up) as pool:
        for number, result in pool.imap(_analyse_one, chunk, ordered=True):
            item = chunk[number]
            if isinstance(result, Failed):
                # An unread item is its own error line already; an article's failure is new.
                result = _failed_line(item, result.error) if isinstance(item, Article) else item
            yield result


def _as_task(item: Article | Exception) -> Article | tuple[str, str | None]:
    # An item that could not be read travels as its error line, made here.
    if isinstance(item, Article):
        return item
    return _line(Outcome(name=getattr(item, "path", "input"), error=str(item)))


def chunk_size(total: int, workers: int) -> int:
    """Articles per task: :data:`CHUNK`, or fewer when that would leave a worker idle."""
    return max(1, min(CHUNK, -(-total // workers)))


def _chunks(items: Iterable, size: int) -> Iterator[list]:
    chunk: list = []
    for item in items:
        chunk.append(item)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _lines_in_workers(
    items: Iterable, workers: int, size: int = CHUNK
) -> Iterator[tuple[str, str | None]]:
    """Each item's line, analysed in ``workers`` worker processes, in input order.

    Workers take the articles ``size`` at a time (see :func:`chunk_size`). A worker that dies
    fails only the article it died on, which becomes an error line like any other.
    """
    pending: dict[int, list] = {}

    def tasks():
        for number, chunk in enumerate(_chunks((_as_task(item) for item in items), size)):
            pending[number] = chunk
            yield chunk

    warm_up()
    analyze(Article(id="primer", text=_PRIMER))
    # Where workers are spawned rather than forked, each loads the pipeline itself.
    with WorkerPool(workers, initializer=warm_up) as pool:
        window = workers * AHEAD_PER_WORKER
        for number, result in pool.imap(_analyse_chunk, tasks(), ordered=True, window=window):
            chunk = pending.pop(number)
            yield from _one_by_one(chunk) if isinstance(result, Failed) else result


def _lines(source: Path, total: int, workers: int) -> Iterator[tuple[str, str | None]]:
    """Every input line's result line, in input order, in this process or in workers."""
    if workers > 1 and total > 1:
        workers = min(workers, total)
        return _lines_in_workers(iter_articles(source), workers, chunk_size(total, workers))
    return (_line(outcome) for outcome in analyze_items(iter_articles(source)))


def extract_jsonl(in_path: str, out_path: str | None = None, workers: int | None = None) -> int:
    """Analyse every line of a JSONL file and write one result line per input line.

    A line that cannot be read or analysed gives ``{"id": ..., "error": ...}`` in
    its place and a message on stderr; the others go on.

    Args:
        in_path: Input JSONL, one ``{"id", "text", ...}`` object a line.
        out_path: Output JSONL; None writes to stdout.
        workers: Worker processes to spread the articles over (None: the default of
            :func:`~analysis.engines.default_workers`; 1: all in this process). The
            output is the same whatever the number.

    Returns:
        0 when every line was analysed, 1 when some failed.
    """
    source = Path(in_path)
    check_regular_file(source, in_path)
    if out_path:
        refuse_overwrite([out_path], [source])
    total = _count_lines(source)
    sink = open(out_path, "w", encoding="utf-8") if out_path else sys.stdout  # noqa: SIM115
    failed = 0
    try:
        progress = tqdm(
            total=total, unit="article", desc="extract", file=sys.stderr, disable=total < 2
        )
        for line, error in _lines(source, total, workers or default_workers()):
            if error is not None:
                failed += 1
                print(f"newsbrief: error: {error}", file=sys.stderr)
            sink.write(line + "\n")
            progress.update(1)
        progress.close()
    finally:
        if out_path:
            sink.close()
    return 1 if failed else 0
