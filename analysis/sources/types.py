"""Source types: official, military, expert, politician, media, organization, public, other.

A source's type is read from the words of its descriptor first ("a former PLA
instructor" -> expert), then of its name ("the Defense Ministry" -> official),
then from its entity label: a place speaking is its government, an
organisation without telling words is an organization.
"""

from __future__ import annotations

import re

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
            "forecaster",
            "study",
            "estimate",
            "doctor",
            "physician",
            "astronomer",
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
        # Companies, NGOs and the people who run them; before "military", whose
        # "officer" would take a "chief executive officer".
        "organization",
        (
            "ceo",
            "chief executive",
            "executive",
            "founder",
            "co-founder",
            "company",
            "corporation",
            "firm",
            "advocate",
            "nonprofit",
            "charity",
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
            "democrat",
            "republican",
            "party",
            "parliament",
            "mp",
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
            "governor",
            "gov.",
            "mayor",
            "president",
            "court",
            "judge",
            "prosecutor",
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
            "consumer",
            "user",
            "patient",
            "man",
            "woman",
            "others",
        ),
    ),
]

_ORG_LABELS = frozenset({"ORG", "NORP", "FAC"})


def _has(text: str, stem: str) -> bool:
    """Whether ``text`` holds ``stem`` as a word, singular or plural ("ministries")."""
    forms = [re.escape(stem) + "s?"]
    if stem.endswith("y"):
        forms.append(re.escape(stem[:-1]) + "ies")
    if stem.endswith("man"):
        forms.append(re.escape(stem[:-3]) + "men")
    pattern = "|".join(forms)
    return re.search(rf"(?<![\w.])(?:{pattern})(?!\w)", text) is not None


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
