"""How often the garbled-sentence rules flag sentences of clean news text.

Parses every article of a PolNeAR JSONL file (training split by default, where
the rules were chosen) and prints, for each rule and overall, the share of
sentences it flags, with a few examples. The rules should flag only a few
percent of these sentences: PolNeAR's texts are clean, so most flags are false.

Usage::

    .venv/bin/python benchmarks/garbled_rate.py [GOLD.jsonl] [--examples N] [--limit N]
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from analysis.nlp import parse_many  # noqa: E402
from analysis.quality import REASONS, sentence_problems  # noqa: E402

DEFAULT_GOLD = ROOT.parent / "shared" / "data" / "polnear" / "train.jsonl"
#: Exit status for "no evaluation data here", which run_all.py counts as skipped.
SKIPPED = 3


def main(argv: list[str] | None = None) -> int:
    """Print the flag rate of each rule; exit 3 when the data is missing."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("gold", nargs="?", type=Path, default=DEFAULT_GOLD)
    parser.add_argument("--examples", type=int, default=3)
    parser.add_argument("--limit", type=int, default=0, help="read only the first N articles")
    args = parser.parse_args(argv)
    if not args.gold.is_file():
        print(f"skipped: no {args.gold}", file=sys.stderr)
        return SKIPPED
    with args.gold.open(encoding="utf-8") as handle:
        texts = [json.loads(line)["text"] for line in handle if line.strip()]
    if args.limit:
        texts = texts[: args.limit]
    total, flagged, by_rule, examples = 0, 0, Counter(), {key: [] for key in REASONS}
    for doc in parse_many(texts, batch_size=8):
        for sent in doc.sents:
            if not sent.text.strip():
                continue
            total += 1
            problems = sentence_problems(sent)
            flagged += bool(problems)
            for key in problems:
                by_rule[key] += 1
                if len(examples[key]) < args.examples:
                    examples[key].append(" ".join(sent.text.split())[:160])
    print(f"{len(texts)} articles, {total} sentences, {flagged} flagged "
          f"({flagged / max(1, total):.2%})")  # fmt: skip
    for key in REASONS:
        print(f"  {key}: {by_rule[key]} ({by_rule[key] / max(1, total):.2%})")
        for example in examples[key]:
            print(f"      {example}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
