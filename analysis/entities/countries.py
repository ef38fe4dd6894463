"""Countries: which country a name, descriptor or affiliation points to.

The table is ISO 3166 (through pycountry): every country by its name, common name
and official name, plus what :mod:`analysis.entities.country_names` adds:
demonyms ("Jordanian officials" -> Jordan), capitals and seats of power, which
stand for their government ("Tokyo", "the Kremlin"), institutions that carry
their country in their name ("PLA", "Knesset"), and the states and provinces of
a few federal countries ("a Texas-based firm" -> United States). Regular demonyms
are made from the country's name ("Syria" -> "Syrian", "Kenya" -> "Kenyans");
a made word that two countries would share points to neither.
"""

from __future__ import annotations

import functools
import re

import pycountry

from analysis.entities.country_names import (
    CAPITALS,
    DEMONYMS,
    DISPLAY,
    INSTITUTIONS,
    NOT_COUNTRY_WORDS,
    OTHER_NAMES,
    REGION_COUNTRIES,
)

#: Shortest made demonym that is trusted ("Malian" yes, a three-letter word no).
MIN_MADE_DEMONYM = 5


def display_name(code: str) -> str:
    """The name a report shows for the country with ISO alpha-2 ``code``."""
    if code in DISPLAY:
        return DISPLAY[code]
    country = pycountry.countries.get(alpha_2=code)
    return getattr(country, "common_name", None) or country.name


def _iso_names(country) -> list[str]:
    names = [country.name, getattr(country, "common_name", None)]
    official = getattr(country, "official_name", None)
    if official:
        names.append(re.sub(r"^the\s+", "", official))
    return [n for n in names if n and "," not in n and "(" not in n]


def _made_demonyms(name: str) -> list[str]:
    """Regular demonyms of a one-word country name: Syria -> Syrian(s), Iraq -> Iraqi(s)."""
    if " " in name or not name.isalpha():
        return []
    if name.endswith("a"):
        made = [name + "n"]
    elif name.endswith(("y", "o")):
        made = [name[:-1] + "ian", name[:-1] + "an"]
    else:
        made = [name + "ian", name + "i", name + "ese"]
    made = [m for m in made if len(m) >= MIN_MADE_DEMONYM]
    return made + [m + "s" for m in made if m.endswith(("n", "i"))]


def _regions() -> dict[str, set[str]]:
    regions: dict[str, set[str]] = {}
    for subdivision in sorted(pycountry.subdivisions, key=lambda s: s.code):
        types = REGION_COUNTRIES.get(subdivision.country_code)
        if types and subdivision.type in types:
            regions.setdefault(subdivision.name, set()).add(subdivision.country_code)
    return regions


@functools.lru_cache(maxsize=1)
def country_table() -> dict[str, str]:
    """Every word that points to a country, mapped to the country's display name.

    Tiers, strongest first: names and the hand-kept words; made demonyms; regions.
    A word two countries claim in the same tier is dropped, and so is a region
    that shares its name with a country ("Georgia").
    """
    explicit: dict[str, set[str]] = {}
    made: dict[str, set[str]] = {}
    for country in sorted(pycountry.countries, key=lambda c: c.alpha_2):
        code = country.alpha_2
        names = _iso_names(country) + [display_name(code)]
        for word in names + list(OTHER_NAMES.get(code, ())):
            explicit.setdefault(word, set()).add(code)
        for name in names:
            for word in _made_demonyms(name):
                made.setdefault(word, set()).add(code)
    for extra in (DEMONYMS, CAPITALS, INSTITUTIONS):
        for code, words in extra.items():
            for word in words:
                explicit.setdefault(word, set()).add(code)
    table: dict[str, set[str]] = {}
    for tier in (explicit, made):
        for word, codes in tier.items():
            if word.lower() not in table:
                table[word.lower()] = codes
    regions = _regions()
    for word, codes in regions.items():
        known = table.get(word.lower())
        if known is None:
            table[word.lower()] = codes
        elif known != codes:
            table[word.lower()] = set()  # a country's name and a region's: neither
    skip = {w.lower() for w in NOT_COUNTRY_WORDS}
    return {
        word: display_name(next(iter(codes)))
        for word, codes in sorted(table.items())
        if len(codes) == 1 and word not in skip
    }


@functools.lru_cache(maxsize=1)
def _pattern() -> re.Pattern:
    words = sorted(country_table(), key=lambda w: (-len(w), w))
    alternatives = "|".join(re.escape(w) for w in words)
    return re.compile(rf"(?<![\w.])(?:{alternatives})(?![\w])", re.IGNORECASE)


def countries_in(text: str | None) -> list[str]:
    """Return the countries a text points to, in order of first appearance.

    Only capitalised words count ("Turkey", not "turkey"); "US" only in capitals.

    Args:
        text: Any phrase, e.g. ``"a researcher with the Beijing-based ... think tank"``.

    Returns:
        Country names without repeats.
    """
    if not text:
        return []
    table = country_table()
    found: list[str] = []
    for match in _pattern().finditer(text):
        word = match.group()
        if word.lower() == "us" and word != "US":
            continue
        if word[0].isupper():
            country = table[word.lower()]
            if country not in found:
                found.append(country)
    return found


def country_of(
    name: str, descriptor: str | None, affiliation: str | None, label: str | None
) -> str | None:
    """Pick the country of a source.

    The name decides first (a government speaks for its own country), then the
    affiliation, then the descriptor. A person's own name says nothing of their
    country ("Michael Jordan"), so it is not read.

    Args:
        name: The source's name.
        descriptor: Its descriptor, if any.
        affiliation: Its affiliation, if any.
        label: Its spaCy label, if it is an entity.

    Returns:
        A country name, or None when the text gives none.
    """
    for text in (None if label == "PERSON" else name, affiliation, descriptor):
        found = countries_in(text)
        if found:
            return found[0]
    return None
