"""Sources rebuilt from quote rows, without a parse: what an analyst's corrections need.

:func:`analysis.sources.build.build_sources` groups the extracted quotes with the
parse at hand. Once quotes have been corrected (a speaker set, a statement
dropped, two sources merged) the sources table is rebuilt here from the rows
alone: a source that keeps quotes keeps what was found about it (type,
descriptor, country, the target-dependent sentiment of its mentions), a new
speaker is typed from its name and, when the article names it as an entity, from
that entity; counts, words, share of voice and tone are computed afresh, the way
``build_sources`` computes them. Nothing here loads spaCy.
"""

from __future__ import annotations

import re

from analysis.entities.countries import country_of
from analysis.sources.types import source_type

#: The contract's source types.
SOURCE_TYPES = ("official", "military", "expert", "politician", "media", "organization",
                "public", "other")  # fmt: skip
#: Entity labels that make a speaker a named source, as in ``build_sources``.
NAMED_LABELS = ("PERSON", "ORG", "GPE", "FAC", "LOC")
#: Fields of a source that describe it rather than count its quotes.
SENTIMENT_FIELDS = ("sentiment", "sentiment_score", "n_negative", "n_neutral", "n_positive")

# Words as build_sources counts them.
_WORD = re.compile(r"\w+(?:[-'’]\w+)*")
_AFFILIATION = re.compile(r"\b(?:with|at|of|for|from)\s+(?:the\s+)?(.+)$")


def words(text: object) -> int:
    """The words of a quote, counted as ``build_sources`` counts them."""
    return len(_WORD.findall(str(text or "")))


def _entity_named(name: str, entities: list[dict]) -> dict | None:
    wanted = name.casefold()
    for entity in entities:
        if str(entity.get("name") or "").casefold() == wanted:
            return entity
    return None


def new_source(name: str, entities: list[dict]) -> dict:
    """A source row for a speaker the extraction did not find, typed from its name.

    Args:
        name: The speaker as the analyst gave it.
        entities: The article's entity rows; one of the same name lends its label,
            descriptor and sentiment.

    Returns:
        The descriptive fields of a source row (no id, no counts).
    """
    entity = _entity_named(name, entities)
    label = entity.get("label") if entity else None
    descriptor = entity.get("descriptor") if entity else None
    match = _AFFILIATION.search(descriptor or "")
    affiliation = match.group(1).strip(" ,.") if match else None
    row = {
        "name": entity["name"] if entity else name,
        "type": source_type(name, descriptor, label),
        "named": label in NAMED_LABELS if label else name[:1].isupper(),
        "descriptor": descriptor,
        "affiliation": affiliation,
        "country": country_of(name, descriptor, affiliation, label),
    }
    row.update({field: entity.get(field) if entity else None for field in SENTIMENT_FIELDS})
    return row


def _group_key(quote: dict) -> tuple[str, str] | None:
    if quote.get("source_id"):
        return ("id", str(quote["source_id"]))
    speaker = quote.get("speaker")
    return ("name", str(speaker).casefold()) if speaker else None


def regroup_sources(
    quotes: list[dict], previous: list[dict], entities: list[dict]
) -> tuple[list[dict], list[dict], dict[str, str]]:
    """Rebuild the sources from quote rows, and renumber the quotes' ``source_id``.

    A quote's ``source_id`` names the earlier source it belongs to; a quote with a
    speaker but no ``source_id`` belongs to a new source of that name.

    Args:
        quotes: Quote rows in text order (not changed; copies are returned).
        previous: The earlier source rows, by ``source_id``.
        entities: The article's entity rows.

    Returns:
        ``(quotes, sources, renumbered)``: the quote rows with the new ids, the
        sources ``S1``, ``S2`` ... in order of their first quote, and a map from
        each earlier id that kept quotes to its new id.
    """
    earlier = {str(row["source_id"]): row for row in previous}
    groups: dict[tuple[str, str], list[dict]] = {}
    rows = [dict(quote) for quote in quotes]
    for quote in rows:
        key = _group_key(quote)
        if key is None:
            quote["source_id"] = None
        else:
            groups.setdefault(key, []).append(quote)
    total = sum(words(q["text"]) for group in groups.values() for q in group)
    sources, renumbered = [], {}
    for (kind, value), group in groups.items():
        source_id = f"S{len(sources) + 1}"
        if kind == "id" and value in earlier:
            base = dict(earlier[value])
            renumbered[value] = source_id
        else:
            base = new_source(str(group[0]["speaker"]), entities)
        n_words = sum(words(q["text"]) for q in group)
        tones = [float(q["polarity"]) for q in group if q.get("polarity") is not None]
        base.update(
            source_id=source_id,
            n_quotes=len(group),
            n_words=n_words,
            share_of_voice=round(n_words / total, 4) if total else 0.0,
            polarity=round(sum(tones) / len(tones), 4) if tones else 0.0,
        )
        for quote in group:
            quote["source_id"] = source_id
            if kind == "name":  # a new speaker takes the name of the entity it is
                quote["speaker"] = base["name"]
        sources.append(base)
    return rows, sources, renumbered
