"""Train the target-dependent sentiment model shipped in ``analysis/models``.

Reads NewsMTSC (``train.jsonl`` and ``dev.jsonl``, one target mention per line
with ``id``, ``text``, ``target_start``, ``target_end`` and ``label``), parses
every sentence with the project's spaCy pipeline, picks the regularisation
strength by grouped cross-validation on train (a sentence and its article never
sit on both sides of a split, since mentions of one sentence share most of
their features), fits on train, reports dev and writes
``analysis/models/target_sentiment.npz``. Dev has only a few hundred mentions,
so it checks the choice but does not make it. Training is deterministic: the
folds and the solver are, and nothing is shuffled.

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
from scipy import sparse
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import accuracy_score, f1_score
from sklearn.model_selection import GroupKFold

from analysis.sentiment.features import features
from analysis.sentiment.syntax import syntax_features
from analysis.sentiment.target import LABELS, MODEL_FILE, Model, parse_items

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DATA = ROOT.parent / "shared" / "data" / "newsmtsc"
#: Features seen in fewer training examples than this are dropped: they cannot
#: generalise and would only grow the shipped file.
MIN_COUNT = 2
C_GRID = (0.1, 0.15, 0.3)
FOLDS = 5
#: Weight of the standardised dense inputs (``--dense``) against the 0/1 named
#: features: at 1 the few hundred dense columns swamp the sparse ones and overfit.
#: They are off by default: they raised grouped CV by about half a point but
#: lowered dev by a point, so they did not earn their place.
DENSE_WEIGHT = 0.05


def read_split(path: Path) -> tuple[list[dict], list[dict[str, float]], np.ndarray]:
    """Read one NewsMTSC split as rows, named features and dense inputs.

    Args:
        path: A JSONL file of target mentions.

    Returns:
        ``(rows, feature dicts, dense matrix)``.
    """
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]
    items = [(r["text"], r["target_start"], r["target_end"]) for r in rows]
    feats, dense = [], []
    for item, (doc, start, end) in zip(items, parse_items(items), strict=True):
        named, vector = syntax_features(doc, start, end)
        feats.append({**features(*item), **named})
        dense.append(vector)
    return rows, feats, np.vstack(dense)


def groups_of(rows: list[dict]) -> np.ndarray:
    """Group ids that join mentions sharing a sentence or an article.

    The article is the id's first three ``_`` fields (``source_article_story``).
    """
    parent: dict[str, str] = {}

    def find(a: str) -> str:
        while parent.setdefault(a, a) != a:
            parent[a] = parent[parent[a]]
            a = parent[a]
        return a

    for r in rows:
        article = "a:" + "_".join(str(r.get("id", "")).split("_")[:3])
        parent[find(article)] = find("t:" + r["text"])
    return np.array([find("t:" + r["text"]) for r in rows])


def build_vocabulary(rows: list[dict[str, float]]) -> dict[str, int]:
    """Index the features that occur in at least :data:`MIN_COUNT` examples, sorted by name."""
    seen = Counter(name for row in rows for name in row)
    return {name: i for i, name in enumerate(sorted(n for n, c in seen.items() if c >= MIN_COUNT))}


def fit(x, y, c: float) -> LogisticRegression:
    """Fit the classifier with balanced class weights (the positive class is the smallest)."""
    clf = LogisticRegression(C=c, max_iter=3000, class_weight="balanced")
    clf.fit(x, y)
    if tuple(clf.classes_) != LABELS:
        raise ValueError(f"unexpected classes {clf.classes_}")
    return clf


def grouped_cv(x, y: np.ndarray, groups: np.ndarray, c: float) -> float:
    """Macro-F1 of out-of-fold predictions over :data:`FOLDS` grouped folds."""
    pred = np.empty(len(y), dtype=object)
    for train, test in GroupKFold(n_splits=FOLDS).split(x, y, groups):
        pred[test] = fit(x[train], y[train], c).predict(x[test])
    return f1_score(y, pred, average="macro")


def main(argv: list[str] | None = None) -> int:
    """Train, report cross-validated and dev scores and write the model file.

    Args:
        argv: Command-line arguments (``sys.argv[1:]`` when None).

    Returns:
        The exit code.
    """
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--out", type=Path, default=ROOT / "analysis" / "models" / MODEL_FILE)
    parser.add_argument("--dense", action="store_true", help="add spaCy's context vectors")
    args = parser.parse_args(argv)
    if not (args.data / "train.jsonl").is_file():
        print(f"{args.data / 'train.jsonl'}: not found (pass --data)", file=sys.stderr)
        return 2
    train_rows, train_x, train_d = read_split(args.data / "train.jsonl")
    _, dev_x, dev_d = read_split(args.data / "dev.jsonl")
    train_y = np.array([r["label"] for r in train_rows])
    dev_y = [json.loads(line)["label"] for line in (args.data / "dev.jsonl").open() if line.strip()]
    if not args.dense:
        train_d, dev_d = train_d[:, :0], dev_d[:, :0]
    mean = train_d.mean(axis=0)
    scale = DENSE_WEIGHT / (train_d.std(axis=0) + 1e-6)
    empty = Model(build_vocabulary(train_x), np.zeros((3, 0)), np.zeros(3), mean, scale)
    xt = sparse.hstack([empty.matrix(train_x), (train_d - mean) * scale]).tocsr()
    xd = sparse.hstack([empty.matrix(dev_x), (dev_d - mean) * scale]).tocsr()
    print(f"{len(train_y)} train, {len(dev_y)} dev, {xt.shape[1]} features")
    groups = groups_of(train_rows)
    scores = {}
    for c in C_GRID:
        scores[c] = grouped_cv(xt, train_y, groups, c)
        print(f"C={c}: grouped {FOLDS}-fold CV macro-F1 on train {scores[c]:.3f}", flush=True)
    c = max(C_GRID, key=lambda k: (scores[k], -k))
    clf = fit(xt, train_y, c)
    pred = clf.predict(xd)
    f1, acc = f1_score(dev_y, pred, average="macro"), accuracy_score(dev_y, pred)
    model = Model(empty.index, clf.coef_, clf.intercept_, mean, scale)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    model.save(args.out)
    size = args.out.stat().st_size / 1e6
    print(f"chose C={c} (CV macro-F1 {scores[c]:.3f}); dev macro-F1 {f1:.3f}, accuracy {acc:.3f}")
    print(f"wrote {args.out} ({size:.1f} MB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
