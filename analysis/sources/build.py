"""Sources: one row per speaker, typed, with their share of the quoted words.

A source is everyone the quotes are attributed to, named ("Song Zhongping") or
not ("defense experts"). Only someone who can speak makes a statement: what a
thing "says" ("Fires", "The video", "No one") is a non-speech event in the
attribution layer and never reaches the quotes (:func:`analysis.quotes.acts.act_of`),
and a quote whose speaker is only a bare quantifier ("Many") comes with no speaker.

Its type comes from :mod:`analysis.sources.types`, reading every role the text
gives the source at any mention ("US Secretary of State Mike Pompeo"), the phrase
it is quoted by ("a spokesperson for the British Foreign Office") and the
organisation those name; its country from the places, nationalities and
institutions in its name, roles and affiliation, reading capitals as their
governments ("Tokyo" -> Japan).
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass

from spacy.tokens import Doc

from analysis.entities.canonical import Entity, EntityIndex
from analysis.entities.countries import countries_in, country_of
from analysis.nlp import doc_text, span_head
from analysis.quotes.extractor import Quote
from analysis.sources.type_words import INTERNATIONAL
from analysis.sources.types import source_type

_AFFILIATION = re.compile(r"\b(?:with|at|of|for|from)\s+(?:the\s+)?(.+)$")

#: Longest phrase a speaker mention is read in for its roles ("a spokesperson for ...").
MAX_PHRASE_TOKENS = 14
#: Parts of a noun phrase that describe someone, not what they do.
_PHRASE_SKIP = frozenset({"relcl", "acl", "punct", "cc", "conj", "advcl", "appos"})
#: Share of an article's country mentions one country must hold for the article's
#: own sources (people, organisations, unnamed voices) to be taken as from there.
HOME_SHARE = 0.8
#: Fewest mentions of that country for the article to be set there.
HOME_MENTIONS = 2
#: Types whose sources speak from anywhere: outlets, and international bodies.
_TRAVELLING = frozenset({"media"})
#: Labels of the organisations a role may name as its employer.
_EMPLOYER_LABELS = frozenset({"ORG", "FAC"})


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


def _mention_root(quote: Quote, doc: Doc):
    if quote.speaker_start is None or quote.speaker_end is None:
        return None
    return span_head(doc, quote.speaker_start, quote.speaker_end)


def _phrase(quote: Quote, doc: Doc) -> str | None:
    """The noun phrase a quote's speaker is named by, with its "for"/"of" parts."""
    root = _mention_root(quote, doc)
    if root is None or root.pos_ == "PRON":
        return None
    skip = {t.i for c in root.children if c.dep_ in _PHRASE_SKIP for t in c.subtree}
    tokens = [t for t in root.subtree if t.i not in skip]
    if len(tokens) > MAX_PHRASE_TOKENS:
        return None
    start, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1])
    return doc_text(doc)[start:end] if tokens[-1].i - tokens[0].i < MAX_PHRASE_TOKENS else None


def _roles(group: list[Quote], entity: Entity | None, doc: Doc) -> list[str]:
    roles = list(entity.roles) if entity is not None else []
    person = entity.name.lower() if entity is not None and entity.label == "PERSON" else ""
    for quote in group:
        phrase = _phrase(quote, doc)
        # A bare name or surname is no role ("Sowers" of "Eyamba Sowers").
        if phrase and phrase not in roles and phrase.lower() not in person:
            roles.append(phrase)
    return roles


def _employers(roles: list[str], entities: EntityIndex, entity: Entity | None) -> list[str]:
    """Organisations the roles name, in the order the article first mentions them."""
    joined = " ".join(roles)
    return [
        other.name
        for other in entities
        if other is not entity and other.label in _EMPLOYER_LABELS and other.name in joined
    ]


def home_country(entities: EntityIndex) -> str | None:
    """The one country a story is set in, when its places and peoples point to one.

    A report from South Dakota naming no other country is from the United States,
    and so are the utility, the officials and the residents it quotes.
    """
    counts: dict[str, int] = {}
    for entity in entities:
        if entity.label in ("GPE", "NORP", "LOC"):
            found = countries_in(entity.name)
            if len(found) == 1:
                counts[found[0]] = counts.get(found[0], 0) + entity.n_mentions
    if not counts:
        return None
    country, n = max(sorted(counts.items()), key=lambda kv: kv[1])
    if n >= HOME_MENTIONS and n >= HOME_SHARE * sum(counts.values()):
        return country
    return None


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
    home = home_country(entities)
    sources: list[Source] = []
    for group in groups.values():
        first = group[0]
        entity = entities.resolve_name(first.speaker) or _entity_named(first, entities)
        named = any(_named(q, entity, doc) for q in group)
        descriptor = entity.descriptor if entity is not None else None
        name = entity.name if entity is not None and named else first.speaker
        if not named:
            name = name[0].upper() + name[1:] if name else name
        roles = _roles(group, entity, doc)
        descriptor = descriptor or next((r for r in roles if r.lower() != name.lower()), None)
        employers = _employers(roles, entities, entity)
        affiliation = _affiliation(descriptor, entities, entity) or next(iter(employers), None)
        label = entity.label if entity is not None else None
        described = "; ".join(roles)
        n_words = sum(_words(q.text) for q in group)
        # An unnamed voice's name is its description ("a Syrian refugee"): read it first.
        kind = source_type(name, descriptor if named else name, label, roles, employers)
        country = country_of(name, described or descriptor, affiliation, label)
        if country is None and kind not in _TRAVELLING and not INTERNATIONAL.search(name):
            country = home
        source_id = f"S{len(sources) + 1}"
        for quote in group:
            quote.source_id = source_id
        sources.append(
            Source(
                source_id=source_id,
                name=name,
                type=kind,
                named=named,
                descriptor=descriptor,
                affiliation=affiliation,
                country=country,
                n_quotes=len(group),
                n_words=n_words,
                share_of_voice=round(n_words / total, 4) if total else 0.0,
                polarity=round(sum(q.polarity for q in group) / len(group), 4),
            )
        )
    return sources
