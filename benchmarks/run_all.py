"""Run every benchmark in this folder, one after another, and summarise their exit codes.

Each benchmark compares newsbrief with a named baseline measured in the same run,
because the machines it runs on are shared and noisy. Those that need the
evaluation data beside the project (``../shared/data``) say so when it is absent
and exit with status 3, counted as skipped, never as passed: ``quote_accuracy.py``
(PolNeAR dev) and ``realworld_accuracy.py`` (the real-world pages, through
newsbrief's own ingestion). ``quote_scaling.py`` needs no data: it builds its hostile
articles and compares each with itself at a quarter of the size.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
SKIPPED = 3


def main() -> int:
    """Run the benchmarks; return 1 if any of them failed its gate."""
    scripts = sorted(p for p in HERE.glob("*.py") if p.name != Path(__file__).name)
    failed, skipped = [], []
    for script in scripts:
        print(f"== {script.name}", flush=True)
        done = subprocess.run([sys.executable, str(script)], cwd=HERE.parent)
        if done.returncode == SKIPPED:
            skipped.append(script.name)
        elif done.returncode != 0:
            failed.append(script.name)
    passed = len(scripts) - len(failed) - len(skipped)
    print(f"{passed} passed, {len(failed)} failed, {len(skipped)} skipped")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
