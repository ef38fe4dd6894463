"""Countries: which country a name, descriptor or affiliation points to.

Places and nationalities map to their country ("Beijing-based" -> China,
"Japanese" -> Japan), capitals and seats of power stand for their government
("Tokyo", "the Kremlin"), and a few well-known institutions carry their
country in their name ("PLA", "Pentagon").
"""

from __future__ import annotations

import functools
import re

#: Country: the words that point to it (the country's own name included).
_COUNTRIES: dict[str, tuple[str, ...]] = {
    "China": (
        "China",
        "Chinese",
        "Beijing",
        "PRC",
        "PLA",
        "Sino",
        "Xinhua",
        "Zhongnanhai",
        "Shanghai",
    ),
    "Russia": ("Russia", "Russian", "Moscow", "Kremlin", "Russians", "TASS"),
    "United States": (
        "United States",
        "U.S.",
        "US",
        "USA",
        "America",
        "American",
        "Americans",
        "Washington",
        "Pentagon",
        "White House",
        "State Department",
        "Congress",
        "FBI",
        "CIA",
    ),
    "Japan": ("Japan", "Japanese", "Tokyo", "Kyodo"),
    "South Korea": ("South Korea", "South Korean", "Seoul"),
    "North Korea": ("North Korea", "North Korean", "Pyongyang", "DPRK"),
    "Taiwan": ("Taiwan", "Taiwanese", "Taipei"),
    "United Kingdom": ("United Kingdom", "Britain", "British", "UK", "London", "Downing Street"),
    "France": ("France", "French", "Paris", "Elysee"),
    "Germany": ("Germany", "German", "Berlin"),
    "India": ("India", "Indian", "New Delhi", "Delhi"),
    "Pakistan": ("Pakistan", "Pakistani", "Islamabad"),
    "Iran": ("Iran", "Iranian", "Tehran"),
    "Israel": ("Israel", "Israeli", "Jerusalem"),
    "Ukraine": ("Ukraine", "Ukrainian", "Kyiv", "Kiev"),
    "Turkey": ("Turkey", "Turkish", "Ankara"),
    "Saudi Arabia": ("Saudi Arabia", "Saudi", "Riyadh"),
    "Syria": ("Syria", "Syrian", "Damascus"),
    "Iraq": ("Iraq", "Iraqi", "Baghdad"),
    "Afghanistan": ("Afghanistan", "Afghan", "Kabul"),
    "Egypt": ("Egypt", "Egyptian", "Cairo"),
    "Canada": ("Canada", "Canadian", "Ottawa"),
    "Mexico": ("Mexico", "Mexican"),
    "Brazil": ("Brazil", "Brazilian", "Brasilia"),
    "Australia": ("Australia", "Australian", "Canberra"),
    "Philippines": ("Philippines", "Philippine", "Filipino", "Manila"),
    "Vietnam": ("Vietnam", "Vietnamese", "Hanoi"),
    "Indonesia": ("Indonesia", "Indonesian", "Jakarta"),
    "Italy": ("Italy", "Italian", "Rome"),
    "Spain": ("Spain", "Spanish", "Madrid"),
    "Poland": ("Poland", "Polish", "Warsaw"),
    "Belarus": ("Belarus", "Belarusian", "Minsk"),
    "Cuba": ("Cuba", "Cuban", "Havana"),
    "Venezuela": ("Venezuela", "Venezuelan", "Caracas"),
    "Myanmar": ("Myanmar", "Burma", "Burmese", "Naypyidaw"),
    "Singapore": ("Singapore", "Singaporean"),
    "Thailand": ("Thailand", "Thai", "Bangkok"),
    "Malaysia": ("Malaysia", "Malaysian", "Kuala Lumpur"),
    "Greece": ("Greece", "Greek", "Athens"),
    "Netherlands": ("Netherlands", "Dutch", "The Hague", "Amsterdam"),
    "Belgium": ("Belgium", "Belgian", "Brussels"),
    "Sweden": ("Sweden", "Swedish", "Stockholm"),
    "Norway": ("Norway", "Norwegian", "Oslo"),
    "Finland": ("Finland", "Finnish", "Helsinki"),
    "Nigeria": ("Nigeria", "Nigerian", "Abuja"),
    "South Africa": ("South Africa", "South African", "Pretoria"),
    "Kenya": ("Kenya", "Kenyan", "Nairobi"),
}

#: Where a place name is a capital or seat of power, speaking as it means its government.
SEATS = frozenset(
    """Beijing Moscow Washington Tokyo Seoul Pyongyang Taipei London Paris Berlin Delhi
    Islamabad Tehran Jerusalem Kyiv Kiev Ankara Riyadh Damascus Baghdad Kabul Cairo Ottawa
    Brasilia Canberra Manila Hanoi Jakarta Rome Madrid Warsaw Minsk Havana Caracas Naypyidaw
    Bangkok Athens Brussels Stockholm Oslo Helsinki Abuja Pretoria Nairobi Kremlin
    Pentagon""".split()
)


@functools.lru_cache(maxsize=1)
def _pattern() -> tuple[re.Pattern, dict[str, str]]:
    lookup = {word.lower(): country for country, words in _COUNTRIES.items() for word in words}
    words = sorted(lookup, key=len, reverse=True)
    alternatives = "|".join(re.escape(w) for w in words)
    return re.compile(rf"(?<![\w.])(?:{alternatives})(?![\w])", re.IGNORECASE), lookup


def countries_in(text: str | None) -> list[str]:
    """Return the countries a text points to, in order of first appearance.

    Args:
        text: Any phrase, e.g. ``"a researcher with the Beijing-based ... think tank"``.

    Returns:
        Country names without repeats.
    """
    if not text:
        return []
    pattern, lookup = _pattern()
    found: list[str] = []
    for match in pattern.finditer(text):
        word = match.group()
        if word == "US" or word.isupper() or word[0].isupper():
            country = lookup[word.lower()]
            if country not in found:
                found.append(country)
    return found


def country_of(
    name: str, descriptor: str | None, affiliation: str | None, label: str | None
) -> str | None:
    """Pick the country of a source.

    The name decides first (a government speaks for its own country), then the
    affiliation, then the descriptor.

    Args:
        name: The source's name.
        descriptor: Its descriptor, if any.
        affiliation: Its affiliation, if any.
        label: Its spaCy label, if it is an entity.

    Returns:
        A country name, or None when the text gives none.
    """
    for text in (name, affiliation, descriptor):
        found = countries_in(text)
        if found:
            return found[0]
    return None
