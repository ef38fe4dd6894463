"""Voices: which speaker mentions name someone who can speak."""

from __future__ import annotations

import pytest

from analysis.entities.voices import bare_quantity, can_speak, names_nobody, noun_can_speak
from analysis.nlp import parse


def subject(text: str):
    doc = parse(text)
    return next(t for t in doc if t.dep_ in ("nsubj", "nsubjpass"))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The fires showed that the rules had failed.", False),
        ("The storm showed how weak the levees were.", False),
        ("Analysts said the deal would close.", True),
        ("The survey found that most voters were undecided.", True),
        ("The campaign said it would appeal.", True),
        ("Residents said the water smelled.", True),
        ("No one knows how long the strike will last.", False),
        ("Acme said profits rose.", True),
    ],
)
def test_subjects_that_can_speak(text, expected):
    token = subject(text)
    assert can_speak(token) is expected


def test_agent_nouns_speak_abstract_nouns_do_not():
    assert noun_can_speak("researcher")
    assert noun_can_speak("spokeswoman")
    assert not noun_can_speak("treatment")
    assert not noun_can_speak("phenomenon")


def test_negative_subjects_name_nobody():
    assert names_nobody(subject("Nobody said anything about the fire."))
    assert names_nobody(subject("No official confirmed the report."))
    assert not names_nobody(subject("An official confirmed the report."))


@pytest.mark.parametrize(
    "text",
    [
        "Fires showed that the ban was weak.",
        "The video shows that the guards left early.",
        "The variant offers more seats than the old model.",
        "Subsequent treatment suggested that the lungs were healing.",
    ],
)
def test_things_never_speak(text):
    assert can_speak(subject(text)) is False


def test_a_bare_quantifier_names_no_one():
    assert bare_quantity(subject("Many have said the rules are unfair."))
    assert not bare_quantity(subject("Many of the farmers said the rules are unfair."))
