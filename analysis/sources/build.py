"""Sources: one row per speaker, typed, with their share of the quoted words.

A source is everyone the quotes are attributed to, named ("Song Zhongping") or
not ("defense experts"). Its type comes from :mod:`analysis.sources.types`; its
country from the places and nationalities in its name, descriptor and
affiliation, reading capitals as their governments ("Tokyo" -> Japan).
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass

from spacy.tokens import Doc

from analysis.entities.canonical import Entity, EntityIndex
from analysis.entities.countries import country_of
from analysis.quotes.extractor import Quote
from analysis.sources.types import source_type

_AFFILIATION = re.compile(r"\b(?:with|at|of|for|from)\s+(?:the\s+)?(.+)$")


@dataclass
class Source:
    """One speaker, as a row of the ``sources`` table of schema ``newsbrief/1``."""

    source_id: str
    name: str
    type: str
    named: bool
    descriptor: str | None
    affiliation: str | None
    country: str | None
    n_quotes: int
    n_words: int
    share_of_voice: float
    polarity: float

    def to_dict(self) -> dict:
        """Return the row with the schema's keys in schema order."""
        return asdict(self)


def _words(text: str) -> int:
    return len(re.findall(r"\w+(?:[-'’]\w+)*", text))


def _affiliation(
    descriptor: str | None, entities: EntityIndex, entity: Entity | None
) -> str | None:
    if descriptor:
        match = _AFFILIATION.search(descriptor)
        if match:
            return match.group(1).strip(" ,.")
        if entity is not None and entity.descriptor_span:
            start, end = entity.descriptor_span
            for _s, _e, other in entities.mentions_within(start, end):
                if other.label == "ORG":
                    return other.name
    return None


def _named(quote: Quote, entity: Entity | None, doc: Doc) -> bool:
    if entity is not None and entity.label in ("PERSON", "ORG", "GPE", "FAC", "LOC"):
        return True
    span = doc.char_span(quote.speaker_start, quote.speaker_end, alignment_mode="expand")
    if span is None:
        return False
    return span.root.pos_ == "PROPN" and span.root.tag_ != "NNPS"


def _entity_named(quote: Quote, entities: EntityIndex) -> Entity | None:
    """The entity at a quote's speaker mention, when the speaker is named after it.

    A mention may hold an entity that is only a modifier of its head ("Hollis's
    lawyer", "Ohio officials"); the speaker is then not that entity.
    """
    entity = entities.entity_at(quote.speaker_start, quote.speaker_end)
    if entity is None or entity.name.lower() != quote.speaker.lower():
        return None
    return entity


def build_sources(quotes: list[Quote], entities: EntityIndex, doc: Doc) -> list[Source]:
    """Group quotes by speaker into typed sources, and set each quote's ``source_id``.

    Args:
        quotes: Output of :func:`analysis.quotes.extractor.extract_quotes`, in text order.
        entities: The article's canonical entities.
        doc: The parsed article.

    Returns:
        Sources numbered ``S1``, ``S2``, ... in order of their first quote.
    """
    groups: dict[str, list[Quote]] = {}
    for quote in quotes:
        if quote.speaker:
            groups.setdefault(quote.speaker.lower(), []).append(quote)
    total = sum(_words(q.text) for group in groups.values() for q in group)
    sources: list[Source] = []
    for group in groups.values():
        first = group[0]
        entity = entities.resolve_name(first.speaker) or _entity_named(first, entities)
        named = any(_named(q, entity, doc) for q in group)
        descriptor = entity.descriptor if entity is not None else None
        name = entity.name if entity is not None and named else first.speaker
        if not named:
            name = name[0].upper() + name[1:] if name else name
        affiliation = _affiliation(descriptor, entities, entity)
        label = entity.label if entity is not None else None
        n_words = sum(_words(q.text) for q in group)
        source_id = f"S{len(sources) + 1}"
        for quote in group:
            quote.source_id = source_id
        sources.append(
            Source(
                source_id=source_id,
                name=name,
                type=source_type(name, descriptor, label),
                named=named,
                descriptor=descriptor,
                affiliation=affiliation,
                country=country_of(name, descriptor, affiliation, label),
                n_quotes=len(group),
                n_words=n_words,
                share_of_voice=round(n_words / total, 4) if total else 0.0,
                polarity=round(sum(q.polarity for q in group) / len(group), 4),
            )
        )
    return sources
