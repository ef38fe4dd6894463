"""One speaker across a corpus: which named source rows are the same person.

Names match after case and spacing are folded. A surname-only row ("Trump") joins
a full name ending in that word: first the full name its own article gives, then,
when the article gives none, the one full name of a person that the corpus gives
anywhere. Where two people share the surname ("Bill Clinton", "Hillary Clinton")
and the article does not say which, the row stays as it is: no tie is decided by
order. A one-word name the article labels as something else (the company "Apple")
never joins a person.
"""

from __future__ import annotations

import pandas as pd


def fold(name: object) -> str:
    """A name's key: case folded, runs of white space made one space."""
    return " ".join(str(name or "").casefold().split())


def _people(entities: pd.DataFrame) -> pd.DataFrame:
    people = entities[entities["label"] == "PERSON"].copy()
    people["key"] = people["name"].map(fold)
    people = people[people["key"].str.contains(" ")]
    people["last"] = people["key"].str.split().str[-1]
    return people


def _not_people(entities: pd.DataFrame) -> set[tuple[str, str]]:
    """(article, folded name) of one-word entities labelled other than PERSON."""
    others = entities[entities["label"] != "PERSON"]
    return {(str(a), fold(n)) for a, n in zip(others["article_id"], others["name"], strict=True)}


def _owner(names: pd.DataFrame) -> str | None:
    """The one full name among candidate rows, or None when there are several."""
    found = sorted(set(names["name"].map(lambda n: " ".join(str(n).split()))))
    keys = {fold(n) for n in found}
    return found[0] if len(keys) == 1 else None


def speaker_names(sources: pd.DataFrame, entities: pd.DataFrame) -> pd.Series:
    """The name each source row is counted under across the corpus.

    Args:
        sources: The corpus ``sources`` table (``article_id``, ``name``).
        entities: The corpus ``entities`` table (``article_id``, ``name``, ``label``).

    Returns:
        A Series aligned with ``sources``: the full name for a surname-only row that
        one resolves to, else the row's own name.
    """
    people = _people(entities)
    elsewhere = _not_people(entities)
    in_article = {a: rows for a, rows in people.groupby("article_id", sort=True)}
    by_last = {last: rows for last, rows in people.groupby("last", sort=True)}
    names = []
    for article_id, name in zip(sources["article_id"], sources["name"], strict=True):
        key = fold(name)
        full = None
        if key and " " not in key and (str(article_id), key) not in elsewhere:
            own = in_article.get(article_id)
            if own is not None and (own["last"] == key).any():
                full = _owner(own[own["last"] == key])
            elif key in by_last:
                full = _owner(by_last[key])
        names.append(full or name)
    return pd.Series(names, index=sources.index, dtype=object)
