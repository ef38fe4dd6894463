"""The perspective check: whose voices an article carries, and whose it leaves out.

Two comparisons, each stated in plain language:

* countries: the countries the article is about (places and peoples it names)
  against the countries its sources speak for;
* voice types: the kinds of source present against those a reader would
  typically expect (officials, experts, politicians, the public, ...).

A source heard only through indirect statements that are few and short ("Tokyo said missiles
landed in its zone") counts as a reported claim, not as a voice in its own words. Every
source with a country counts for that country, and a country is "heard only as a reported
claim" only when none of its sources is quoted directly: the findings never say a
reported-only source's country is unheard while another of its voices speaks in quotes.
"""

from __future__ import annotations

from html import escape

import pandas as pd
from IPython.display import HTML

from analysis.briefing.display import table_html
from analysis.briefing.summary import NO_MATH
from analysis.entities.countries import countries_in, country_of
from analysis.tables import Analysis

#: Voice types an analyst typically looks for, in the order they are reported.
TYPICAL_TYPES = ("official", "military", "expert", "politician", "organization", "media", "public")

#: A source whose quotes are all indirect is heard only as a reported claim when it
#: makes one statement, or several that add up to at most this many words.
REPORTED_CLAIM_WORDS = 40

_ABOUT_LABELS = ("GPE", "NORP")


def _missing(value: object) -> bool:
    return value is None or (isinstance(value, float) and pd.isna(value)) or value == ""


def _flags(values: pd.Series) -> pd.Series:
    return values.map(lambda v: False if _missing(v) else bool(v)).astype(bool)


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def _join(items: list[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def source_countries(analysis: Analysis) -> pd.DataFrame:
    """Each source with its country, given or inferred from its name, affiliation or descriptor.

    Args:
        analysis: The article's analysis.

    Returns:
        The sources table plus ``country_found`` (or None), ``country_inferred`` (bool)
        and ``reported_only`` (all quotes indirect and short).
    """
    sources = analysis.sources.copy()
    quotes = analysis.quotes
    found, inferred, reported, direct = [], [], [], []
    for row in sources.itertuples(index=False):
        given = None if _missing(row.country) else str(row.country)
        guess = given or country_of(str(row.name or ""), row.descriptor, row.affiliation, None)
        found.append(guess)
        inferred.append(given is None and guess is not None)
        kinds = (
            set(quotes.loc[quotes["source_id"] == row.source_id, "kind"]) if len(quotes) else set()
        )
        words = 0 if _missing(row.n_words) else int(row.n_words)
        n_quotes = 0 if _missing(row.n_quotes) else int(row.n_quotes)
        reported.append(kinds == {"indirect"} and (n_quotes == 1 or words <= REPORTED_CLAIM_WORDS))
        direct.append(bool(kinds & {"direct", "mixed"}))
    return sources.assign(
        country_found=found,
        country_inferred=inferred,
        reported_only=reported,
        quoted_directly=direct,
    )


def countries_about(analysis: Analysis) -> dict[str, int]:
    """Countries the article names, through places and peoples, with their mention counts.

    Args:
        analysis: The article's analysis.

    Returns:
        Country to number of mentions, most mentioned first (ties by name).
    """
    counts: dict[str, int] = {}
    entities = analysis.entities
    for name, label, mentions in zip(
        entities["name"], entities["label"], entities["mentions"], strict=True
    ):
        # "Sino-Japanese" names two countries and is about neither one alone.
        found = countries_in(str(name)) if label in _ABOUT_LABELS else []
        if len(found) == 1:
            counts[found[0]] = counts.get(found[0], 0) + int(mentions or 0)
    return dict(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))


def perspective(analysis: Analysis) -> dict:
    """Which countries and voice types are present among the sources, which are absent.

    Args:
        analysis: The article's analysis.

    Returns:
        A dict with ``countries`` (DataFrame: country, mentions, sources, share_of_voice,
        status), ``voice_types`` (DataFrame: type, sources, share_of_voice, present),
        ``present_countries``, ``absent_countries``, ``present_types``, ``absent_types``
        (lists) and ``findings`` (plain-language sentences).
    """
    sources = source_countries(analysis)
    about = countries_about(analysis)
    share = pd.to_numeric(sources["share_of_voice"], errors="coerce").fillna(0.0)
    rows = []
    for country in list(about) + sorted(
        {c for c in sources["country_found"] if isinstance(c, str) and c not in about}
    ):
        mine = sources[sources["country_found"] == country]
        heard = mine[~mine["reported_only"]]
        status = "quoted" if len(heard) else ("reported claim only" if len(mine) else "not quoted")
        rows.append({
            "country": country,
            "mentions": about.get(country, 0),
            "sources": ", ".join(str(n) for n in mine["name"]),
            "share_of_voice": round(float(share[mine.index].sum()), 4),
            "status": status,
        })  # fmt: skip
    countries = pd.DataFrame(
        rows, columns=["country", "mentions", "sources", "share_of_voice", "status"]
    )
    types = []
    present_types = sorted(set(sources["type"].dropna()), key=_type_order)
    for kind in sorted(set(TYPICAL_TYPES) | set(present_types), key=_type_order):
        mine = sources[sources["type"] == kind]
        types.append([kind, len(mine), round(float(share[mine.index].sum()), 4), len(mine) > 0])
    voice_types = pd.DataFrame(types, columns=["type", "sources", "share_of_voice", "present"])
    result = {
        "countries": countries,
        "voice_types": voice_types,
        "present_countries": countries.loc[countries["status"] == "quoted", "country"].tolist(),
        "absent_countries": countries.loc[countries["status"] != "quoted", "country"].tolist(),
        "present_types": present_types,
        "absent_types": [t for t in TYPICAL_TYPES if t not in present_types],
    }
    result["findings"] = _findings(sources, countries, result)
    return result


def _type_order(kind: str) -> tuple[int, str]:
    return (TYPICAL_TYPES.index(kind) if kind in TYPICAL_TYPES else len(TYPICAL_TYPES), kind)


def _findings(sources: pd.DataFrame, countries: pd.DataFrame, result: dict) -> list[str]:
    if sources.empty:
        return ["The article quotes no one: there are no sources to compare."]
    out = []
    named = sources[_flags(sources["named"]) & ~sources["reported_only"]]
    known = named[named["country_found"].notna()]
    unknown = len(named) - len(known)
    origins = sorted(set(known["country_found"]))
    if named.empty:
        out.append("No source is named and quoted in their own words.")
    elif len(origins) == 1 and not unknown:
        out.append(f"Every named source is from {origins[0]}: {_join(list(named['name']))}.")
    elif len(origins) == 1:
        out.append(
            f"Every named source whose country is known is from {origins[0]}; "
            f"{_plural(unknown, 'named source')} without a known country."
        )
    elif origins:
        counts = known["country_found"].value_counts()
        out.append(
            "Named sources come from " + _join([f"{c} ({counts[c]})" for c in origins]) + "."
        )
    in_quotes = set(sources.loc[sources["quoted_directly"], "country_found"].dropna())
    for row in sources[sources["reported_only"]].itertuples(index=False):
        if row.country_found in in_quotes:
            continue  # its country speaks in its own words through another source
        words = 0 if _missing(row.n_words) else int(row.n_words)
        out.append(
            f"{row.name} appears only as a reported claim "
            f"({_plural(int(row.n_quotes or 0), 'indirect statement')}, "
            f"{_plural(words, 'word')}), never in its own words."
        )
    silent = countries[countries["status"] == "not quoted"]
    if len(silent):
        listed = [
            f"{c} ({_plural(int(m), 'mention')})"
            for c, m in zip(silent["country"], silent["mentions"], strict=True)
        ]
        out.append(f"Discussed but not quoted at all: {_join(listed)}.")
    unnamed = sources[~_flags(sources["named"])]
    if len(unnamed):
        out.append(f"Unnamed sources: {_join([str(n) for n in unnamed['name']])}.")
    present = list(result["present_types"])
    out.append(
        f"Voices present: {_join(present) or 'none'}. "
        f"Absent: {_join(result['absent_types']) or 'none of the usual types'}."
    )
    return out


def perspective_html(analysis: Analysis) -> HTML:
    """The perspective check as findings plus the country and voice-type tables.

    Args:
        analysis: The article's analysis.

    Returns:
        Escaped HTML.
    """
    check = perspective(analysis)
    findings = "".join(f"<li>{escape(f)}</li>" for f in check["findings"])
    countries = check["countries"].assign(
        share_of_voice=check["countries"]["share_of_voice"].map("{:.0%}".format)
    )
    types = check["voice_types"].assign(
        share_of_voice=check["voice_types"]["share_of_voice"].map("{:.0%}".format),
        present=check["voice_types"]["present"].map({True: "yes", False: "no"}),
    )
    return HTML(
        f'<div {NO_MATH}><ul style="max-width:52em">{findings}</ul>'
        "<p><strong>Countries: mentioned in the text against quoted</strong></p>"
        + table_html(countries)
        + "<p><strong>Types of voice</strong></p>"
        + table_html(types)
        + "</div>"
    )
