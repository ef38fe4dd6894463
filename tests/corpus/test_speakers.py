"""One speaker across a corpus: surnames join full names, never by chance."""

from __future__ import annotations

import pandas as pd

from analysis.corpus.speakers import speaker_names


def frame(rows, columns):
    return pd.DataFrame(rows, columns=columns)


SOURCES = frame(
    [
        ("a1", "Vera Lind"),
        ("a2", "Lind"),  # its own article gives no full name: the corpus's one Lind
        ("a3", "Holt"),  # its own article says which Holt
        ("a4", "Holt"),  # two Holts elsewhere and none here: left alone
        ("a5", "Apple"),  # a company here, not the singer of a1
        ("a6", "Ben Holt"),
    ],
    ["article_id", "name"],
)
ENTITIES = frame(
    [
        ("a1", "Vera Lind", "PERSON"),
        ("a1", "Fiona Apple", "PERSON"),
        ("a2", "Lind", "PERSON"),
        ("a3", "Ann Holt", "PERSON"),
        ("a3", "Holt", "PERSON"),
        ("a5", "Apple", "ORG"),
        ("a6", "Ben Holt", "PERSON"),
    ],
    ["article_id", "name", "label"],
)


def test_surnames_join_the_full_name_their_text_gives():
    names = list(speaker_names(SOURCES, ENTITIES))
    assert names == ["Vera Lind", "Vera Lind", "Ann Holt", "Holt", "Apple", "Ben Holt"]


def test_order_of_rows_decides_nothing():
    shuffled = SOURCES.iloc[::-1]
    assert (
        list(speaker_names(shuffled, ENTITIES.iloc[::-1]))
        == list(speaker_names(SOURCES, ENTITIES))[::-1]
    )
