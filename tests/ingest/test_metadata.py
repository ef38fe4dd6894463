"""Page metadata read as an analyst would: headlines without the site, names as bylines, outlets."""

from __future__ import annotations

import html

import pytest

from analysis.ingest.files import load_article
from analysis.ingest.metadata import (
    clean_byline,
    clean_outlet,
    clean_title,
    outlet_in_title,
    person_name,
)

BODY = (
    "<p>The port authority said on Tuesday that the new terminal would open next spring, "
    "after two years of delays and a dispute over its cost.</p>"
    "<p>Officials told reporters that the first ships were expected in April, and that "
    "the harbour would hire two hundred more workers before the opening.</p>"
)


def page(title: str, site: str | None = None, author: str | None = None, h1: str = "") -> str:
    """A small news page with the given title, og:site_name and author meta tag."""
    meta = [f'<meta property="og:site_name" content="{html.escape(site)}">'] if site else []
    if author:
        meta.append(f'<meta name="author" content="{html.escape(author)}">')
    meta.append('<link rel="canonical" href="https://www.harbourwatch.example/story/terminal">')
    heading = f"<h1>{html.escape(h1)}</h1>" if h1 else ""
    return (
        f"<!DOCTYPE html><html><head><title>{html.escape(title)}</title>{''.join(meta)}</head>"
        f"<body><article>{heading}{BODY}</article></body></html>"
    )


def load(tmp_path, markup: str):
    path = tmp_path / "story.html"
    path.write_text(markup, encoding="utf-8")
    return load_article(path)


@pytest.mark.parametrize(
    ("title", "site"),
    [
        ("New terminal to open next spring | Al Bawaba", "Al Bawaba"),
        ("New terminal to open next spring – TechCrunch", "TechCrunch"),
        ("New terminal to open next spring - Harbour Watch", None),  # the host name
        ("Harbour Watch | New terminal to open next spring", "Harbour Watch"),
        ("New terminal to open next spring | World | The Hill", "The Hill"),
    ],
)
def test_page_title_loses_the_site_name(tmp_path, title, site):
    expected = "New terminal to open next spring"
    if "World" in title:
        expected += " | World"
    assert load(tmp_path, page(title, site)).title == expected


def test_a_title_that_is_only_the_site_name_gives_the_headline_or_none(tmp_path):
    site = "한국일보"
    article = load(tmp_path, page(site, site, h1="새 터미널 내년 봄 개장"))
    assert article.title == "새 터미널 내년 봄 개장"
    assert clean_title(site, [site]) is None
    assert clean_title("Harbour Watch", ["harbourwatch.example"]) is None


def test_a_dash_inside_a_headline_stays():
    title = "Port strike - day three - ends with a deal"
    assert clean_title(title, ["Harbour Watch"]) == title


@pytest.mark.parametrize(
    ("author", "expected"),
    [
        ("Phil Helsel is a reporter", "Phil Helsel"),
        ("The Russian; Syrian defense ministries", None),
        ("Condé Nast; Molly Wood", "Molly Wood"),
        ("Meg Kinnard; Errin Haines; Associated Press", "Meg Kinnard; Errin Haines"),
        ("Reuters", None),
        ("JANIE HAR", "Janie Har"),
        ("By Ana de la Cruz", "Ana de la Cruz"),
        ("Harbour Watch Staff", None),
    ],
)
def test_byline_is_names_of_people_or_none(tmp_path, author, expected):
    article = load(tmp_path, page("New terminal to open", "Harbour Watch", author=author))
    assert article.byline == expected


def test_byline_that_names_the_outlet_is_dropped():
    assert clean_byline("Harbour Watch", "Harbour Watch") is None
    assert person_name("harbour watch") is None
    assert clean_byline("Lena Kask, Omar Haddad", joiner=", ") == "Lena Kask, Omar Haddad"


@pytest.mark.parametrize(
    ("site", "expected"),
    [
        ("Copyright 2014", "harbourwatch.example"),
        ("Hosted", "harbourwatch.example"),
        ("© 2019 Harbour Watch. All rights reserved.", "Harbour Watch"),
        ("Harbour Watch", "Harbour Watch"),
    ],
)
def test_outlet_is_an_outlet_name(tmp_path, site, expected):
    assert load(tmp_path, page("New terminal to open", site)).outlet == expected


@pytest.mark.parametrize(
    ("title", "headline", "expected"),
    [
        ("Port reopens | Harbour Watch", "Port reopens", "Harbour Watch"),
        ("Port reopens | World | Harbour Watch", "Port reopens", "Harbour Watch"),
        ("Harbour Watch – Port reopens", "Port reopens", "Harbour Watch"),
        ("Strike - day three - ends | Harbour Watch", "Strike - day three - ends", "Harbour Watch"),
        ("Port reopens", "Port reopens", None),  # nothing beside the headline
        ("Port reopens | Harbour Watch", "Ferry fares rise", None),  # another headline
        ("Port reopens | 2019", "Port reopens", None),  # a year is no outlet
        (None, "Port reopens", None),
    ],
)
def test_the_site_beside_the_headline_in_a_page_title(title, headline, expected):
    assert outlet_in_title(title, headline) == expected


def test_a_page_without_a_site_field_or_address_takes_its_outlet_from_the_title(tmp_path):
    markup = (
        "<!DOCTYPE html><html><head><title>New terminal to open | Harbour Watch</title></head>"
        f"<body><article><h1>New terminal to open</h1>{BODY}</article></body></html>"
    )
    article = load(tmp_path, markup)
    assert (article.outlet, article.title) == ("Harbour Watch", "New terminal to open")
    # A site-name field, where there is one, still decides.
    named = page("New terminal to open | Harbour Watch", "The Harbour Watch Daily")
    assert load(tmp_path, named).outlet == "The Harbour Watch Daily"


def test_outlet_without_host_is_none():
    assert clean_outlet("Copyright 2014") is None
    assert clean_outlet(None, "www.example.org") == "example.org"


def test_record_fields_are_cleaned_too(tmp_path):
    path = tmp_path / "story.json"
    path.write_text(
        '{"title": "Terminal opens | The Valley Post", "outlet": "The Valley Post", '
        '"author": ["Lena Kask", "Valley Post Staff"], "text": "The terminal opened."}',
        encoding="utf-8",
    )
    article = load_article(path)
    assert article.title == "Terminal opens"
    assert article.byline == "Lena Kask"


def test_japanese_page_is_not_refused_for_its_word_count(tmp_path):
    body = (
        "<p>港湾局は火曜日、新しいターミナルが来年の春に開業すると発表した。二年間の遅れと費用を"
        "めぐる争いの末のことだ。</p><p>当局者によると、最初の船は四月に到着する見込みで、港は開業"
        "までに二百人の労働者を新たに雇う予定だという。</p>"
    )
    markup = (
        "<!DOCTYPE html><html><head><title>新ターミナル、来年春に開業</title></head>"
        f"<body><article>{body}</article></body></html>"
    )
    article = load(tmp_path, markup)
    assert article.title == "新ターミナル、来年春に開業"
    assert "二百人" in article.text
