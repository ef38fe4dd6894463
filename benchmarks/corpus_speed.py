"""Corpus analysis speed and memory, against a bare spaCy parse of the same texts.

Baseline: ``nlp.pipe`` over the texts in one process, the least any analysis
must cost. Measured in the same run: ``newsbrief corpus`` (local engine) with
one and with two worker processes, on a small corpus and one ten times larger.
Each measurement runs in a fresh process, and a sampler adds up the resident
memory of that process and all its children every 100 ms, so the peak includes
the worker processes (proportional set size, so shared pages count once).

Texts come from ``../shared/data/polnear/dev.jsonl`` when it is beside the
project (the small corpus's articles, repeated ten times, make the large one);
otherwise the bundled sample article is repeated.
Usage: ``python benchmarks/corpus_speed.py [--small 16] [--factor 10]``.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
POLNEAR = ROOT.parent / "shared" / "data" / "polnear" / "dev.jsonl"
SAMPLE = ROOT / "data" / "articles" / "china-russia-joint-exercise.txt"


def write_corpus(path: Path, n: int, distinct: int) -> str:
    """Write ``n`` articles as JSONL, cycling through ``distinct`` texts; say where they came from.

    The larger corpus repeats the smaller one's texts, so that the two differ in
    size only, not in how long their longest articles are.
    """
    if POLNEAR.is_file():
        lines = POLNEAR.read_text(encoding="utf-8").splitlines()[:distinct]
        rows = [json.loads(line) for line in lines]
        source = f"the first {len(rows)} articles of {POLNEAR.name}, repeated"
    else:
        rows = [{"title": "Sample", "text": SAMPLE.read_text(encoding="utf-8")}]
        source = f"{SAMPLE.name} repeated"
    with path.open("w", encoding="utf-8") as handle:
        for i in range(n):
            row = dict(rows[i % len(rows)], id=f"a{i:05d}")
            handle.write(json.dumps(row, ensure_ascii=False) + "\n")
    return source


class PeakMemory:
    """Samples the summed memory of this process and its descendants in a thread.

    Each process counts its proportional set size (PSS): pages that forked
    workers share with their parent count once in all, not once per process,
    as summing RSS would. Where PSS is not available, RSS is used.
    """

    def __init__(self, interval: float = 0.1):
        import psutil

        self.process, self.interval, self.peak = psutil.Process(), interval, 0
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        import psutil

        while not self.stop.is_set():
            total = 0
            for proc in [self.process, *self.process.children(recursive=True)]:
                try:
                    total += _pss(proc)
                except psutil.Error:
                    pass
            self.peak = max(self.peak, total)
            self.stop.wait(self.interval)

    def __enter__(self) -> PeakMemory:
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.stop.set()
        self.thread.join()


def _pss(proc) -> int:
    try:
        return proc.memory_full_info().pss
    except AttributeError:  # not Linux
        return proc.memory_info().rss


def measure(mode: str, corpus: Path, chunk: int) -> dict:
    """Run one measurement in this process: ``parse`` or ``workers=N``."""
    from analysis.corpus import run as corpus_module
    from analysis.ingest.files import iter_articles

    n = sum(1 for _ in corpus.open(encoding="utf-8"))
    with PeakMemory() as memory:
        if mode == "parse":
            from analysis.nlp import get_nlp

            nlp = get_nlp()  # loading is not parsing; the engines' load is timed, though
            texts = [a.text for a in iter_articles(corpus)]
            started = time.perf_counter()
            for _ in nlp.pipe(texts, batch_size=corpus_module.PARSE_BATCH):
                pass
        else:
            workers = int(mode.split("=")[1])
            with tempfile.TemporaryDirectory() as out:
                started = time.perf_counter()
                status = corpus_module.run_corpus(
                    corpus, out=out, workers=workers, chunk_size=chunk, render=False
                )
                if status:
                    raise SystemExit(f"corpus run failed with status {status}")
        seconds = time.perf_counter() - started
    return {
        "mode": mode,
        "articles": n,
        "seconds": round(seconds, 2),
        "per_second": round(n / seconds, 2),
        "peak_mib": round(memory.peak / 2**20),
    }


def _child(mode: str, corpus: Path, chunk: int) -> dict:
    done = subprocess.run(
        [sys.executable, __file__, "--one", mode, "--corpus", str(corpus), "--chunk", str(chunk)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> int:
    """Run every measurement and print a table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--small", type=int, default=16, help="articles in the small corpus")
    parser.add_argument("--factor", type=int, default=10, help="size of the large one, times")
    parser.add_argument(
        "--chunk",
        type=int,
        default=8,
        help="articles per task; small enough that the small corpus keeps two workers busy",
    )
    parser.add_argument("--one", help=argparse.SUPPRESS)
    parser.add_argument("--corpus", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        print(json.dumps(measure(args.one, args.corpus, args.chunk)))
        return 0
    results = []
    with tempfile.TemporaryDirectory() as tmp:
        for n in (args.small, args.small * args.factor):
            corpus = Path(tmp) / f"corpus-{n}.jsonl"
            source = write_corpus(corpus, n, args.small)
            for mode in ("parse", "workers=1", "workers=2"):
                results.append(_child(mode, corpus, args.chunk))
                print(json.dumps(results[-1]), file=sys.stderr)
    print(f"texts: {source}; {args.chunk} articles per task")
    print(f"{'corpus':>7} {'run':<26} {'seconds':>8} {'articles/s':>11} {'peak PSS':>9}")
    names = {
        "parse": "bare nlp.pipe (baseline)",
        "workers=1": "newsbrief corpus, 1 worker",
        "workers=2": "newsbrief corpus, 2 workers",
    }
    for r in results:
        print(
            f"{r['articles']:>7} {names[r['mode']]:<26} {r['seconds']:>8.2f} "
            f"{r['per_second']:>11.2f} {r['peak_mib']:>6} MiB"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
