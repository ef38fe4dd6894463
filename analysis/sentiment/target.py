"""Target-dependent sentiment: how a sentence portrays one mention in it.

A multinomial logistic regression over the sparse, target-aware features of
:mod:`analysis.sentiment.features` plus the parse-based features of
:mod:`analysis.sentiment.syntax` (named features and spaCy's context vectors). It
is trained on NewsMTSC by ``scripts/train_sentiment.py`` and shipped as one
``.npz`` file of plain arrays (no pickle), so loading is fast and safe.

The parse comes from the caller when it has one (the article pipeline passes
its Doc, so the syntax costs nothing extra); otherwise each text is parsed here.
"""

from __future__ import annotations

import functools
import itertools
from dataclasses import dataclass, field
from importlib import resources
from typing import TYPE_CHECKING

import numpy as np
from scipy import sparse

from analysis.sentiment.char_ngrams import WEIGHT, CharTable
from analysis.sentiment.features import features, focus, load_lexicons, word_features
from analysis.sentiment.syntax import syntax_features

if TYPE_CHECKING:
    from spacy.tokens import Doc

#: Where to read one mention's syntax: a parsed Doc and the mention's offsets into it.
Parse = tuple["Doc", int, int]

#: Labels in the order of the model's rows.
LABELS = ("negative", "neutral", "positive")
MODEL_FILE = "target_sentiment.npz"

__all__ = [
    "LABELS",
    "MODEL_FILE",
    "Model",
    "Parse",
    "parse_items",
    "features",
    "load_model",
    "target_probabilities",
    "target_sentiment",
    "target_sentiment_many",
]


@dataclass(frozen=True)
class Model:
    """A trained linear model: vocabulary, weights, biases and the dense-input scaling.

    ``coef`` has one row per class: first a column per named feature in ``index``,
    then one per dense input; a dense vector ``d`` enters as ``(d - dense_mean) * dense_scale``.
    """

    index: dict[str, int]
    coef: np.ndarray
    intercept: np.ndarray
    dense_mean: np.ndarray = field(default_factory=lambda: np.zeros(0))
    dense_scale: np.ndarray = field(default_factory=lambda: np.zeros(0))

    @functools.cached_property
    def uses_syntax(self) -> bool:
        """True when the model reads a parse (dense inputs or syntax features)."""
        return len(self.dense_mean) > 0 or any(n.startswith("sx:") for n in self.index)

    @functools.cached_property
    def chars(self) -> CharTable:
        """The vocabulary's character n-grams as packed integers (see :mod:`.char_ngrams`)."""
        return CharTable.of(self.index)

    def _named(self, rows: list[dict[str, float]], part: int):
        # Every name of every row is looked up in one pass (``map`` over the vocabulary's
        # ``get``), not feature by feature in Python.
        names = list(itertools.chain.from_iterable(rows))
        values = np.fromiter(
            itertools.chain.from_iterable(row.values() for row in rows), np.float64, len(names)
        )
        cols = np.fromiter(map(self.index.get, names, itertools.repeat(-1)), np.int64, len(names))
        which = np.repeat(np.arange(len(rows)), [len(row) for row in rows])
        return which, cols, values, np.full(len(names), part)

    def matrix(
        self,
        rows: list[dict[str, float]],
        nears: list[str] | None = None,
        tails: list[dict[str, float]] | None = None,
    ) -> sparse.csr_matrix:
        """Turn feature dicts into a sparse matrix over this model's vocabulary.

        A row's entries are its named features, then the character n-grams of its
        ``nears`` text, then its ``tails`` features, each part in its own order: the
        order of one dict holding all three (as :func:`features` and training build
        it), so sums, and with them the scores, are the same to the last bit.

        Args:
            rows: Named feature values per example.
            nears: Per example, the text its character n-grams are read from, when
                ``rows`` leave them out (see :func:`~.features.word_features`).
            tails: Per example, named features that follow the n-grams (the syntax's).
        """
        parts = [self._named(rows, 0)]
        if nears is not None:
            which, cols = self.chars.lookup(nears)
            parts.append((which, cols, np.full(len(cols), WEIGHT), np.full(len(cols), 1)))
        if tails is not None:
            parts.append(self._named(tails, 2))
        which, cols, values, part = (np.concatenate(column) for column in zip(*parts, strict=True))
        keep = (cols >= 0) & (values != 0)
        which, cols, values, part = which[keep], cols[keep], values[keep], part[keep]
        order = np.argsort(which * 3 + part, kind="stable")  # each part keeps its own order
        indptr = np.zeros(len(rows) + 1, dtype=np.int64)
        np.cumsum(np.bincount(which, minlength=len(rows)), out=indptr[1:])
        shape = (len(rows), len(self.index))
        return sparse.csr_matrix((values[order], cols[order], indptr), shape=shape)

    def proba(
        self,
        rows: list[dict[str, float]],
        dense: np.ndarray | None = None,
        nears: list[str] | None = None,
        tails: list[dict[str, float]] | None = None,
    ) -> np.ndarray:
        """Class probabilities, one row per feature dict, columns in :data:`LABELS` order.

        Args:
            rows: Named feature values per example.
            dense: Dense inputs, one row per example; required when the model has any.
            nears: As :meth:`matrix` takes them.
            tails: As :meth:`matrix` takes them.

        Returns:
            An array of shape ``(len(rows), 3)``.
        """
        if not rows:
            return np.zeros((0, len(LABELS)))
        n = len(self.index)
        z = self.matrix(rows, nears, tails) @ self.coef[:, :n].T + self.intercept
        if len(self.dense_mean):
            z = z + ((dense - self.dense_mean) * self.dense_scale) @ self.coef[:, n:].T
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
            dense_mean=self.dense_mean.astype(np.float32),
            dense_scale=self.dense_scale.astype(np.float32),
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
            mean = z["dense_mean"].astype(np.float64) if "dense_mean" in z else np.zeros(0)
            scale = z["dense_scale"].astype(np.float64) if "dense_scale" in z else np.zeros(0)
        return cls({n: i for i, n in enumerate(names)}, coef, intercept, mean, scale)


@functools.lru_cache(maxsize=1)
def load_model() -> Model:
    """Load the bundled model once per process, with the lexicons it needs."""
    load_lexicons()
    with resources.as_file(resources.files("analysis") / "models" / MODEL_FILE) as path:
        return Model.read(path)


def parse_items(items: list[tuple[str, int, int]]) -> list[Parse]:
    """Parse the sentence around each mention, for callers that have no Doc.

    Args:
        items: ``(text, target_start, target_end)`` triples.

    Returns:
        One ``(doc, start, end)`` per item, offsets shifted into the parsed sentence.
    """
    from analysis.nlp import parse_many

    cut = [focus(t, s, e) for t, s, e in items]
    docs = parse_many((t for t, _, _ in cut), batch_size=64)
    return [(doc, s, e) for doc, (_, s, e) in zip(docs, cut, strict=True)]


def target_probabilities(
    items: list[tuple[str, int, int]], parses: list[Parse] | None = None
) -> np.ndarray:
    """Class probabilities for many target mentions.

    Args:
        items: ``(text, target_start, target_end)`` triples; offsets index ``text``.
        parses: Where to read each mention's syntax, in item order; None parses the
            items here (slower: callers that already hold a Doc should pass it).

    Returns:
        An array of shape ``(len(items), 3)``, columns in :data:`LABELS` order.
    """
    model = load_model()
    rows, nears = [], []
    for t, s, e in items:
        named, near = word_features(t, s, e)
        rows.append(named)
        nears.append(near)
    if not model.uses_syntax or not items:
        return model.proba(rows, nears=nears)
    if parses is None:
        parses = parse_items(items)
    dense, tails = [], []
    for doc, start, end in parses:
        named, vector = syntax_features(doc, start, end, vectors=len(model.dense_mean) > 0)
        tails.append(named)
        # A Doc without context vectors (no tok2vec) adds nothing rather than failing.
        dense.append(vector if vector.shape == model.dense_mean.shape else model.dense_mean)
    if len(parses) != len(items):
        raise ValueError("one parse per item is needed")
    return model.proba(rows, np.vstack(dense), nears, tails)


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
