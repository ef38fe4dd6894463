"""The words that type a source: role stems per type, and the compounds read first.

:mod:`analysis.sources.types` reads a source's roles and name against these
tables; they are kept apart so that the rules stay short and the lists in one place.
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
