"""Quote cost on hostile articles: 4x the quotes must cost at most about 5x the time.

Builds three kinds of article at a size N and at 4N and times the whole analysis
of each (parse, entities, quotes, sources, tone) in this process, the model and
every stage loaded beforehand:

* ``said``: N paragraphs of ``"a," he said.``, a quote and a pronoun speaker each;
* ``marks``: N bare quotation marks separated by spaces;
* ``line``: one line of N words with no sentence punctuation, speech verbs among them.

The baseline is the same analysis at N, so the figure is how the cost grows, not
how large it is. Prints each time and ratio and exits 1 when a ratio exceeds
:data:`MAX_RATIO`. The default sizes run in about two minutes.

Usage::

    .venv/bin/python benchmarks/quote_scaling.py [--said N] [--marks N] [--line N] [--repeat K]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from analysis.article import Article  # noqa: E402
from analysis.pipeline import analyze  # noqa: E402

#: The most 4x the input may cost, as a multiple of the time at 1x.
MAX_RATIO = 5.0
#: How much larger the second article is than the first.
SCALE = 4
#: Default sizes at 1x: paragraphs, quotation marks and words.
SIZES = {"said": 150, "marks": 2000, "line": 3000}
_LINE_WORDS = "the minister said that the plan would work and he told them it was".split()


def said_article(n: int) -> str:
    """N paragraphs of ``"a," he said.``."""
    return "\n\n".join('"a," he said.' for _ in range(n))


def marks_article(n: int) -> str:
    """N bare quotation marks separated by spaces."""
    return " ".join('"' for _ in range(n))


def line_article(n: int) -> str:
    """One line of N words, cue verbs among them, and no sentence punctuation."""
    return " ".join(_LINE_WORDS[k % len(_LINE_WORDS)] for k in range(n))


BUILDERS = {"said": said_article, "marks": marks_article, "line": line_article}


def time_analysis(text: str) -> float:
    """Seconds for one analysis of one article."""
    start = time.perf_counter()
    analyze(Article(id="hostile", text=text))
    return time.perf_counter() - start


def time_pair(small: str, large: str, repeat: int) -> tuple[float, float]:
    """Fastest of ``repeat`` analyses of each article, the runs interleaved.

    Shared machines are noisy; interleaving gives both sizes the same chances.
    """
    best = [float("inf"), float("inf")]
    for _ in range(max(1, repeat)):
        best = [min(best[0], time_analysis(small)), min(best[1], time_analysis(large))]
    return best[0], best[1]


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark; return 1 if any ratio is over :data:`MAX_RATIO`."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    for kind, size in SIZES.items():
        ap.add_argument(f"--{kind}", type=int, default=size, help=f"size at 1x (default {size})")
    ap.add_argument("--repeat", type=int, default=3, help="runs of each timing; the fastest counts")
    args = ap.parse_args(argv)
    # Load the model and every stage (TextBlob, the sentiment model) outside the timings.
    analyze(Article(id="warm", text='"We will sign," said Maria Lopez, a union organiser.'))
    worst = 0.0
    for kind, build in BUILDERS.items():
        n = getattr(args, kind)
        small, large = time_pair(build(n), build(SCALE * n), args.repeat)
        ratio = large / small if small > 0 else float("inf")
        worst = max(worst, ratio)
        print(
            f"{kind:6} N={n:<6} {small:7.2f} s   {SCALE}N={SCALE * n:<7} {large:7.2f} s   "
            f"ratio {ratio:.2f}",
            flush=True,
        )
    if worst > MAX_RATIO:
        print(f"grows too fast: ratio {worst:.2f} > {MAX_RATIO}")
        return 1
    print(f"near-linear: every ratio at most {MAX_RATIO}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
