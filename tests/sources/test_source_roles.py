"""Sources typed from the whole text: roles at any mention, employers, demonyms; no things."""

from __future__ import annotations

from analysis.entities.canonical import extract_entities
from analysis.nlp import parse
from analysis.quotes.extractor import attribute, extract_quotes
from analysis.sources.build import build_sources


def sources_of(text: str) -> dict:
    doc = parse(text)
    entities = extract_entities(doc)
    quotes = extract_quotes(doc, entities)
    return {s.name: s for s in build_sources(quotes, entities, doc)}, quotes


def test_title_at_an_earlier_mention_types_the_speaker():
    found, _ = sources_of(
        "The plan was unveiled on Monday by US Secretary of State Ann Wells. "
        "Wells said the plan would save lives."
    )
    wells = found["Ann Wells"]
    assert (wells.type, wells.country) == ("official", "United States")


def test_a_generic_role_takes_its_employers_type():
    found, _ = sources_of(
        "Northwind Airways President Carl Moss told reporters that the fleet would grow."
    )
    assert found["Carl Moss"].type == "organization"


def test_governments_by_demonym_and_the_body_a_spokesperson_speaks_for():
    found, _ = sources_of(
        "Jordanian officials said the border would reopen. "
        "The French foreign ministry said talks were under way. "
        "A spokesperson for the British Foreign Office said the embassy stayed open."
    )
    assert (found["Jordanian officials"].type, found["Jordanian officials"].country) == (
        "official",
        "Jordan",
    )
    ministry = next(s for n, s in found.items() if "French" in n)
    assert (ministry.type, ministry.country) == ("official", "France")
    spokesperson = next(s for n, s in found.items() if "spokesperson" in n.lower())
    assert (spokesperson.type, spokesperson.country) == ("official", "United Kingdom")


def test_people_familiar_with_the_matter_are_other():
    found, _ = sources_of(
        "The bank is under review, according to two people familiar with the matter."
    )
    (source,) = found.values()
    assert source.type == "other"


def test_a_story_set_in_one_country_gives_its_local_voices_that_country():
    found, _ = sources_of(
        "Crews in Ohio cut power on Friday. Officials in Ohio and Kentucky said the storm "
        "was the worst in years. Acme Power said the lines would be back by Sunday."
    )
    assert found["Acme Power"].country == "United States"


def test_a_thing_is_never_a_source_and_its_quote_goes():
    text = (
        "Fires have continued, showing that enforcement is a problem. "
        "The mayor said the city would hire more inspectors."
    )
    found, quotes = sources_of(text)
    assert not any("fire" in name.lower() for name in found)
    assert all("enforcement" not in q.text for q in quotes)
    # The fires item stays in the layer as an event, linked to no quote, and the
    # mayor's quote keeps its place-numbered id: both tables agree on every item.
    doc = parse(text)
    layer = attribute(doc, extract_entities(doc)).layer
    fires = next(a for a in layer if "enforcement" in a.text)
    assert (fires.act, fires.quote_id) == ("non_speech", None)
    assert [q.quote_id for q in quotes] == ["Q2"]
    assert [a.quote_id for a in layer if a.quote_id] == ["Q2"]


def test_a_bare_quantifier_speaks_for_no_one_in_either_table():
    text = "Many have said the rules are unfair. The farmers said the rules were fair."
    doc = parse(text)
    found = attribute(doc, extract_entities(doc))
    many = next(q for q in found.quotes if "unfair" in q.text)
    item = next(a for a in found.layer if a.quote_id == many.quote_id)
    assert (many.speaker, item.speaker) == (None, None)
    assert many.speaker_text == item.speaker_text == "Many"  # where the text says who
    assert [q.speaker for q in found.quotes if "were fair" in q.text] == ["The farmers"]


def test_an_unnamed_source_is_named_and_typed_by_its_description():
    found, quotes = sources_of(
        "A reporter Lena Kovac's source inside the camp, a Syrian refugee who feared "
        "retaliation and asked not to be identified, said the claim was false.\n\n"
        "“Nobody is stopping them from leaving,” the source said."
    )
    refugee = found["A Syrian refugee"]
    assert (refugee.type, refugee.country, refugee.n_quotes) == ("public", "Syria", 2)
    # Asking not to be named is no statement about the story.
    assert [q.text for q in quotes if "identified" in q.text] == []
    assert "Lena Kovac" not in found


def test_who_after_a_workplace_is_the_worker():
    found, quotes = sources_of(
        "A nurse at Mercy General Hospital, who asked not to be named, said staff "
        "were working double shifts."
    )
    assert [q.speaker for q in quotes] == ["A nurse"]
    assert "Mercy General Hospital" not in found


def test_the_same_description_again_is_the_same_unnamed_voice():
    _, quotes = sources_of(
        "A nurse at the clinic said staff were exhausted. The clinic is full. "
        "“We cannot keep going like this,” the nurse said."
    )
    assert [q.speaker for q in quotes] == ["A nurse", "A nurse"]


def test_a_role_quoted_after_a_person_is_that_person():
    _, quotes = sources_of(
        "Dev Arora, the former star of a hospital drama, said on Monday that he would "
        "leave the show.\n\n"
        "“We lost something precious this year,” Arora said. “It changed us.”\n\n"
        "“You never know why these things happen,” said the actor."
    )
    assert [q.speaker for q in quotes][-1] == "Dev Arora"


def test_the_man_points_back_to_no_one_named():
    _, quotes = sources_of(
        "Dr. Owen Dempsey said the patient had a rare allergy.\n\n"
        "“It does not affect me at all now,” the man said."
    )
    assert quotes[-1].speaker != "Owen Dempsey"
