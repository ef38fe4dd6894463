"""The country table: ISO 3166 names, demonyms, capitals, institutions and regions."""

from __future__ import annotations

import pytest

from analysis.entities.countries import countries_in, country_of, country_table


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Jordanian officials", ["Jordan"]),
        ("the Palestinians", ["Palestine"]),
        ("a Kenyan runner", ["Kenya"]),
        ("Kenyans", ["Kenya"]),
        ("the French foreign ministry", ["France"]),
        ("a Texas-based utility", ["United States"]),
        ("the PLA Navy", ["China"]),
        ("the Knesset", ["Israel"]),
        ("officials in Amman", ["Jordan"]),
        ("Viet Nam", ["Vietnam"]),
        ("Lao People's Democratic Republic", ["Laos"]),
        ("a roast turkey", []),
        ("a Georgia lawmaker", []),  # a country and a US state: the text does not say which
        ("US troops", ["United States"]),
        ("let us go", []),
    ],
)
def test_countries_in(text, expected):
    assert countries_in(text) == expected


def test_table_covers_iso_3166():
    table = country_table()
    assert len(set(table.values())) > 200
    assert table["mongolia"] == "Mongolia" and table["zambian"] == "Zambia"


def test_a_persons_own_name_gives_no_country():
    assert country_of("Michael Jordan", None, None, "PERSON") is None
    assert country_of("Michael Jordan", "a Jordanian envoy", None, "PERSON") == "Jordan"
    assert country_of("Jordan", None, None, "GPE") == "Jordan"
