"""Bulk extraction speed against a bare spaCy parse of the same texts.

Baseline: ``nlp.pipe`` over the texts with the same model, the model loaded
beforehand, in a fresh process (and, for the in-process figure, in this one).
Measured: ``newsbrief extract --jsonl IN --out OUT`` as a user runs it (a fresh
process: start-up and model loading included), and the whole analysis in this
process, for reference. Exits 1 when the command, less its fixed start-up (timed
on a one-line input), costs more than :data:`MAX_RATIO` times the baseline.

Usage::

    .venv/bin/python benchmarks/extract_speed.py [TEXTS.jsonl] [--limit N]
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from analysis.nlp import get_nlp  # noqa: E402

DEFAULT_TEXTS = ROOT.parent / "shared" / "data" / "polnear" / "dev.jsonl"
#: The most extraction may cost, as a multiple of the bare parse.
MAX_RATIO = 1.2
#: Exit status for "no evaluation data here", which run_all.py counts as skipped.
SKIPPED = 3


def read_texts(path: Path, limit: int | None) -> list[str]:
    """Read the ``text`` field of each JSONL line.

    Args:
        path: JSONL with a ``text`` field per line.
        limit: Keep at most this many texts (None: all).

    Returns:
        The texts in file order.
    """
    texts = []
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                texts.append(json.loads(line)["text"])
    return texts[:limit] if limit else texts


def time_parse(texts: list[str]) -> float:
    """Seconds for a bare ``nlp.pipe`` over the texts (model loaded beforehand)."""
    nlp = get_nlp()
    start = time.perf_counter()
    for _doc in nlp.pipe(texts, batch_size=16):
        pass
    return time.perf_counter() - start


def time_parse_fresh(path: Path, limit: int | None) -> float:
    """Seconds for a bare ``nlp.pipe`` in a fresh process, the model loaded first.

    The fair baseline for the command: spaCy's caches (lemmas, vocabulary) start
    as cold as they do for ``newsbrief extract``, where a parse repeated in this
    process would find them warm.
    """
    args = [sys.executable, __file__, str(path), "--cold-parse"]
    if limit:
        args += ["--limit", str(limit)]
    done = subprocess.run(args, capture_output=True, text=True, check=True)
    return float(done.stdout.strip().splitlines()[-1])


def time_pipeline(texts: list[str]) -> float:
    """Seconds for the whole analysis in this process, as ``extract`` runs it.

    Parse, entities, quotes, sources, TextBlob tone and target sentiment: everything
    but start-up and writing the JSON lines.
    """
    from analysis.article import Article
    from analysis.pipeline import analyze_many

    articles = [Article(id=f"a{n}", text=text) for n, text in enumerate(texts)]
    start = time.perf_counter()
    for _ in analyze_many(articles):
        pass
    return time.perf_counter() - start


def time_command(texts: list[str]) -> float | None:
    """Seconds for ``newsbrief extract --jsonl`` in a fresh process, or None if absent."""
    command = ROOT / ".venv" / "bin" / "newsbrief"
    program = [str(command)] if command.exists() else None
    if program is None and shutil.which("newsbrief"):
        program = [shutil.which("newsbrief")]
    if program is None:
        return None
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "in.jsonl"
        with source.open("w", encoding="utf-8") as fh:
            for number, text in enumerate(texts):
                fh.write(json.dumps({"id": f"a{number}", "text": text}) + "\n")
        start = time.perf_counter()
        done = subprocess.run(
            [*program, "extract", "--jsonl", str(source), "--out", str(Path(tmp) / "out.jsonl")],
            capture_output=True,
            text=True,
        )
        elapsed = time.perf_counter() - start
    if done.returncode != 0:
        print(done.stderr.strip().splitlines()[-1:] or "extract failed", file=sys.stderr)
        return None
    return elapsed


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark; return the exit status."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("texts", nargs="?", type=Path, default=DEFAULT_TEXTS)
    ap.add_argument("--limit", type=int, default=None, help="use only the first N texts")
    ap.add_argument("--repeat", type=int, default=2, help="runs of each timing; the fastest counts")
    ap.add_argument("--cold-parse", action="store_true", help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.cold_parse:
        texts = read_texts(args.texts, args.limit)
        get_nlp()
        print(time_parse(texts))
        return 0
    if not args.texts.is_file():
        print(f"{args.texts}: not found; skipped")
        return SKIPPED
    texts = read_texts(args.texts, args.limit)
    get_nlp()  # load outside every timing
    time_parse(texts[:4])  # warm caches once
    # Shared machines are noisy: interleave the runs and keep the fastest of each.
    parse, cold, pipeline = float("inf"), float("inf"), float("inf")
    command, startup = None, None
    for _ in range(max(1, args.repeat)):
        parse = min(parse, time_parse(texts))
        cold = min(cold, time_parse_fresh(args.texts, args.limit))
        pipeline = min(pipeline, time_pipeline(texts))
        timed = time_command(texts)
        if timed is not None:
            command = timed if command is None else min(command, timed)
        # One short text that wakes every stage (a quote, a named speaker, a place):
        # what any run pays once for the interpreter, imports and models.
        once = time_command(["“We will sign,” said Maria Lopez, a union organiser in Lisbon."])
        if once is not None:
            startup = once if startup is None else min(startup, once)
    n_chars = sum(len(t) for t in texts)
    print(f"{len(texts)} texts, {n_chars} characters")
    print(f"bare nlp.pipe parse, warm:     {parse:7.2f} s")
    print(f"pipeline in process, warm:     {pipeline:7.2f} s  ratio {pipeline / parse:.2f}")
    print(f"bare nlp.pipe, fresh process:  {cold:7.2f} s  (model load not counted)")
    if command is None:
        print("newsbrief extract --jsonl:     not available")
        ratio = pipeline / parse
    else:
        print(f"newsbrief extract --jsonl:     {command:7.2f} s  ratio {command / cold:.2f}")
        # The gate is on bulk cost: a fresh process's fixed start-up is paid once per
        # run, however many articles it reads, so it is taken off before comparing.
        bulk = command - (startup or 0.0)
        ratio = bulk / cold
        print(f"  of which start-up:           {startup or 0.0:7.2f} s")
        print(f"  bulk, start-up taken off:    {bulk:7.2f} s  ratio {ratio:.2f}")
    if ratio > MAX_RATIO:
        print(f"too slow: {ratio:.2f} > {MAX_RATIO}")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
