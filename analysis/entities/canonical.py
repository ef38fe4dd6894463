"""Named entities: spaCy's mentions merged into one canonical entity each.

A surname-only mention ("Song") joins the full name ("Song Zhongping"), aliases
of the same country ("US", "the United States") join, and a name keeps its whole
span ("the Sea of Japan" is one place, not "Sea" and "Japan"). Each entity
carries the descriptor an apposition gives it ("a former PLA instructor").
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterator
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span

from analysis.entities.countries import countries_in
from analysis.entities.full_names import FullNames, clean_name
from analysis.entities.person_names import clean_people
from analysis.nlp import doc_text

#: Labels that name things an analyst tracks; numbers and dates are handled elsewhere.
KEPT_LABELS = frozenset(
    {"PERSON", "NORP", "FAC", "ORG", "GPE", "LOC", "PRODUCT", "EVENT", "WORK_OF_ART", "LAW"}
)

#: Different spellings of the same country, keyed by their normalised form.
ALIASES = {
    "us": "United States",
    "u.s.": "United States",
    "u.s": "United States",
    "usa": "United States",
    "u.s.a.": "United States",
    "america": "United States",
    "united states of america": "United States",
    "uk": "United Kingdom",
    "u.k.": "United Kingdom",
    "britain": "United Kingdom",
    "great britain": "United Kingdom",
    "prc": "China",
    "people's republic of china": "China",
    "dprk": "North Korea",
    "rok": "South Korea",
    "eu": "European Union",
    "un": "United Nations",
    "u.n.": "United Nations",
    "russian federation": "Russia",
}


@dataclass
class Entity:
    """One canonical entity and every mention of it in the text."""

    entity_id: str
    name: str
    label: str
    mentions: list[tuple[int, int]] = field(default_factory=list)
    descriptor: str | None = None
    descriptor_span: tuple[int, int] | None = None
    #: Every role the text gives the name, at any of its mentions, in text order.
    roles: list[str] = field(default_factory=list)

    @property
    def first_start(self) -> int:
        """Offset of the first mention."""
        return self.mentions[0][0]

    @property
    def n_mentions(self) -> int:
        """How many times the entity is mentioned."""
        return len(self.mentions)


#: A company's legal form after its name: "Orbit Inc." is the Orbit the article
#: goes on to call "Orbit".
CORPORATE_SUFFIX = re.compile(
    r",?\s+(?:inc|incorporated|corp|corporation|co|ltd|limited|llc|plc|ag|sa|s\.a|nv|n\.v|gmbh)"
    r"\.?$",
    re.IGNORECASE,
)


def _key(name: str) -> str:
    lowered = name.lower().replace("’", "'")
    return CORPORATE_SUFFIX.sub("", ALIASES.get(lowered, name)).lower()


class EntityIndex:
    """Canonical entities of one document, with look-ups by offset and by name.

    Args:
        entities: The entities, in order of first mention.
    """

    def __init__(self, entities: list[Entity]):
        self.entities = entities
        self._by_key = {_key(e.name): e for e in entities}
        spans = sorted((s, e, ent) for ent in entities for s, e in ent.mentions)
        self._mentions = spans
        self._starts = [s for s, _, _ in spans]
        # Entity positions by the words of their names, and mentions by the lower-cased
        # words of their entities' names, so that look-ups by name need no full scan.
        self._by_word: dict[str, list[int]] = {}
        for number, entity in enumerate(entities):
            for word in dict.fromkeys(entity.name.split()):
                self._by_word.setdefault(word, []).append(number)
        self._named: dict[str, tuple[list[int], list[tuple[int, int, Entity]]]] = {}
        for mention in spans:
            for word in dict.fromkeys(mention[2].name.lower().split()):
                starts, found = self._named.setdefault(word, ([], []))
                starts.append(mention[0])
                found.append(mention)

    def __iter__(self):
        return iter(self.entities)

    def __len__(self) -> int:
        return len(self.entities)

    def entity_at(self, start: int, end: int) -> Entity | None:
        """Return the entity with a mention overlapping ``[start, end)``, if any."""
        i = bisect_left(self._starts, start)
        for s, e, ent in self._mentions[max(0, i - 3) : i + 3]:
            if s < end and start < e:
                return ent
        return None

    def resolve_name(self, text: str) -> Entity | None:
        """Find the entity a name refers to: exact, alias, or one token of a longer name.

        Args:
            text: A name such as ``"Song"``, ``"US"`` or ``"the Chinese Defense Ministry"``.

        Returns:
            The canonical entity, or None.
        """
        name = clean_name(text)
        found = self._by_key.get(_key(name))
        if found is not None:
            return found
        tokens = name.split()
        # Only a name holding the first token can hold them all.
        numbers = self._by_word.get(tokens[0], []) if tokens else range(len(self.entities))
        for number in numbers:
            entity = self.entities[number]
            parts = entity.name.split()
            if len(tokens) < len(parts) and _contains(parts, tokens):
                return entity
        return None

    def mentions_before(self, offset: int) -> list[tuple[int, int, Entity]]:
        """Return ``(start, end, entity)`` for every mention that ends before ``offset``."""
        return [m for m in self._mentions[: bisect_right(self._starts, offset)] if m[1] <= offset]

    def mentions_back(
        self, offset: int, word: str | None = None
    ) -> Iterator[tuple[int, int, Entity]]:
        """Yield the mentions that end before ``offset``, the latest first.

        The same mentions as ``reversed(mentions_before(offset))``, found by bisection
        and produced one at a time, so a caller that stops early pays only for what it reads.

        Args:
            offset: A character offset.
            word: If given, only mentions of entities whose lower-cased name holds this word.

        Yields:
            ``(start, end, entity)`` tuples.
        """
        starts, mentions = (
            (self._starts, self._mentions) if word is None else self._named.get(word, ([], []))
        )
        for k in range(bisect_right(starts, offset) - 1, -1, -1):
            if mentions[k][1] <= offset:
                yield mentions[k]

    def mentions_within(self, start: int, end: int) -> list[tuple[int, int, Entity]]:
        """Return the mentions that start at or after ``start`` and end by ``end``, in order."""
        found = []
        for k in range(bisect_left(self._starts, start), bisect_left(self._starts, end)):
            if self._mentions[k][1] <= end:
                found.append(self._mentions[k])
        return found


def _contains(parts: list[str], tokens: list[str]) -> bool:
    n = len(tokens)
    return any(parts[i : i + n] == tokens for i in range(len(parts) - n + 1))


def _descriptor(span: Span) -> tuple[str, tuple[int, int]] | None:
    """Return the role a text gives a name.

    An apposition ("Song Zhongping, a former PLA instructor, said") wins over a
    title in front of the name ("Defense Minister Li Shangfu").
    """
    doc = span.doc
    for child in span.root.children:
        if child.dep_ == "appos" and child.i >= span.end and child.pos_ == "NOUN":
            tokens = list(child.subtree)
            while tokens and (tokens[-1].is_punct or tokens[-1].is_space):
                tokens.pop()
            if tokens:
                start, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1])
                return doc_text(doc)[start:end], (start, end)
    if span.label_ != "PERSON":
        return None
    first = span.start
    # A role cut off the front of spaCy's entity ("Browns DL") still carries its label.
    labels = ("", "NORP", "ORG", "GPE") + (("PERSON",) if doc[first].ent_iob_ == "I" else ())
    while (
        first > 0
        and doc[first - 1].dep_ in ("compound", "amod", "nmod")
        and doc[first - 1].head.i >= first - 1
        and doc[first - 1].pos_ in ("PROPN", "NOUN", "ADJ")
        and doc[first - 1].ent_type_ in labels
    ):
        first -= 1
    if first == span.start:
        return None
    start, end = doc[first].idx, doc[span.start - 1].idx + len(doc[span.start - 1])
    return doc_text(doc)[start:end], (start, end)


#: Longest title in front of a name, or description a name stands in apposition to.
MAX_ROLE_TOKENS = 10


def _trimmed(tokens: list) -> str | None:
    while tokens and (tokens[0].is_punct or tokens[0].dep_ == "det" or tokens[0].is_space):
        tokens = tokens[1:]
    while tokens and (tokens[-1].is_punct or tokens[-1].is_space or tokens[-1].tag_ == "POS"):
        tokens = tokens[:-1]
    if not tokens or len(tokens) > MAX_ROLE_TOKENS:
        return None
    return doc_text(tokens[0].doc)[tokens[0].idx : tokens[-1].idx + len(tokens[-1])]


def _roles(span: Span) -> list[str]:
    """What one mention says a name is: its apposition or the title in front of it.

    "US Secretary of State Mike Pompeo", "Emirates President Tim Clark", "the
    newest presidential hopeful, Deval Patrick", "Song Zhongping, a former PLA
    instructor".
    """
    found = _descriptor(span)
    roles = [found[0]] if found else []
    root = span.root
    front = [t for t in root.subtree if t.i < span.start]
    title = _trimmed(front) if front and front[-1].i == span.start - 1 else None
    if title and title not in roles:
        roles.append(title)
    for child in root.children:
        # "Kennedy, the U.S. Attorney for ...": a titled apposition the tagger calls a name.
        if child.dep_ == "appos" and child.i >= span.end and child.pos_ == "PROPN":
            if any(t.dep_ == "det" for t in child.children) and child.ent_type_ != "PERSON":
                described = _trimmed(list(child.subtree))
                if described and described not in roles:
                    roles.append(described)
    if root.dep_ == "appos" and root.head.pos_ == "NOUN" and root.head.i < span.start:
        head = [t for t in root.head.subtree if t.i < root.head.i + 1]
        described = _trimmed(head)
        if described and described not in roles:
            roles.append(described)
    return roles


def _may_be_surname(ent: Span, name: str) -> bool:
    # spaCy often labels a lone surname ("Petrova said") as an organisation or a
    # place; a word that names a country or nationality is left alone.
    return ent.label_ in ("ORG", "GPE", "NORP") and not countries_in(name)


def _mention_span(ent: Span) -> tuple[int, int]:
    # Report the mention without a leading article or quotation mark, so that
    # highlighting marks the name itself.
    text = ent.text
    name = clean_name(text)
    offset = text.find(name) if name else -1
    start = ent.start_char + max(offset, 0)
    return start, start + len(name) if offset >= 0 else ent.end_char


def extract_entities(doc: Doc) -> EntityIndex:
    """Merge spaCy's entity mentions into canonical entities.

    Args:
        doc: The parsed article.

    Returns:
        An :class:`EntityIndex` whose entities are ordered by first mention.
    """
    kept = [ent for ent in doc.ents if ent.label_ in KEPT_LABELS and clean_name(ent.text)]
    kept = clean_people(kept)
    people = FullNames(kept)
    groups: dict[str, dict] = {}
    for ent in kept:
        name, label = clean_name(ent.text), ent.label_
        if ent.label_ == "PERSON" or (len(name.split()) == 1 and _may_be_surname(ent, name)):
            found = people.owner(name, ent.start_char)
            if found:
                name, label = found, "PERSON"
        name = ALIASES.get(name.lower().replace("’", "'"), name)
        group = groups.setdefault(_key(name), {"name": name, "labels": [], "mentions": []})
        if len(name) > len(group["name"]):
            group["name"] = name
        group["labels"].append(label)
        group["mentions"].append(_mention_span(ent))
        if ent.label_ in ("PERSON", "ORG"):
            if "descriptor" not in group:
                found = _descriptor(ent)
                if found:
                    group["descriptor"] = found
            roles = group.setdefault("roles", [])
            roles.extend(r for r in _roles(ent) if r not in roles)
    ordered = sorted(groups.values(), key=lambda g: min(g["mentions"]))
    entities = []
    for number, group in enumerate(ordered, start=1):
        labels = group["labels"]
        descriptor = group.get("descriptor")
        entities.append(
            Entity(
                entity_id=f"E{number}",
                name=group["name"],
                label=max(sorted(set(labels)), key=labels.count),
                mentions=sorted(group["mentions"]),
                descriptor=descriptor[0] if descriptor else None,
                descriptor_span=descriptor[1] if descriptor else None,
                roles=group.get("roles", []),
            )
        )
    return EntityIndex(entities)
