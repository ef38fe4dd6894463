"""Stance attributions beyond a verb's object: attitude adjectives, passives with an
agent, raising verbs with a complement, quoted labels and phrases after an object.
Each construction has a sentence of its own; none of them is a statement."""

from __future__ import annotations

import pytest

from analysis.entities.canonical import extract_entities
from analysis.nlp import parse
from analysis.quotes.extractor import attribute


def layer_item(text: str, words: str):
    """The attribution whose content holds ``words``, and the article's statements."""
    doc = parse(text)
    found = attribute(doc, extract_entities(doc))
    start = text.index(words)
    items = [a for a in found.layer if a.start <= start and start + len(words) <= a.end]
    return (min(items, key=lambda a: a.end - a.start) if items else None), found.quotes


@pytest.mark.parametrize(
    ("text", "words", "speaker"),
    [
        ("Governor Lind is critical of the new toll plan.", "the new toll plan", "Governor Lind"),
        ("Voters wary of the levy stayed home.", "the levy", "Voters"),
        ("The merger was first reported by the Harbor Gazette.", "The merger", "Harbor Gazette"),
    ],
)
def test_stance_of_adjective_and_passive_agent(text, words, speaker):
    item, quotes = layer_item(text, words)
    assert item is not None and item.text == words
    assert speaker in (item.speaker_text or "")
    assert quotes == []  # a stance, no statement


def test_raising_verb_reports_subject_and_complement():
    text = "The bridge repair seems unlikely before winter."
    item, quotes = layer_item(text, "The bridge repair")
    assert item is not None and "unlikely before winter" in item.text
    assert item.speaker is None and quotes == []


def test_quoted_label_the_parse_misses():
    text = "The senator called his rival “a paper tiger” twice."
    item, _ = layer_item(text, "his rival")
    assert item is not None and item.text == "his rival “a paper tiger”"
    assert item.speaker_text == "The senator"


def test_phrase_after_object_belongs_to_it():
    text = "The mayor praised the volunteers in the flooded district."
    item, quotes = layer_item(text, "the volunteers")
    assert item is not None and item.text.endswith("in the flooded district")
    assert quotes == []
