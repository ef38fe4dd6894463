"""The character n-grams of a mention: looked up as arrays, exactly as named features."""

import numpy as np
import pytest

from analysis.sentiment import target as stance
from analysis.sentiment.char_ngrams import PREFIX, WEIGHT, CharTable, char_ngrams, near_text
from analysis.sentiment.features import features, word_features


def _table(grams):
    return CharTable.of({PREFIX + gram: col for col, gram in enumerate(grams)})


def _by_names(table_index, nears):
    """Rows and columns the string features give, in their order."""
    rows, cols = [], []
    for row, near in enumerate(nears):
        for name in char_ngrams(near):
            if name in table_index:
                rows.append(row)
                cols.append(table_index[name])
    return rows, cols


def test_near_text_marks_the_target_and_collapses_white_space():
    text = "The  minister\nsaid   Ana Silva was right"
    start = text.index("Ana")
    assert near_text(text, start, start + len("Ana Silva")) == "the minister said t was right"


def test_char_ngrams_lists_each_distinct_gram_once_shortest_first():
    grams = list(char_ngrams("abab"))
    assert grams == ["ch:aba", "ch:bab", "ch:abab"]
    assert set(char_ngrams("abab").values()) == {WEIGHT}


def test_lookup_gives_the_columns_and_order_of_the_named_features():
    vocabulary = ["aba", "bab", "ab a", "é t", "’s t", "t w", " t ", "abab", "t was", "xyz"]
    index = {PREFIX + gram: col for col, gram in enumerate(vocabulary)}
    nears = ["abab abab", "", "ab", "café t was", "it’s t w", "ab a\x00aba", "zzz"]
    rows, cols = CharTable.of(index).lookup(nears)
    assert (rows.tolist(), cols.tolist()) == _by_names(index, nears)
    assert rows.tolist() == sorted(rows.tolist())


def test_lookup_of_no_rows_or_no_vocabulary_is_empty():
    assert [a.tolist() for a in _table(["abc"]).lookup([])] == [[], []]
    assert [a.tolist() for a in _table([]).lookup(["abcdef"])] == [[], []]


def test_model_scores_are_the_same_from_names_and_from_arrays():
    model = stance.load_model()
    text = "Critics said Ana Silva’s plan — “a disaster” — had failed, but she was defiant!"
    items = [
        (text, text.index("Ana"), text.index("Ana") + 9),
        (text, text.index("she"), text.index("she") + 3),
    ]
    whole = [features(*item) for item in items]
    parts = [word_features(*item) for item in items]
    named = model.proba(whole)
    split = model.proba([p[0] for p in parts], nears=[p[1] for p in parts])
    assert np.array_equal(named, split)
    assert split.shape == (2, 3)
    assert split.sum(axis=1) == pytest.approx([1.0, 1.0])


def test_matrix_rows_hold_names_then_grams_then_tails():
    index = {"sx:v": 0, PREFIX + "abc": 1, "u:a": 2, PREFIX + "bcd": 3}
    model = stance.Model(index, np.zeros((3, 4)), np.zeros(3), np.zeros(0), np.zeros(0))
    m = model.matrix([{"u:a": 1.0}, {}], nears=["abcd", "bcd"], tails=[{"sx:v": 2.0}, {}])
    assert m.indptr.tolist() == [0, 4, 5]
    assert m.indices.tolist() == [2, 1, 3, 0, 3]
    assert m.data.tolist() == [1.0, WEIGHT, WEIGHT, 2.0, WEIGHT]
