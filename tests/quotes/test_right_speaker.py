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


def item_of(text: str, words: str):
    """The attribution-layer item whose content holds ``words``, whatever its act."""
    doc = parse(text)
    layer = attribute(doc, extract_entities(doc)).layer
    start = text.index(words)
    items = [a for a in layer if a.start <= start < a.end]
    assert items, f"no attribution holds {words!r}"
    return min(items, key=lambda a: a.end - a.start)


def test_a_relative_pronoun_speaks_for_the_noun_its_clause_describes():
    # The mention stays "who" (where the text says it); the name is the noun's.
    text = (
        "Mayor Lena Ostrova opened the new ferry terminal on Friday. The delays angered "
        "local fishermen who accused the harbour board of wasting money."
    )
    item = item_of(text, "the harbour board of wasting")
    assert (item.speaker_text, item.speaker) == ("who", "local fishermen")


def test_a_relative_pronoun_after_a_role_speaks_for_whoever_holds_it():
    text = "Ann Roe is a novelist and teacher who has said that schools must change."
    assert speaker_of(text, "schools must change") == "Ann Roe"


def test_which_never_stands_for_a_person_nor_a_people_word_for_its_country():
    from analysis.quotes.speakers.coreference import relative_antecedent

    def antecedent(sentence: str, pronoun: str):
        doc = parse(sentence)
        return relative_antecedent(next(t for t in doc if t.lower_ == pronoun))

    # The parser hangs both clauses on "Brandt"; only "who" can stand for her.
    assert antecedent("Tom Hale told Ida Brandt, which meant that the yard grew.", "which") is None
    assert antecedent("Tom Hale met Ida Brandt, who said that the yard grew.", "who").text == (
        "Brandt"
    )
    text = "A Norwegian trawlerman who asked not to be named said the quotas were unfair."
    assert item_of(text, "not to be named").speaker == "A Norwegian trawlerman"


def test_data_and_studies_speak_for_whoever_they_come_from():
    text = "Freight rates rose by a third in a week, according to data from Kestrel Analytics."
    assert speaker_of(text, "Freight rates rose") == "Kestrel Analytics"


def test_the_company_is_the_company_the_article_names_most():
    text = (
        "Brightway, a maker of garden tools, is under review by regulators in Ohio, who have "
        "questioned the accounts of Brightway since Brightway lost its chief executive. "
        "The company said on Tuesday that its books were in order."
    )
    assert speaker_of(text, "its books were in order") == "Brightway"
    # "who" after "regulators in Ohio" stands for the regulators, not for Ohio.
    assert item_of(text, "the accounts of Brightway").speaker == "regulators"


def test_both_belongs_to_the_coordination_not_to_the_speakers_name():
    text = "Both independent geologists and residents of the valley said the dam was unsafe."
    assert speaker_of(text, "the dam was unsafe") == "independent geologists"


def test_a_description_with_a_relative_clause_introduces_someone_new():
    text = (
        "Omar Haddad became the youngest member of the harbour council last spring.\n\n"
        "The staff member who took the call said the caller would come back."
    )
    assert speaker_of(text, "the caller would come back") == "The staff member"


def test_a_that_clause_the_parser_hangs_on_a_place_is_what_was_told():
    # "told reporters at a briefing that ...": the clause is what was told.
    text = (
        "Harbour chief Jo Park, meanwhile, told reporters at a briefing that the port — the "
        "busiest container hub in the region — will resume its growth by the late 2020s, "
        "after its current round of repairs."
    )
    assert speaker_of(text, "will resume its growth") == "Jo Park"


def test_whoever_a_verb_of_causing_moves_to_speak_is_the_speaker():
    # "prompted X to argue", "led X to announce": X speaks, not the cause.
    text = (
        "The new timetable prompted several commuters to argue that the trains were now "
        "slower.\n\nFalling orders led the Danish shipyard to announce that it would close "
        "a dock.\n\nThe governor called the mayor to say that the bridge would stay shut."
    )
    assert speaker_of(text, "the trains were now slower") == "several commuters"
    assert speaker_of(text, "it would close a dock") == "the Danish shipyard"
    # With another verb the subject may be the one who speaks.
    assert speaker_of(text, "the bridge would stay shut") == "The governor"
