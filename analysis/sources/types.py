"""Source types: official, military, expert, politician, media, organization, public, other.

A source's type is read from the words of its descriptor first ("a former PLA
instructor" -> expert), then of its name ("the Defense Ministry" -> official),
then from its entity label: a place speaking is its government, an
organisation without telling words is an organization.
"""

from __future__ import annotations

import functools
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
            "cbs",
            "nbc",
            "espn",
            "npr",
            "bloomberg",
            "insider",
        ),
    ),
    (
        # Companies, NGOs and the people who run them; before "military", whose
        # "officer" would take a "chief executive officer".
        "organization",
        (
            "ceo",
            "chief executive",
            "founder",
            "co-founder",
            "company",
            "corporation",
            "firm",
            "advocate",
            "nonprofit",
            "charity",
            "group",
            "association",
            "league",
            "club",
            "airline",
            "retailer",
            "manufacturer",
            "insurer",
            "union",
            "foundation",
            "federation",
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
            "naval",
            "marine",
            "soldier",
            "theater command",
            "armed forces",
            "gen.",
            "lt.",
            "col.",
            "sgt.",
            "lieutenant",
            "sergeant",
            "brigadier",
            "corporal",
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
            "senate",
            "hopeful",
        ),
    ),
    (
        "official",
        (
            "ministry",
            "minister",
            "pentagon",
            "attorney general",
            "u.s. attorney",
            "district attorney",
            "negotiator",
            "diplomat",
            "envoy",
            "governor",
            "gov.",
            "mayor",
            "court",
            "judge",
            "prosecutor",
            "department",
            "government",
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
            "central bank",
            # Government bodies whose names carry no word of government.
            "fbi",
            "cia",
            "nsa",
            "nasa",
            "cdc",
            "centers for disease control",
            "fda",
            "epa",
            "irs",
            "fema",
            "dhs",
            "federal reserve",
            "scotland yard",
            "nhs",
            "mi5",
            "mi6",
            "gchq",
            "mossad",
            "shin bet",
            "fsb",
            "bundesbank",
            "bank of england",
            "bank of japan",
        ),
    ),
    # Lawyers speak for their clients, whoever those are: "a lawyer for the family".
    ("other", ("lawyer", "attorney", "defendant")),
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
            "settler",
            "farmer",
            "shopper",
            "commuter",
            "traveler",
            "viewer",
            "reader",
            "attendee",
            "refugee",
            "migrant",
            "survivor",
            "victim",
            "volunteer",
        ),
    ),
]

#: Roles that say what someone does but not for whom: their employer decides the type
#: ("Emirates President", "PG&E's principal meteorologist"), else these.
GENERIC_ROLES: list[tuple[str, tuple[str, ...]]] = [
    (
        "organization",
        ("executive", "chairman", "chairwoman", "chair", "director", "manager", "chief"),
    ),
    (
        "official",
        ("official", "officer", "spokesman", "spokeswoman", "spokesperson", "president"),
    ),
]

#: Compounds whose words alone would mislead, rewritten before the tables are read:
#: an attorney general is no general, General Motors no army, and a secretary-general
#: is a head like a president, typed by the body they lead.
COMPOUND_ROLES: list[tuple[re.Pattern, str]] = [
    (
        re.compile(
            r"\b(?:attorney|surgeon|inspector|solicitor|consul|governor|auditor|postmaster"
            r"|comptroller)[- ]generals?\b"
        ),
        "official",
    ),
    (re.compile(r"\b(?:secretary|director)[- ]generals?\b"), "president"),
    # A union of states is no trade union: its court or ministers are typed by their words.
    (re.compile(r"\b(european|african|soviet) union\b"), r"\1 bloc"),
    (
        re.compile(
            r"\bgeneral (?=counsel|manager|motors|electric|hospital|assembly|election|dynamics"
            r"|mills|practitioner|public|partner|contractor|store)"
        ),
        "",
    ),
]

#: International bodies: organizations, whatever their organs are called (matched
#: with their capitals: "WHO", never "who").
INTERNATIONAL = re.compile(
    r"(?<![\w.])(?:United Nations|U\.N\.|UN|European Union|EU|World Health Organization|WHO"
    r"|NATO|Arab League|African Union|ASEAN|OPEC|IMF|World Bank|Red Cross)(?![\w])"
)

#: Unnamed sources the guidelines type as other ("two people familiar with the matter").
UNDISCLOSED = re.compile(r"\bfamiliar with\b", re.IGNORECASE)

_ORG_LABELS = frozenset({"ORG", "NORP", "FAC"})


@functools.cache
def _word_pattern(stem: str) -> re.Pattern:
    # One compiled pattern per stem, kept: the role tables hold more stems than
    # the re module's own cache, which would otherwise recompile them on every call.
    forms = [re.escape(stem) + "s?"]
    if stem.endswith("y"):
        forms.append(re.escape(stem[:-1]) + "ies")
    if stem.endswith("man"):
        forms.append(re.escape(stem[:-3]) + "men")
    return re.compile(rf"(?<![\w.])(?:{'|'.join(forms)})(?!\w)")


def _has(text: str, stem: str) -> bool:
    """Whether ``text`` holds ``stem`` as a word, singular or plural ("ministries")."""
    return _word_pattern(stem).search(text) is not None


def _kind(text: str, table: list[tuple[str, tuple[str, ...]]]) -> str | None:
    lowered = text.lower()
    for pattern, replacement in COMPOUND_ROLES:
        lowered = pattern.sub(replacement, lowered)
    for kind, stems in table:
        if any(_has(lowered, stem) for stem in stems):
            return kind
    return None


def role_type(roles: list[str], employers: list[str] = ()) -> str | None:
    """The type the roles a text gives a source point to, or None.

    First a role that decides alone ("professor", "minister", "reporter", "CEO");
    then the employer a role names ("Emirates President": the company's type, an
    international body an organization); then the bare role ("spokesman": official).

    Args:
        roles: Descriptions of the source, in text order.
        employers: Names of the organisations (not governments) the roles mention.

    Returns:
        A type, or None when the roles say nothing.
    """
    if any(UNDISCLOSED.search(role) for role in roles):
        return "other"
    for role in roles:
        kind = _kind(role, TYPE_WORDS)
        if kind:
            return kind
    for role in roles:
        if INTERNATIONAL.search(role):
            return "organization"
        if any(employer and employer in role for employer in employers):
            return "organization"
    for role in roles:
        kind = _kind(role, GENERIC_ROLES)
        if kind:
            return kind
    return None


def name_type(name: str, label: str | None) -> str:
    """The type a source's own name and entity label point to ("Defense Ministry": official)."""
    if _has(name.lower(), "court"):
        return "official"
    if INTERNATIONAL.search(name):
        return "organization"
    kind = _kind(name, TYPE_WORDS) or _kind(name, GENERIC_ROLES)
    if kind:
        return kind
    if label == "NORP" and name.endswith("s"):
        return "public"  # a people speaking: "South Dakotans", "Israelis"
    if label == "GPE":
        return "official"  # a country or capital speaking is its government
    if label in _ORG_LABELS:
        return "organization"
    return "other"


def source_type(
    name: str,
    descriptor: str | None,
    label: str | None,
    roles: list[str] = (),
    employers: list[str] = (),
) -> str:
    """Classify a source from its roles, its name and its entity label.

    Args:
        name: Canonical name or, for an unnamed voice, its noun phrase.
        descriptor: Apposition or title, if any: the first role.
        label: spaCy label of the entity, if the name is one.
        roles: Further descriptions the text gives the source anywhere.
        employers: Organisations the roles name (see :func:`role_type`).

    Returns:
        One of official, military, expert, politician, media, organization, public, other.
    """
    described = ([descriptor] if descriptor else []) + [r for r in roles if r != descriptor]
    return role_type(described, list(employers)) or name_type(name, label)
