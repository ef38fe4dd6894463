"""Target-dependent sentiment: how a sentence portrays one mention in it.

A multinomial logistic regression over the sparse, target-aware features of
:mod:`analysis.stance_features`. It is trained on NewsMTSC by
``scripts/train_sentiment.py`` and shipped as one ``.npz`` file of plain arrays
(no pickle), so loading is fast and safe.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from importlib import resources

import numpy as np
from scipy import sparse

from analysis.stance_features import features, load_lexicons

#: Labels in the order of the model's rows.
LABELS = ("negative", "neutral", "positive")
MODEL_FILE = "target_sentiment.npz"

__all__ = [
    "LABELS",
    "MODEL_FILE",
    "Model",
    "features",
    "load_model",
    "target_probabilities",
    "target_sentiment",
    "target_sentiment_many",
]


@dataclass(frozen=True)
class Model:
    """A trained linear model: vocabulary, weights (classes x features), biases."""

    index: dict[str, int]
    coef: np.ndarray
    intercept: np.ndarray

    def matrix(self, rows: list[dict[str, float]]) -> sparse.csr_matrix:
        """Turn feature dicts into a sparse matrix over this model's vocabulary."""
        indptr, indices, data = [0], [], []
        for row in rows:
            for name, value in row.items():
                j = self.index.get(name)
                if j is not None and value:
                    indices.append(j)
                    data.append(value)
            indptr.append(len(indices))
        shape = (len(rows), len(self.index))
        return sparse.csr_matrix((data, indices, indptr), shape=shape, dtype=np.float64)

    def proba(self, rows: list[dict[str, float]]) -> np.ndarray:
        """Class probabilities, one row per feature dict, columns in :data:`LABELS` order."""
        if not rows:
            return np.zeros((0, len(LABELS)))
        z = self.matrix(rows) @ self.coef.T + self.intercept
        z = z - z.max(axis=1, keepdims=True)
        e = np.exp(z)
        return e / e.sum(axis=1, keepdims=True)

    def save(self, path) -> None:
        """Write the model as plain arrays; the vocabulary is one newline-joined UTF-8 blob."""
        names = sorted(self.index, key=self.index.get)
        blob = np.frombuffer("\n".join(names).encode("utf-8"), dtype=np.uint8)
        np.savez_compressed(
            path,
            vocab=blob,
            coef=self.coef.astype(np.float32),
            intercept=self.intercept.astype(np.float32),
            labels=np.array(LABELS),
        )

    @classmethod
    def read(cls, path) -> Model:
        """Read a model written by :meth:`save` (no pickled objects are loaded)."""
        with np.load(path, allow_pickle=False) as z:
            names = z["vocab"].tobytes().decode("utf-8").split("\n")
            if tuple(z["labels"]) != LABELS:
                raise ValueError(f"{path}: unexpected labels {tuple(z['labels'])}")
            coef, intercept = z["coef"].astype(np.float64), z["intercept"].astype(np.float64)
        return cls({n: i for i, n in enumerate(names)}, coef, intercept)


@functools.lru_cache(maxsize=1)
def load_model() -> Model:
    """Load the bundled model once per process, with the lexicons it needs."""
    load_lexicons()
    with resources.as_file(resources.files("analysis") / "models" / MODEL_FILE) as path:
        return Model.read(path)


def target_probabilities(items: list[tuple[str, int, int]]) -> np.ndarray:
    """Class probabilities for many target mentions.

    Args:
        items: ``(text, target_start, target_end)`` triples; offsets index ``text``.

    Returns:
        An array of shape ``(len(items), 3)``, columns in :data:`LABELS` order.
    """
    return load_model().proba([features(t, s, e) for t, s, e in items])


def target_sentiment_many(items: list[tuple[str, int, int]]) -> list[tuple[str, float]]:
    """Classify many target mentions in one pass.

    Args:
        items: ``(text, target_start, target_end)`` triples; offsets index ``text``.

    Returns:
        ``(label, probability of that label)`` per item, in order.
    """
    probs = target_probabilities(items)
    best = probs.argmax(axis=1) if len(probs) else []
    return [(LABELS[k], round(float(probs[i, k]), 4)) for i, k in enumerate(best)]


def target_sentiment(text: str, target_start: int, target_end: int) -> tuple[str, float]:
    """Classify the sentiment of ``text`` towards the mention ``[target_start, target_end)``.

    Args:
        text: A sentence (longer texts are cut to the sentence around the target).
        target_start: Start offset of the mention.
        target_end: End offset of the mention.

    Returns:
        ``(label, score)``: label is negative, neutral or positive; score is its probability.
    """
    return target_sentiment_many([(text, target_start, target_end)])[0]
