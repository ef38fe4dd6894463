"""Cleaning a page's metadata: titles without the site name, bylines that are names, outlets.

A web page's ``<title>`` usually carries the site's name ("... | Al Bawaba",
"... – TechCrunch"), its author field may hold an agency, a company or a sentence
("Phil Helsel is a reporter"), and its site-name field a footer's "Copyright
2014". Each cleaner keeps what reads as the thing itself and returns None
rather than junk.
"""

from __future__ import annotations

import re

#: What separates a headline from the site name in a page title.
_TITLE_SEPARATORS = re.compile(r"\s+(?:\||–|—|-|::|·|•|»|/)\s+")
#: Leading "By" of a byline and what ends a name inside a sentence about it.
_BY = re.compile(r"^(?:by|words by|written by|reporting by)\s+", re.I)
_NAME_ENDS = re.compile(r"\s+(?:is|was|has|covers|writes|reports|joined)\b.*$", re.I)
_AUTHOR_SPLIT = re.compile(r"\s*[;,|/]\s*|\s+(?:and|&)\s+")
#: Lowercase particles allowed inside a name ("Ana de la Cruz").
_PARTICLES = frozenset("de da del der di du la le van von bin al el ibn y ten ter dos das".split())
#: Words that mark an organisation, a role or page furniture, never a person's name.
_NOT_PERSON = frozenset(
    """
    the a an news press associated agence reuters afp ap staff desk team editors editor editorial
    reporter reporters correspondent correspondents writer contributor contributors wire wires
    ministry ministries defense defence department government office agency agencies service
    services media group inc ltd llc corp company nast network networks times post daily weekly
    journal herald tribune gazette magazine online digital channel tv radio bureau newsroom
    report reports sources source read more share comments advertisement copyright rights
    reserved follow subscribe sign click here photo image video updated published contact
    home page menu hosted admin administrator guest user anonymous unknown
    """.split()
)
#: Outlet values that a site-name field may hold but are not an outlet's name.
_NOT_OUTLET = frozenset(
    "hosted home homepage index menu news article articles page untitled default site website "
    "online admin unknown none null".split()
)
_COPYRIGHT = re.compile(r"^(?:©|\(c\)|copyright\b)\s*(?:\d{4}(?:\s*[-–]\s*\d{4})?)?\s*,?\s*", re.I)
_RIGHTS = re.compile(r"[.,]?\s*all rights reserved\.?$", re.I)
_YEARS = re.compile(r"^\d{4}(?:\s*[-–]\s*\d{4})?$")


def _key(text: str) -> str:
    """Letters and digits only, case folded: "Al Bawaba", "albawaba.com" -> "albawaba"."""
    return "".join(c for c in text.casefold() if c.isalnum())


def _site_keys(names: list[str | None]) -> set[str]:
    keys = set()
    for name in names:
        if not name:
            continue
        keys.add(_key(name))
        # A host name counts by its registered part: "www.albawaba.com" -> "albawaba".
        host = name.casefold().removeprefix("www.")
        if "." in host and " " not in host:
            keys.add(_key(host.split(".")[0]))
    return {key for key in keys if len(key) >= 2}


def _is_site(part: str, keys: set[str]) -> bool:
    key = _key(part)
    if not key:
        return True
    # "TechCrunch" and "techcrunch.com", "CNBC" and "CNBC.com", "The Hill" and "thehill".
    return any(key == site or key == "the" + site or "the" + key == site for site in keys)


def clean_title(title: str | None, site_names: list[str | None]) -> str | None:
    """Remove the site's name from a page title.

    The title is cut at its separators (``|``, ``–``, ``-``, ``::``, ...); parts
    at either end that match one of the site's names are dropped. A title that
    is nothing but the site name gives None.

    Args:
        title: The page title.
        site_names: The outlet, ``og:site_name`` and the host name, any of them None.

    Returns:
        The headline, or None.
    """
    if not title or not title.strip():
        return None
    title = " ".join(title.split())
    keys = _site_keys(site_names)
    if _is_site(title, keys):
        return None
    parts = _TITLE_SEPARATORS.split(title)
    if len(parts) == 1 or not keys:
        return title
    separators = _TITLE_SEPARATORS.findall(title)
    while len(parts) > 1 and _is_site(parts[-1], keys):
        parts.pop()
        separators.pop()
    while len(parts) > 1 and _is_site(parts[0], keys):
        parts.pop(0)
        separators.pop(0)
    kept = parts[0] + "".join(sep + part for sep, part in zip(separators, parts[1:], strict=True))
    return kept.strip() or None


def person_name(text: str) -> str | None:
    """Return the text as a person's name, or None if it is not one.

    A name is 2 to 5 words, each capitalised (lowercase particles such as "de"
    inside), with no word that marks an organisation or a role. A name written in
    capitals ("JANIE HAR") is given in title case. Text after the name in a
    sentence about it ("Phil Helsel is a reporter") is dropped.

    Args:
        text: One author entry.

    Returns:
        The name, or None.
    """
    text = _NAME_ENDS.sub("", _BY.sub("", " ".join(text.split()).strip(" .,;:*_")))
    words = text.split()
    if not 2 <= len(words) <= 5:
        return None
    if text.isupper():
        words = [word.capitalize() for word in words]
    for i, word in enumerate(words):
        bare = word.strip(".")
        if bare.casefold() in _NOT_PERSON:
            return None
        if 0 < i < len(words) - 1 and word in _PARTICLES:
            continue
        # A caseless script (Hangul, Arabic) has no capitals; a lowercase word is no name.
        if word[0].islower() or not all(c.isalpha() or c in "'’.-" for c in word):
            return None
    return " ".join(words)


def clean_byline(byline: str | None, outlet: str | None = None, joiner: str = "; ") -> str | None:
    """Keep the people's names of a byline, dropping agencies, outlets and phrases.

    Args:
        byline: The author field, names separated by ``;``, ``,`` or ``and``.
        outlet: The article's outlet; an entry that names it is not an author.
        joiner: What goes between the names kept.

    Returns:
        The names, or None when none is a person's name.
    """
    if not byline or not byline.strip():
        return None
    site = _site_keys([outlet])
    names = []
    for entry in _AUTHOR_SPLIT.split(byline.strip()):
        name = person_name(entry) if entry else None
        if name and not _is_site(name, site) and name not in names:
            names.append(name)
    return joiner.join(names) or None


def outlet_in_title(title: str | None, headline: str | None) -> str | None:
    """The site's name that a page title adds to the headline, or None.

    "Port reopens | World | Harbour Watch" beside the headline "Port reopens" gives
    "Harbour Watch": the part at the far end from the headline, past any section
    name. A title that only repeats the headline, or whose leftover part does not
    read as a name (see :func:`clean_outlet`), gives None.

    Args:
        title: The page's ``<title>``.
        headline: The headline from elsewhere on the page (``og:title``, ``<h1>``).
    """
    if not title or not headline:
        return None
    parts = _TITLE_SEPARATORS.split(" ".join(title.split()))
    wanted = _key(headline)
    if len(parts) < 2 or not wanted:
        return None
    for cut in range(1, len(parts)):
        # The headline may itself hold a separator, so it is matched part by part.
        if _key(" ".join(parts[:cut])) == wanted:
            return clean_outlet(parts[-1])
        if _key(" ".join(parts[-cut:])) == wanted:
            return clean_outlet(parts[0])
    return None


def clean_outlet(outlet: str | None, hostname: str | None = None) -> str | None:
    """Return an outlet's name, or the host name when the field holds something else.

    "Copyright 2014 The Associated Press" gives "The Associated Press";
    "Copyright 2014", "Hosted" or a sentence give the host name (or None).

    Args:
        outlet: The site-name field.
        hostname: The page's host name, the fallback.

    Returns:
        The outlet, or None.
    """
    fallback = " ".join(hostname.split()).removeprefix("www.") if hostname else None
    if not outlet:
        return fallback or None
    name = _RIGHTS.sub("", _COPYRIGHT.sub("", " ".join(outlet.split()))).strip(" .,;:-|")
    if (
        not name
        or _YEARS.match(name)
        or name.casefold() in _NOT_OUTLET
        or len(name) > 60
        or len(name.split()) > 6
        or not any(c.isalpha() for c in name)
    ):
        return fallback or None
    return name
