"""Train the target-dependent sentiment model shipped in ``analysis/models``.

Reads NewsMTSC (``train.jsonl`` and ``dev.jsonl``, one target mention per line
with ``text``, ``target_start``, ``target_end`` and ``label``), picks the
regularisation strength on dev, fits on train and writes
``analysis/models/target_sentiment.npz``. Training is deterministic: the
solver is deterministic and nothing is shuffled.

Usage::

    python scripts/train_sentiment.py [--data ../shared/data/newsmtsc] [--out PATH]
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import accuracy_score, f1_score

from analysis.stance import LABELS, MODEL_FILE, Model
from analysis.stance_features import features

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DATA = ROOT.parent / "shared" / "data" / "newsmtsc"
#: Features seen in fewer training examples than this are dropped: they cannot
#: generalise and would only grow the shipped file.
MIN_COUNT = 2
C_GRID = (0.1, 0.3, 1.0)


def read_split(path: Path) -> tuple[list[dict[str, float]], list[str]]:
    """Read one NewsMTSC split as feature dicts and labels.

    Args:
        path: A JSONL file of target mentions.

    Returns:
        ``(feature dicts, labels)``.
    """
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]
    feats = [features(r["text"], r["target_start"], r["target_end"]) for r in rows]
    return feats, [r["label"] for r in rows]


def build_vocabulary(rows: list[dict[str, float]]) -> dict[str, int]:
    """Index the features that occur in at least :data:`MIN_COUNT` examples, sorted by name."""
    seen = Counter(name for row in rows for name in row)
    return {name: i for i, name in enumerate(sorted(n for n, c in seen.items() if c >= MIN_COUNT))}


def fit(x, y: list[str], c: float) -> LogisticRegression:
    """Fit the classifier with balanced class weights (the positive class is the smallest)."""
    clf = LogisticRegression(C=c, max_iter=3000, class_weight="balanced")
    clf.fit(x, y)
    if tuple(clf.classes_) != LABELS:
        raise ValueError(f"unexpected classes {clf.classes_}")
    return clf


def main(argv: list[str] | None = None) -> int:
    """Train, report dev scores and write the model file.

    Args:
        argv: Command-line arguments (``sys.argv[1:]`` when None).

    Returns:
        The exit code.
    """
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--out", type=Path, default=ROOT / "analysis" / "models" / MODEL_FILE)
    args = parser.parse_args(argv)
    if not (args.data / "train.jsonl").is_file():
        print(f"{args.data / 'train.jsonl'}: not found (pass --data)", file=sys.stderr)
        return 2
    train_x, train_y = read_split(args.data / "train.jsonl")
    dev_x, dev_y = read_split(args.data / "dev.jsonl")
    empty = Model(build_vocabulary(train_x), np.zeros((3, 0)), np.zeros(3))
    xt, xd = empty.matrix(train_x), empty.matrix(dev_x)
    print(f"{len(train_y)} train, {len(dev_y)} dev, {len(empty.index)} features")
    best = None
    for c in C_GRID:
        clf = fit(xt, train_y, c)
        pred = clf.predict(xd)
        f1, acc = f1_score(dev_y, pred, average="macro"), accuracy_score(dev_y, pred)
        print(f"C={c}: dev macro-F1 {f1:.3f}, accuracy {acc:.3f}")
        if best is None or f1 > best[0]:
            best = (f1, c, clf)
    f1, c, clf = best
    model = Model(empty.index, clf.coef_, clf.intercept_)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    model.save(args.out)
    size = args.out.stat().st_size / 1e6
    print(f"chose C={c} (dev macro-F1 {f1:.3f}); wrote {args.out} ({size:.1f} MB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
