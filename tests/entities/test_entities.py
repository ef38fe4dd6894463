"""Canonical entities: merging, whole multi-word names, descriptors."""

from __future__ import annotations

from analysis.entities.canonical import clean_name, extract_entities

TEXT = (
    "Song Zhongping, a former PLA instructor, said the drills in the Sea of Japan were routine.\n\n"
    "Defense Minister Li Shangfu visited the US on Monday. "
    "The United States welcomed him, and Song said the visit mattered."
)


def test_clean_name_strips_articles_quotes_and_possessives():
    assert clean_name("the Chinese Defense Ministry’s") == "Chinese Defense Ministry"
    assert clean_name("the “North/Interaction-2023") == "North/Interaction-2023"
    assert clean_name("Reuters") == "Reuters"


def test_surname_merges_into_full_name(nlp):
    index = extract_entities(nlp(TEXT))
    song = index.resolve_name("Song")
    assert song is not None and song.name == "Song Zhongping"
    assert song.label == "PERSON"
    assert song.n_mentions == 2
    assert [TEXT[s:e] for s, e in song.mentions] == ["Song Zhongping", "Song"]


def test_multi_word_place_stays_whole(nlp):
    names = {e.name: e.label for e in extract_entities(nlp(TEXT))}
    assert names.get("Sea of Japan") == "LOC"
    assert "Sea" not in names


def test_country_aliases_merge(nlp):
    index = extract_entities(nlp(TEXT))
    us = index.resolve_name("US")
    assert us is not None and us.name == "United States"
    assert us.n_mentions == 2


def test_descriptors_from_apposition_and_title(nlp):
    index = extract_entities(nlp(TEXT))
    assert index.resolve_name("Song Zhongping").descriptor == "a former PLA instructor"
    assert index.resolve_name("Li Shangfu").descriptor == "Defense Minister"
    start, end = index.resolve_name("Song Zhongping").descriptor_span
    assert TEXT[start:end] == "a former PLA instructor"


def test_ids_follow_first_mention_and_offsets_index_text(nlp):
    index = extract_entities(nlp(TEXT))
    firsts = [e.first_start for e in index]
    assert firsts == sorted(firsts)
    assert [e.entity_id for e in index] == [f"E{i}" for i in range(1, len(index) + 1)]
    for entity in index:
        for start, end in entity.mentions:
            assert TEXT[start:end].strip() == TEXT[start:end] and TEXT[start:end]
    song = index.resolve_name("Song")
    assert index.entity_at(song.mentions[1][0], song.mentions[1][1]) is song
    assert index.entity_at(0, 0) is None


def test_no_numbers_or_dates_in_entity_table(nlp):
    labels = {e.label for e in extract_entities(nlp(TEXT))}
    assert not labels & {"DATE", "CARDINAL", "ORDINAL", "TIME"}


def test_lone_surname_mislabelled_by_the_tagger_joins_the_person(nlp):
    text = (
        "Olga Petrova, a trade analyst, said prices would rise. Petrova added that Moscow agreed."
    )
    index = extract_entities(nlp(text))
    petrova = index.resolve_name("Olga Petrova")
    assert petrova.n_mentions == 2 and petrova.label == "PERSON"
    assert index.resolve_name("Moscow").label == "GPE"


def _misread(nlp, text: str, name: str, label: str = "ORG"):
    """The parse of ``text`` with the tagger's label for ``name`` forced to ``label``."""
    from spacy.tokens import Span

    doc = nlp(text)
    start = text.index(name)
    span = doc.char_span(start, start + len(name))
    others = [e for e in doc.ents if e.end <= span.start or e.start >= span.end]
    forced = Span(doc, span.start, span.end, label=label)
    doc.ents = sorted([*others, forced], key=lambda e: e.start)
    return doc


def test_a_name_after_a_persons_role_is_a_person_whatever_the_tagger_said(nlp):
    from analysis.quotes.extractor import attribute

    text = (
        "Job cuts are coming, said the firm's executive chair Marcelo Claure in an email. "
        "Next steps will follow on Friday, Claure said.\n\nHe said the company must grow."
    )
    doc = _misread(nlp, text, "Marcelo Claure")
    index = extract_entities(doc)
    claure = index.resolve_name("Marcelo Claure")
    assert claure.label == "PERSON" and claure.n_mentions == 2
    speakers = [q.speaker for q in attribute(doc, index).quotes]
    assert speakers and set(speakers) == {"Marcelo Claure"}


def test_groups_after_a_role_word_stay_groups(nlp):
    from analysis.entities.person_names import clean_people

    for text, name in (
        ("She is a member of the group, a member Federal Council said.", "Federal Council"),
        ("The spokesman Navy Capt said nothing.", "Navy Capt"),
        ("Many an immigrant New Yorkers met said so.", "New Yorkers"),
    ):
        doc = _misread(nlp, text, name)
        kept = [e for e in doc.ents if e.text == name]
        assert [e.label_ for e in clean_people(kept)] == ["ORG"], text


def _people(nlp, text: str, *names: str):
    """The parse of ``text`` with exactly these spans (each name's every occurrence) as PERSON."""
    from spacy.tokens import Span

    doc = nlp(text)
    spans = []
    for name in names:
        at = text.find(name)
        while at >= 0:
            span = doc.char_span(at, at + len(name))
            if not any(s.start < span.end and span.start < s.end for s in spans):
                spans.append(Span(doc, span.start, span.end, label="PERSON"))
            at = text.find(name, at + len(name))
    doc.ents = sorted(spans, key=lambda s: s.start)
    return doc


def test_a_name_of_several_words_cut_short_joins_the_full_name(nlp):
    text = (
        "James Van Der Beek has left the show. The actor, said friends, was tired. "
        "On Monday, Van Der Beek said he would rest."
    )
    index = extract_entities(_people(nlp, text, "James Van Der Beek", "Van Der Beek"))
    person = index.resolve_name("Van Der Beek")
    assert person.name == "James Van Der Beek" and person.n_mentions == 2


def test_a_longer_form_seen_only_later_is_not_the_full_name(nlp):
    # The tagger took an adverb into the second name; the person is Donald Trump.
    text = "Donald Trump spoke on Monday. He left early, and then Certainly Donald Trump won."
    index = extract_entities(_people(nlp, text, "Certainly Donald Trump", "Donald Trump"))
    assert index.resolve_name("Donald Trump").name == "Donald Trump"


def test_a_company_and_its_legal_name_are_one_entity(nlp):
    text = (
        "Orbit Inc. on Wednesday showed its first folding phone. Shares in Orbit rose 3% "
        "after the launch, and Orbit said it would hire 300 people."
    )
    index = extract_entities(nlp(text))
    orbit = index.resolve_name("Orbit")
    assert orbit is not None and orbit.name == "Orbit Inc."
    assert orbit.n_mentions == 3
