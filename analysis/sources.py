"""Sources: one row per speaker, typed, with their share of the quoted words.

A source is everyone the quotes are attributed to, named ("Song Zhongping") or
not ("defense experts"). Its type (official, military, expert, politician,
media, organization, public, other) comes from the words of its name,
descriptor and affiliation; its country from the places and nationalities in
them, reading capitals as their governments ("Tokyo" -> Japan).
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass

from spacy.tokens import Doc

from analysis.entities import Entity, EntityIndex
from analysis.geo import country_of
from analysis.quotes import Quote

#: Keyword stems per type, tried in this order; the first type with a hit wins.
TYPE_WORDS: list[tuple[str, tuple[str, ...]]] = [
    (
        "expert",
        (
            "expert",
            "analyst",
            "researcher",
            "research",
            "professor",
            "scholar",
            "economist",
            "think tank",
            "institute",
            "fellow",
            "academic",
            "scientist",
            "instructor",
            "lecturer",
            "strategist",
            "specialist",
            "observer",
            "historian",
            "pollster",
            "consultant",
            "university",
            "commentator",
        ),
    ),
    (
        "media",
        (
            "newspaper",
            "journalist",
            "reporter",
            "editor",
            "columnist",
            "magazine",
            "broadcaster",
            "news",
            "times",
            "post",
            "journal",
            "tribune",
            "television",
            "cnn",
            "bbc",
            "reuters",
            "xinhua",
            "tass",
            "associated press",
            "fox",
            "msnbc",
            "network",
            "outlet",
            "anchor",
            "tabloid",
            "kyodo",
            "politico",
        ),
    ),
    (
        "military",
        (
            "general",
            "admiral",
            "colonel",
            "commander",
            "army",
            "navy",
            "air force",
            "military",
            "pla",
            "troops",
            "officer",
            "marine",
            "pentagon",
            "soldier",
            "theater command",
            "armed forces",
        ),
    ),
    (
        "politician",
        (
            "senator",
            "sen.",
            "rep.",
            "congressman",
            "congresswoman",
            "lawmaker",
            "legislator",
            "candidate",
            "nominee",
            "governor",
            "gov.",
            "mayor",
            "democrat",
            "republican",
            "party",
            "parliament",
            "mp",
            "president",
            "campaign",
            "speaker",
            "politician",
            "chairman",
        ),
    ),
    (
        "official",
        (
            "ministry",
            "minister",
            "department",
            "government",
            "official",
            "spokesman",
            "spokeswoman",
            "spokesperson",
            "agency",
            "embassy",
            "secretary",
            "ambassador",
            "administration",
            "white house",
            "kremlin",
            "cabinet",
            "police",
            "authorities",
            "office",
            "council",
            "commission",
            "state",
        ),
    ),
    (
        "public",
        (
            "voter",
            "resident",
            "protester",
            "citizen",
            "supporter",
            "worker",
            "parent",
            "student",
            "witness",
            "demonstrator",
            "people",
            "family",
            "neighbor",
            "neighbour",
            "local",
            "villager",
            "passenger",
            "fan",
            "customer",
        ),
    ),
]

_ORG_LABELS = frozenset({"ORG", "NORP", "FAC"})
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


def _has(text: str, stem: str) -> bool:
    return re.search(rf"(?<![\w.]){re.escape(stem)}s?(?!\w)", text) is not None


def source_type(name: str, descriptor: str | None, label: str | None) -> str:
    """Classify a source from its name, descriptor and entity label.

    Args:
        name: Canonical name or, for an unnamed voice, its noun phrase.
        descriptor: Apposition or title, if any.
        label: spaCy label of the entity, if the name is one.

    Returns:
        One of official, military, expert, politician, media, organization, public, other.
    """
    described = (descriptor or "").lower()
    for kind, stems in TYPE_WORDS:
        if any(_has(described, stem) for stem in stems):
            return kind
    lowered = name.lower()
    for kind, stems in TYPE_WORDS:
        if any(_has(lowered, stem) for stem in stems):
            return kind
    if label == "GPE":
        return "official"  # a country or capital speaking is its government
    if label in _ORG_LABELS:
        return "organization"
    return "other"


def _affiliation(
    descriptor: str | None, entities: EntityIndex, entity: Entity | None
) -> str | None:
    if descriptor:
        match = _AFFILIATION.search(descriptor)
        if match:
            return match.group(1).strip(" ,.")
        if entity is not None and entity.descriptor_span:
            start, end = entity.descriptor_span
            for _s, _e, other in entities.mentions_before(end):
                if other.label == "ORG" and start <= _s < end:
                    return other.name
    return None


def _named(quote: Quote, entity: Entity | None, doc: Doc) -> bool:
    if entity is not None and entity.label in ("PERSON", "ORG", "GPE", "FAC", "LOC"):
        return True
    span = doc.char_span(quote.speaker_start, quote.speaker_end, alignment_mode="expand")
    if span is None:
        return False
    return span.root.pos_ == "PROPN" and span.root.tag_ != "NNPS"


def build_sources(quotes: list[Quote], entities: EntityIndex, doc: Doc) -> list[Source]:
    """Group quotes by speaker into typed sources, and set each quote's ``source_id``.

    Args:
        quotes: Output of :func:`analysis.quotes.extract_quotes`, in text order.
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
        entity = entities.resolve_name(first.speaker) or entities.entity_at(
            first.speaker_start, first.speaker_end
        )
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
