"""The ``newsbrief`` command line (also ``python -m analysis``).

Exit codes: 0 all done, 1 some items failed, 2 bad usage or unreadable input,
with one line on stderr that names the file and says what is wrong.
"""

from __future__ import annotations

import argparse
import sys

from analysis.article import IngestError, printable
from analysis.engines import EngineError
from analysis.outputs import OutputError, output_folder, same_file
from analysis.parameters import ParameterError

EXIT_OK, EXIT_PARTIAL, EXIT_BAD_INPUT = 0, 1, 2


class UsageError(Exception):
    """Bad arguments or parameters; printed as one line, exit status 2."""


def _add_kernel_option(command: argparse.ArgumentParser) -> None:
    command.add_argument(
        "--kernel",
        metavar="NAME",
        help="Jupyter kernel for the notebook (default: newsbrief if installed, else python3)",
    )


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="newsbrief",
        description="Briefings on news articles: sources, quotes, tone and entities.",
    )
    parser.add_argument("--version", action="version", version=f"newsbrief {_version()}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    _add_extract(commands)
    _add_report(commands)

    batch = commands.add_parser("batch", help="brief every new article in a folder")
    batch.add_argument("folder", nargs="?", default="data/inbox")
    batch.add_argument("--out", default="reports")
    batch.add_argument("--workers", type=int, default=None)
    batch.add_argument("--force", action="store_true", help="re-run articles already briefed")
    batch.add_argument(
        "--retry-failed", action="store_true", help="try again articles that failed before"
    )
    _add_timeout(batch)
    batch.add_argument(
        "-p", "--parameter", nargs=2, action="append", default=[], metavar=("NAME", "VALUE")
    )
    _add_kernel_option(batch)

    corpus = commands.add_parser("corpus", help="analyse many articles into parquet tables")
    corpus.add_argument("input", help="a folder, or a .jsonl/.csv file of articles")
    corpus.add_argument("--out", default="reports/corpus")
    corpus.add_argument("--engine", choices=["local", "dask"], default="local")
    corpus.add_argument("--scheduler", metavar="ADDRESS", help="an existing Dask scheduler")
    corpus.add_argument("--workers", type=int, default=None)
    _add_kernel_option(corpus)
    _add_timeout(corpus)

    index = commands.add_parser("index", help="write index.html listing every report")
    index.add_argument("reports_dir", nargs="?", default="reports")

    sentiment = commands.add_parser("sentiment", help="sentiment towards target mentions")
    sentiment.add_argument("--jsonl", required=True, metavar="IN.jsonl")
    sentiment.add_argument("--out", metavar="OUT.jsonl")
    return parser


def _seconds(value: str) -> float:
    try:
        seconds = float(value)
    except ValueError:
        seconds = -1.0
    if not seconds >= 0:  # also refuses nan
        raise argparse.ArgumentTypeError(f"expected seconds >= 0, got {value!r}")
    return seconds


def _workers(value: str) -> int:
    """A positive whole number of worker processes."""
    try:
        number = int(value)
    except ValueError:
        number = 0
    if number < 1:
        raise argparse.ArgumentTypeError(f"not a positive whole number: {value!r}")
    return number


def _add_timeout(command: argparse.ArgumentParser) -> None:
    """Add ``--timeout SECONDS``: the per-article time limit of batch and corpus."""
    from analysis.engines import DEFAULT_TIMEOUT

    command.add_argument(
        "--timeout",
        type=_seconds,
        default=DEFAULT_TIMEOUT,
        metavar="SECONDS",
        help=f"stop an article after this long (default {DEFAULT_TIMEOUT}; 0: no limit)",
    )


def _add_extract(commands: argparse._SubParsersAction) -> None:
    """Add the ``extract`` command."""
    extract = commands.add_parser(
        "extract", help="print an article's analysis (schema newsbrief/1)"
    )
    extract.add_argument(
        "article", nargs="?", help="a .txt, .html or .json article, or an http(s) URL"
    )
    extract.add_argument(
        "--jsonl", metavar="IN.jsonl", help="many articles, one JSON object a line"
    )
    extract.add_argument(
        "--workers",
        type=_workers,
        metavar="N",
        help="with --jsonl: worker processes (default: two, one on a single core; "
        "1 analyses in this process)",
    )
    extract.add_argument("--format", choices=["json", "csv"], default="json")
    extract.add_argument(
        "--table",
        default="quotes",
        help="with --format csv and no --out: the table to print (default quotes)",
    )
    extract.add_argument("--out", help="a folder (single article) or OUT.jsonl (with --jsonl)")
    extract.add_argument(
        "--corrections", metavar="corrections.yaml", help="apply an analyst's corrections file"
    )
    extract.add_argument(
        "--corrections-template",
        action="store_true",
        help="print a commented corrections file listing every quote and source",
    )


def _add_report(commands: argparse._SubParsersAction) -> None:
    """Add the ``report`` command."""
    report = commands.add_parser("report", help="run the briefing notebook on an article")
    report.add_argument("article", help="an article file, or an http(s) URL to fetch")
    report.add_argument("--out", default="reports", help="reports folder (default reports/)")
    report.add_argument(
        "-p",
        "--parameter",
        nargs=2,
        action="append",
        default=[],
        metavar=("NAME", "VALUE"),
        help="set a notebook parameter",
    )
    report.add_argument(
        "-f", "--parameters-file", metavar="params.yaml", help="YAML file of notebook parameters"
    )
    report.add_argument(
        "--corrections",
        metavar="corrections.yaml",
        help="corrections of speakers and sources (see extract --corrections-template)",
    )
    _add_kernel_option(report)


def _version() -> str:
    from analysis import __version__

    return __version__


def _kernel(args) -> str | None:
    from analysis.report.executor import KernelError, check_kernel

    try:
        return check_kernel(args.kernel)
    except KernelError as error:
        raise UsageError(str(error)) from None


def _extract(args) -> int:
    from analysis import extract

    if args.jsonl and args.article:
        raise UsageError("give either ARTICLE or --jsonl IN.jsonl, not both")
    if args.jsonl:
        if args.corrections or args.corrections_template:
            raise UsageError(
                "--corrections and --corrections-template take one ARTICLE, not --jsonl"
            )
        return extract.extract_jsonl(args.jsonl, args.out, workers=args.workers)
    if not args.article:
        raise UsageError("extract needs ARTICLE or --jsonl IN.jsonl")
    if args.corrections_template:
        return extract.corrections_template(args.article, args.out, args.corrections)
    return extract.extract_article(
        args.article, args.format, args.out, args.table, corrections=args.corrections
    )


def _checked_pairs(pairs: list) -> list:
    for name, value in pairs:
        if printable(name) != name or printable(value) != value:
            raise UsageError(f"parameter {printable(name)}: the value is not UTF-8 text")
    return pairs


def _report(args) -> int:
    from analysis.report import runner as report

    parameters = report.parameters_from_cli(_checked_pairs(args.parameter), args.parameters_file)
    kernel = _kernel(args)
    output_folder(args.out, create=False)
    result = report.run_report(
        args.article,
        out=args.out,
        parameters=parameters,
        kernel=kernel,
        corrections=args.corrections,
    )
    if not result.ok:
        print(f"newsbrief: report failed: {result.error}", file=sys.stderr)
    print(result.folder)
    return EXIT_OK if result.ok else EXIT_PARTIAL


def _batch(args) -> int:
    from analysis.report import batch
    from analysis.report import runner as report

    parameters = report.parameters_from_cli(_checked_pairs(args.parameter), None)
    if same_file(args.out, args.folder):
        # Its index.html and failures.json would be read as articles, and overwritten.
        raise OutputError(args.out, "is the input folder; give the reports their own --out")
    output_folder(args.out, create=False)
    return batch.run_batch(
        args.folder,
        out=args.out,
        workers=args.workers,
        force=args.force,
        parameters=parameters,
        kernel=_kernel(args),
        timeout=args.timeout,
        retry_failed=args.retry_failed,
    )


def _corpus(args) -> int:
    from analysis.corpus import run as corpus

    return corpus.run_corpus(
        args.input,
        out=args.out,
        engine=args.engine,
        scheduler=args.scheduler,
        workers=args.workers,
        kernel=_kernel(args),
        timeout=args.timeout,
    )


def _index(args) -> int:
    from analysis.report import index

    print(index.write_index(args.reports_dir))
    return EXIT_OK


def _sentiment(args) -> int:
    from analysis.sentiment.cli import sentiment_jsonl

    return sentiment_jsonl(args.jsonl, args.out)


COMMANDS = {
    "extract": _extract,
    "report": _report,
    "batch": _batch,
    "corpus": _corpus,
    "index": _index,
    "sentiment": _sentiment,
}


def _os_error(error: OSError, args) -> str:
    """One line for an OSError that reached the top: the path, then what the system said."""
    # A failed write() names no file; the command's output does then.
    where = error.filename or getattr(args, "out", None) or getattr(args, "reports_dir", None)
    problem = error.strerror or str(error) or type(error).__name__
    return f"{printable(str(where))}: {problem}" if where else problem


def main(argv: list[str] | None = None) -> int:
    """Run the command line and return its exit status."""
    parser = _parser()
    args = parser.parse_args(argv)
    try:
        return COMMANDS[args.command](args)
    except (IngestError, UsageError, ParameterError, OutputError, EngineError) as error:
        print(f"newsbrief: error: {error}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except OSError as error:  # an output that could not be written: disk full, read-only
        print(f"newsbrief: error: {_os_error(error, args)}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except KeyboardInterrupt:
        print("newsbrief: interrupted", file=sys.stderr)
        return 130


def run() -> None:
    """Entry point for the console script."""
    sys.exit(main())


if __name__ == "__main__":
    run()
