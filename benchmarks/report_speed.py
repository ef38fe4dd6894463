"""Report speed against a bare papermill run plus an nbconvert export.

Baseline: ``papermill`` on a one-cell notebook that imports pandas and matplotlib,
then ``jupyter nbconvert --to html --no-input`` of its output, both as fresh
processes. Measured: ``newsbrief report`` on the bundled sample as a user runs it
(a fresh process: start-up, spaCy, analysis, the briefing notebook, HTML and
manifest). Both are run in turns in the same session and the medians compared;
exits 1 when a report costs more than :data:`MAX_RATIO` times the baseline.

Usage::

    .venv/bin/python benchmarks/report_speed.py [ARTICLE] [--repeat N]
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "data" / "articles" / "china-russia-joint-exercise.txt"
BIN = Path(sys.executable).parent
#: The most a report may cost, as a multiple of the baseline.
MAX_RATIO = 1.3


def _program(name: str, module: str) -> list[str]:
    found = BIN / name
    if found.exists():
        return [str(found)]
    if shutil.which(name):
        return [shutil.which(name)]
    return [sys.executable, "-m", module]


def _run(command: list[str], cwd: Path) -> float:
    start = time.perf_counter()
    done = subprocess.run(command, cwd=cwd, capture_output=True, text=True, check=False)
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed:\n{done.stderr[-3000:]}")
    return elapsed


def baseline_notebook(folder: Path) -> Path:
    """Write the one-cell baseline notebook and return its path."""
    cell = nbformat.v4.new_code_cell("import pandas\nimport matplotlib")
    nb = nbformat.v4.new_notebook(cells=[cell])
    kernel = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nb.metadata["kernelspec"] = kernel
    path = folder / "baseline.ipynb"
    nbformat.write(nb, path)
    return path


def time_baseline(folder: Path) -> float:
    """Seconds for papermill plus nbconvert on the baseline notebook."""
    source = baseline_notebook(folder)
    executed = folder / "executed.ipynb"
    papermill = [*_program("papermill", "papermill"), str(source), str(executed), "-k", "python3"]
    papermill.append("--no-progress-bar")
    nbconvert = [*_program("jupyter", "jupyter"), "nbconvert", "--to", "html", "--no-input"]
    return _run(papermill, folder) + _run([*nbconvert, str(executed)], folder)


def time_report(article: Path, out: Path) -> tuple[float, dict]:
    """Seconds for ``newsbrief report`` in a fresh process, and the report's stage timings."""
    command = [*_program("newsbrief", "analysis"), "report", str(article), "--out", str(out)]
    shutil.rmtree(out, ignore_errors=True)
    start = time.perf_counter()
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=False)
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"newsbrief report failed:\n{done.stderr[-3000:]}")
    folder = Path(done.stdout.strip().splitlines()[-1])
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    return elapsed, manifest["timings"]


def main(argv: list[str] | None = None) -> int:
    """Run the comparison and print the figures; return 1 if the gate fails."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("article", nargs="?", default=str(SAMPLE))
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)

    baseline, report, stages = [], [], {}
    with tempfile.TemporaryDirectory(prefix="newsbrief-bench-") as tmp:
        tmp = Path(tmp)
        # One untimed round warms the disk cache for both sides alike.
        time_baseline(tmp)
        time_report(Path(args.article), tmp / "reports")
        for _ in range(args.repeat):
            baseline.append(time_baseline(tmp))
            seconds, stages = time_report(Path(args.article), tmp / "reports")
            report.append(seconds)

    base, rep = statistics.median(baseline), statistics.median(report)
    ratio = rep / base
    print(f"baseline (papermill + nbconvert --no-input, 1-cell notebook): {base:.2f} s median")
    print(f"  runs: {', '.join(f'{s:.2f}' for s in baseline)}")
    print(f"newsbrief report {Path(args.article).name}: {rep:.2f} s median")
    print(f"  runs: {', '.join(f'{s:.2f}' for s in report)}")
    print(f"  stages of the last run: {json.dumps(stages)}")
    print(f"ratio: {ratio:.2f}x (goal <= {MAX_RATIO:.1f}x)")
    return 0 if ratio <= MAX_RATIO else 1


if __name__ == "__main__":
    sys.exit(main())
