"""Features for target-dependent sentiment: how one mention sits in its sentence.

The sentence's words with the target masked, words left and right of the
target, a distance-weighted window, the clause around the target, character
n-grams near it, and lexicon scores (TextBlob's and VADER's word lists) with
simple negation handling. :mod:`analysis.sentiment.target` turns these into a prediction.
"""

from __future__ import annotations

import functools
import importlib.util
import re
import xml.etree.ElementTree as ET
from collections import defaultdict
from pathlib import Path

from analysis.sentiment.char_ngrams import char_ngrams, near_text

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


@functools.lru_cache(maxsize=1)
def _vader_lexicon() -> dict[str, float]:
    # Imported lazily so that importing this module stays cheap.
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


def word_polarity(word: str) -> float:
    """Mean of the TextBlob and VADER polarities of a lower-case word, in [-1, 1]."""
    return (_textblob_lexicon().get(word, 0.0) + _vader_lexicon().get(word, 0.0)) / 2.0


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
        Sparse features: name to value, the character n-grams last.
    """
    named, near = word_features(text, start, end)
    named.update(char_ngrams(near))
    return named


def word_features(text: str, start: int, end: int) -> tuple[dict[str, float], str]:
    """Every feature of :func:`features` but the character n-grams, and their text.

    The model looks the n-grams up as arrays (:class:`~analysis.sentiment.char_ngrams.CharTable`);
    :func:`features` turns them into named features, for training.

    Args:
        text: The sentence (or a longer text, which is cut to the sentence).
        start: Target start offset into ``text``.
        end: Target end offset into ``text``.

    Returns:
        ``(features, near)``: the named features, and the text the n-grams are read from.
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
    return f, near_text(text, start, end)


def load_lexicons() -> None:
    """Read both word lists now, so that the first prediction is not the slow one."""
    _vader_lexicon()
    _textblob_lexicon()
