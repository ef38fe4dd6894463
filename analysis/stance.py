"""Target-dependent sentiment: how a sentence portrays one mention in it.

A multinomial logistic regression over sparse, target-aware features: the
sentence's words with the target masked, words left and right of the target,
a distance-weighted window, the clause around the target, character n-grams
near it, and lexicon scores (TextBlob's and VADER's word lists) with simple
negation handling. It is trained on NewsMTSC by ``scripts/train_sentiment.py``
and shipped as one ``.npz`` file of plain arrays (no pickle), so loading is
fast and safe.
"""

from __future__ import annotations

import functools
import importlib.util
import re
import xml.etree.ElementTree as ET
from collections import defaultdict
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import numpy as np
from scipy import sparse

#: Labels in the order of the model's rows.
LABELS = ("negative", "neutral", "positive")
MODEL_FILE = "target_sentiment.npz"

_TOKEN = re.compile(r"[A-Za-z]+(?:['’][A-Za-z]+)?|\d+(?:[.,]\d+)*|[^\w\s]")
_NEGATORS = frozenset(
    "not no never n't nor without cannot hardly neither none nobody nothing".split()
)
_CLAUSE_BREAKS = frozenset(
    [",", ";", ":", "but", "while", "although", "whereas", "—", "–", "-", "(", ")"]
)
_PRONOUNS = frozenset("he she they him her it his their them its".split())
_QUOTE_CHARS = '"“”'
_SENTENCE_END = re.compile(r"(?<=[.!?”\"])\s+(?=[“\"A-Z])|\n+")
#: Texts longer than this are cut to the sentence around the target, since the
#: model was trained on single sentences.
MAX_CONTEXT = 600
_WINDOW = 5
_CHAR_REACH = 40


@functools.lru_cache(maxsize=1)
def _vader_lexicon() -> dict[str, float]:
    # Imported lazily: reading VADER's word list is the only slow part of startup.
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    return {w: v / 4.0 for w, v in SentimentIntensityAnalyzer().lexicon.items()}


@functools.lru_cache(maxsize=1)
def _textblob_lexicon() -> dict[str, float]:
    # Read TextBlob's word list directly: importing textblob itself pulls in NLTK
    # and costs about a second, which would blow the load-time budget.
    spec = importlib.util.find_spec("textblob")
    if spec is None or not spec.submodule_search_locations:
        raise ImportError("textblob is not installed")
    path = Path(next(iter(spec.submodule_search_locations))) / "en" / "en-sentiment.xml"
    senses: dict[str, list[float]] = defaultdict(list)
    for node in ET.parse(path).getroot().iter("word"):
        senses[node.get("form", "").lower()].append(float(node.get("polarity", 0.0)))
    # One polarity per word form: the mean over its senses.
    return {w: sum(v) / len(v) for w, v in senses.items() if w}


def _textblob_polarity(word: str) -> float:
    return _textblob_lexicon().get(word, 0.0)


def _lexicon_features(f: dict, name: str, seq: list[str], ti: int, score) -> None:
    pos = neg = wpos = wneg = 0.0
    for i, word in enumerate(seq):
        if i == ti:
            continue
        p = score(word)
        if not p:
            continue
        # A negator just before a word weakens and flips it ("not good").
        if any(x in _NEGATORS or x.endswith("n't") for x in seq[max(0, i - 3) : i]):
            p = -0.7 * p
        near = 1.0 / (1.0 + abs(i - ti) / 4.0)
        if p > 0:
            pos, wpos = pos + p, wpos + p * near
        else:
            neg, wneg = neg - p, wneg - p * near
    f[name + ":pos"], f[name + ":neg"], f[name + ":net"] = pos, neg, pos - neg
    f[name + ":wpos"], f[name + ":wneg"], f[name + ":wnet"] = wpos, wneg, wpos - wneg


def _clause(seq: list[str], ti: int) -> list[str]:
    a = b = ti
    while a > 0 and seq[a - 1] not in _CLAUSE_BREAKS:
        a -= 1
    while b + 1 < len(seq) and seq[b + 1] not in _CLAUSE_BREAKS:
        b += 1
    return [w for w in seq[a : b + 1] if w != "<t>"]


def focus(text: str, start: int, end: int) -> tuple[str, int, int]:
    """Cut a long text to the sentence that holds the target.

    Args:
        text: The text the offsets index.
        start: Target start offset.
        end: Target end offset.

    Returns:
        ``(text, start, end)`` with offsets shifted into the shorter text.
    """
    if len(text) <= MAX_CONTEXT:
        return text, start, end
    lo, hi = 0, len(text)
    for m in _SENTENCE_END.finditer(text):
        if m.end() <= start:
            lo = m.end()
        elif m.start() >= end:
            hi = m.start()
            break
    return text[lo:hi], start - lo, end - lo


def features(text: str, start: int, end: int) -> dict[str, float]:
    """Describe one target mention in its sentence as named feature values.

    Args:
        text: The sentence (or a longer text, which is cut to the sentence).
        start: Target start offset into ``text``.
        end: Target end offset into ``text``.

    Returns:
        Sparse features: name to value.
    """
    text, start, end = focus(text, start, end)
    lw = [m.group(0).lower() for m in _TOKEN.finditer(text, 0, start)]
    rw = [m.group(0).lower() for m in _TOKEN.finditer(text, end)]
    seq, ti = lw + ["<t>"] + rw, len(lw)
    f: dict[str, float] = defaultdict(float)
    for i, w in enumerate(seq):
        f["u:" + w] = 1.0
        if i + 1 < len(seq):
            f["b:" + w + " " + seq[i + 1]] = 1.0
    for w in lw:
        f["l:" + w] = 1.0
    for w in rw:
        f["r:" + w] = 1.0
    for d in range(1, _WINDOW + 1):
        weight = 1.0 / (1.0 + (d - 1) / 2.0)
        if ti - d >= 0:
            f["n:" + seq[ti - d]] += weight
        if ti + d < len(seq):
            f["n:" + seq[ti + d]] += weight
    for k in (1, 2):
        if ti - k >= 0:
            f[f"p{k}:" + " ".join(seq[ti - k : ti])] = 1.0
        if ti + k < len(seq):
            f[f"x{k}:" + " ".join(seq[ti + 1 : ti + 1 + k])] = 1.0
    vader = _vader_lexicon()
    _lexicon_features(f, "tb", seq, ti, _textblob_polarity)
    _lexicon_features(f, "vd", seq, ti, lambda w: vader.get(w, 0.0))
    clause = _clause(seq, ti)
    for w in clause:
        f["c:" + w] = 1.0
    for name, score in (("ctb", _textblob_polarity), ("cvd", lambda w: vader.get(w, 0.0))):
        ps = [score(w) for w in clause]
        f[name + ":pos"] = sum(p for p in ps if p > 0)
        f[name + ":neg"] = -sum(p for p in ps if p < 0)
    before = text[:start]
    f["q:in"] = float(sum(before.count(c) for c in _QUOTE_CHARS) % 2 == 1)
    f["q:has"] = float(any(c in text for c in _QUOTE_CHARS))
    f["pos:start"] = float(ti == 0)
    f["tlen"] = min(end - start, 40) / 40.0
    f["t:pron"] = float(text[start:end].lower() in _PRONOUNS)
    near = text[max(0, start - _CHAR_REACH) : start] + " T " + text[end : end + _CHAR_REACH]
    near = " ".join(near.lower().split())
    for n in (3, 4, 5):
        for i in range(len(near) - n + 1):
            f["ch:" + near[i : i + n]] = 0.2
    return f


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
    _vader_lexicon()
    _textblob_lexicon()
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
