"""Character n-grams around a target mention, as features and as array lookups.

Most of a mention's features (about 230 of 330) are the 3-, 4- and 5-character
n-grams of the text just around it. Built as strings and looked up one by one in
the model's vocabulary, they were the larger part of the target model's cost. A
:class:`CharTable` packs each n-gram of the vocabulary into one integer (the
characters' places in the vocabulary's own alphabet, in a fixed base), so that
every n-gram of every mention of an article is found with a few array operations.
The columns it gives, and their order, are those the string features give.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

#: What every character n-gram feature's name starts with.
PREFIX = "ch:"
#: The n-gram lengths, in the order their features are listed.
SIZES = (3, 4, 5)
#: The value of each distinct n-gram's feature.
WEIGHT = 0.2
#: Characters read on each side of the target.
REACH = 40
#: Where the target stands in the text an n-gram is read from.
TARGET = " T "


def near_text(text: str, start: int, end: int) -> str:
    """The lower-cased text around a target, the target itself replaced by a marker.

    Args:
        text: The text the offsets index.
        start: Target start offset.
        end: Target end offset.

    Returns:
        Up to :data:`REACH` characters each side, white space collapsed.
    """
    near = text[max(0, start - REACH) : start] + TARGET + text[end : end + REACH]
    return " ".join(near.lower().split())


def char_ngrams(near: str) -> dict[str, float]:
    """The n-gram features of one text as named values, each distinct n-gram once.

    Args:
        near: The text around a target (see :func:`near_text`).

    Returns:
        Feature name to :data:`WEIGHT`, all 3-grams first, then 4-grams, then 5-grams.
    """
    names = (PREFIX + near[i : i + n] for n in SIZES for i in range(len(near) - n + 1))
    return dict.fromkeys(names, WEIGHT)


def _code_points(text: str) -> np.ndarray:
    return np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32)


@dataclass(frozen=True)
class CharTable:
    """The model's n-gram features as packed integers and their columns.

    ``alphabet`` holds the sorted code points that occur in the vocabulary's
    n-grams; character ``c`` is digit ``alphabet.index(c) + 1`` in base
    ``len(alphabet) + 1``, so that no two n-grams, of any lengths, share a code.
    """

    alphabet: np.ndarray
    codes: np.ndarray
    cols: np.ndarray

    @classmethod
    def of(cls, index: dict[str, int]) -> CharTable:
        """The table of a vocabulary (feature name to column)."""
        grams = {name[len(PREFIX) :]: col for name, col in index.items() if name.startswith(PREFIX)}
        points = {ord(c) for gram in grams for c in gram}
        table = cls(
            np.array(sorted(points), dtype=np.uint32), np.zeros(0, np.int64), np.zeros(0, np.int64)
        )
        codes, cols = [], []
        for n in sorted({len(gram) for gram in grams}):
            same = [gram for gram in grams if len(gram) == n]
            digits = table._digits(_code_points("".join(same))).reshape(len(same), n)
            codes.append(digits @ (table.base ** np.arange(n - 1, -1, -1, dtype=np.int64)))
            cols.append(np.array([grams[gram] for gram in same], dtype=np.int64))
        if not codes:
            return table
        codes, cols = np.concatenate(codes), np.concatenate(cols)
        order = np.argsort(codes, kind="stable")
        return cls(table.alphabet, codes[order], cols[order])

    @property
    def base(self) -> int:
        return len(self.alphabet) + 1

    def _digits(self, points: np.ndarray) -> np.ndarray:
        # A character outside the alphabet is 0: no n-gram that holds it is in the vocabulary.
        if not len(self.alphabet):
            return np.zeros(len(points), np.int64)
        at = np.minimum(np.searchsorted(self.alphabet, points), len(self.alphabet) - 1)
        return np.where(self.alphabet[at] == points, at + 1, 0).astype(np.int64)

    def lookup(self, nears: list[str]) -> tuple[np.ndarray, np.ndarray]:
        """The columns of each text's n-grams that the vocabulary holds.

        Args:
            nears: One text per row (see :func:`near_text`).

        Returns:
            ``(rows, cols)``: for each row in turn, the columns of its distinct n-grams
            in the order :func:`char_ngrams` lists them.
        """
        if not nears or not len(self.codes):
            return np.zeros(0, np.int64), np.zeros(0, np.int64)
        lengths = np.array([len(near) for near in nears], dtype=np.int64)
        # Rows are joined with a character outside the alphabet, so no n-gram spans two.
        digits = self._digits(_code_points("\0".join(nears)))
        row_of = np.repeat(np.arange(len(nears)), lengths + 1)[: len(digits)]
        offset = np.concatenate(([0], np.cumsum(lengths + 1)[:-1]))
        width = len(digits) + 1  # more than any row's length
        parts = [self._grams(digits, row_of, offset, k * width, n) for k, n in enumerate(SIZES)]
        rows, places, codes = (np.concatenate(column) for column in zip(*parts, strict=True))
        # One sort key for the order :func:`char_ngrams` lists a row's n-grams in.
        order = np.argsort(rows * (len(SIZES) * width) + places, kind="stable")
        rows, codes = rows[order], codes[order]
        # The first of each (row, n-gram): np.unique's indices are first occurrences.
        _, first = np.unique(rows * self.base ** max(SIZES) + codes, return_index=True)
        first.sort()
        rows, codes = rows[first], codes[first]
        at = np.minimum(np.searchsorted(self.codes, codes), len(self.codes) - 1)
        hit = self.codes[at] == codes
        return rows[hit], self.cols[at[hit]]

    def _grams(self, digits, row_of, offset, shift: int, n: int):
        """Rows, places and codes of the whole n-grams of one length."""
        count = len(digits) - n + 1
        if count <= 0:
            empty = np.zeros(0, np.int64)
            return empty, empty, empty
        windows = np.lib.stride_tricks.sliding_window_view(digits, n)
        starts = np.flatnonzero(windows.all(axis=1))
        codes = windows[starts] @ (self.base ** np.arange(n - 1, -1, -1, dtype=np.int64))
        rows = row_of[starts]
        return rows, shift + starts - offset[rows], codes
