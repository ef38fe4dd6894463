"""The right speaker: continued quotes, pronouns, titles, surnames, "according to",
appositions and the person rather than their employer. Fixture sentences are our own."""

from __future__ import annotations

from analysis.entities.canonical import extract_entities
from analysis.nlp import parse
from analysis.quotes.extractor import attribute


def speaker_of(text: str, words: str) -> str | None:
    """The resolved speaker of the statement whose content holds ``words``."""
    doc = parse(text)
    quotes = attribute(doc, extract_entities(doc)).quotes
    start = text.index(words)
    items = [q for q in quotes if q.start <= start < q.end]
    assert items, f"no statement holds {words!r}"
    return min(items, key=lambda q: q.end - q.start).speaker


def test_a_quote_paragraph_goes_on_in_the_voice_the_paragraph_before_reported():
    text = (
        "“The harbour will be dredged by May, and the ferries will run on time,” said "
        "Marta Quist, the port director.\n\n"
        "Olu Adebayo, who chairs the fishermen's union, said the plan ignored the boats.\n\n"
        "“They never asked us once what the dredging would do to the nets,” he added later."
        "\n\n“Nobody from the port came down to the quay to ask us anything at all.”"
    )
    assert speaker_of(text, "Nobody from the port came down") == "Olu Adebayo"


def test_he_says_right_after_a_mention_of_someone_else():
    text = (
        "Priya Raman, the mayor, opened the new bridge on Monday.\n\n"
        "Later that day the engineer Tomasz Wierzbicki inspected the cables. "
        "He said the bridge could carry twice the expected load."
    )
    assert speaker_of(text, "the bridge could carry") == "Tomasz Wierzbicki"


def test_a_title_gives_the_gender_a_pronoun_must_agree_with():
    text = (
        "Ms. Dana Roe, the council leader, met Mr. Tom Hill, the developer, on Friday. "
        "Mr. Hill offered to build forty homes on the site.\n\n"
        "She said the council would decide in June."
    )
    assert speaker_of(text, "the council would decide") == "Dana Roe"


def test_a_surname_goes_to_the_nearest_full_name_that_carries_it():
    text = (
        "Anna Kowalski founded the bakery in 1990. Her son Piotr Kowalski runs it now.\n\n"
        "Kowalski said the bakery would open a second shop next spring."
    )
    assert speaker_of(text, "the bakery would open") == "Piotr Kowalski"


def test_according_to_attaches_to_the_clause_it_modifies():
    text = (
        "The European Commission said on Monday that the talks would resume.\n\n"
        "Minister Lena Strand visited the border crossing on Tuesday.\n\n"
        "“We will keep this crossing open whatever happens in the talks,” she told the guards, "
        "according to a statement."
    )
    assert speaker_of(text, "We will keep this crossing open") == "Lena Strand"


def test_a_name_in_apposition_is_the_speaker():
    text = (
        "Two engineers saw the crane fall. "
        "A second engineer, Priya Nandakumar, said the crane had been overloaded."
    )
    assert speaker_of(text, "the crane had been overloaded") == "Priya Nandakumar"


def test_the_person_speaks_not_their_employer():
    text = (
        "Power cuts will last until Friday, said the utility’s chief executive Dana Kerr "
        "in a letter to customers."
    )
    assert speaker_of(text, "Power cuts will last") == "Dana Kerr"
    text = "Ravi Menon of Channel Four said the debate would go ahead."
    assert speaker_of(text, "the debate would go ahead") == "Ravi Menon"
    text = "Jo Ellery posted on Twitter that the concert had been cancelled."
    assert speaker_of(text, "the concert had been cancelled") == "Jo Ellery"


def test_a_definite_description_goes_back_to_the_person_so_described():
    text = (
        "The actor Jonas Brandt opened the festival on Friday.\n\n"
        "The mayor thanked the sponsors.\n\n"
        "“I grew up three streets from this cinema and I never thought I would be back,” "
        "said the actor."
    )
    assert speaker_of(text, "I grew up three streets") == "Jonas Brandt"
