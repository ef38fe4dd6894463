"""Tests for the parse-based sentiment features and how the parse reaches the model."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
import spacy

from analysis import sentiment
from analysis.nlp import parse
from analysis.sentiment import target as stance
from analysis.sentiment.syntax import PARTS, syntax_features

CASES = [
    json.loads(line)
    for line in (Path(__file__).resolve().parents[1] / "fixtures" / "sentiment" / "syntax.jsonl")
    .read_text(encoding="utf-8")
    .splitlines()
]


@pytest.mark.parametrize("case", CASES, ids=[c["text"][:24] for c in CASES])
def test_relation_governing_verb_and_negation(case):
    doc = parse(case["text"])
    start = case["text"].index(case["target"])
    named, dense = syntax_features(doc, start, start + len(case["target"]))
    assert named["sx:dep:" + case["dep"]] == 1.0
    assert named["sx:v:" + case["verb"]] == 1.0
    assert ("sx:vneg" in named) == case["negated"]
    assert dense.shape == (PARTS * doc.tensor.shape[1],) and np.abs(dense).sum() > 0


def test_words_describing_the_target_carry_their_polarity():
    case = CASES[3]
    doc = parse(case["text"])
    named, _ = syntax_features(doc, 0, len(case["target"]))
    assert named["sx:m:appos|volunteer"] == 1.0
    assert named["sx:mod:pos"] > 0 and "sx:mod:neg" not in named


def test_the_role_in_the_sentence_moves_the_score():
    accused, accuser = CASES[0]["text"], CASES[1]["text"]
    a = accused.index("Hollis")
    probs = stance.target_probabilities([(accused, a, a + 6), (accuser, 0, 6)])
    neg = stance.LABELS.index("negative")
    assert probs[0, neg] > probs[1, neg]


def test_unaligned_span_and_missing_tensor_are_harmless():
    blank = spacy.blank("en")("Ostrova signed the treaty.")
    named, dense = syntax_features(blank, 0, 8)
    assert dense.shape == (0,) and "sx:dep:" in named
    probs = stance.target_probabilities([(blank.text, 0, 8)], [(blank, 0, 8)])
    assert probs.shape == (1, 3) and probs.sum() == pytest.approx(1.0)
    doc = parse("Ostrova signed the treaty.")
    named, _ = syntax_features(doc, 0, 0)
    assert named == {"sx:none": 1.0}


def test_actor_sentiments_read_the_callers_parse(monkeypatch):
    text = CASES[0]["text"] + " " + CASES[3]["text"]
    doc = parse(text)
    sentences = [(s.start_char, s.end_char) for s in doc.sents]
    actors = {"hollis": [(text.index("Hollis"), text.index("Hollis") + 6)]}
    expected = sentiment.actor_sentiments(text, sentences, actors)

    def no_parse(items):
        raise AssertionError("parsed again although the caller gave its Doc")

    monkeypatch.setattr(stance, "parse_items", no_parse)
    given = sentiment.actor_sentiments(text, sentences, actors, doc)
    assert given["hollis"]["sentiment"] == expected["hollis"]["sentiment"]
    assert given["hollis"]["sentiment_score"] == pytest.approx(
        expected["hollis"]["sentiment_score"], abs=0.1
    )
    with pytest.raises(ValueError, match="parse of doc_text"):
        sentiment.actor_sentiments(text + " More.", sentences, actors, doc)
