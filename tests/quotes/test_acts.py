"""Statements are acts of speech: the attribution layer keeps every attribution with its act,
and the quotes table only the statements. Each construction has a sentence of its own."""

from __future__ import annotations

import pytest

from analysis.entities.canonical import extract_entities
from analysis.nlp import parse
from analysis.quotes.acts import ACTS, STATEMENT_ACTS
from analysis.quotes.extractor import attribute


def found(text: str):
    doc = parse(text)
    return attribute(doc, extract_entities(doc))


def act_for(text: str, words: str) -> str | None:
    """The act of the attribution whose content holds ``words``; None when none does."""
    result = found(text)
    start = text.index(words)
    end = start + len(words)
    items = [a for a in result.layer if a.start <= start and end <= a.end]
    if not items:
        return None
    return min(items, key=lambda a: a.end - a.start).act


def quoted(text: str, words: str) -> bool:
    """Whether a row of the quotes table holds ``words``."""
    start = text.index(words)
    return any(q.start <= start < q.end for q in found(text).quotes)


@pytest.mark.parametrize(
    ("text", "words", "act"),
    [
        # Speech and stated positions are statements.
        ("The harbour master said the ferry would sail at noon.", "the ferry would sail", "speech"),
        ("Ms. Okafor argued that the tariff hurt small farms.", "the tariff hurt", "position"),
        (
            "The union accused the port authority of hiding the dredging costs.",
            "the port authority of hiding",
            "position",
        ),
        # Negation inside the reported clause is the content's own.
        ("The mayor said the pool would not reopen this year.", "the pool would not", "speech"),
        # Negated and refused speech.
        ("The coach did not say that the team would forfeit.", "the team would forfeit", "negated"),
        ("Mr. Haldane never claimed that the vote was rigged.", "the vote was rigged", "negated"),
        ("A spokeswoman for the airline declined to comment on the strike.", "comment", "negated"),
        (
            "The ministry did not immediately respond to a request for comment.",
            "a request for comment",
            "negated",
        ),
        ("The council will no longer consider the towers unsafe.", "the towers unsafe", "negated"),
        # Beliefs, intentions and events.
        ("Local farmers feared that the river would flood.", "the river would flood", "belief"),
        (
            "The ferry operators are expected to raise their fares in spring.",
            "raise their fares",
            "belief",
        ),
        (
            "The brewery plans to open a second site in Leeds next year.",
            "open a second site",
            "intention",
        ),
        (
            "The league decided to move the final to a later date.",
            "move the final",
            "non_speech",
        ),
        (
            "The two banks agreed to merge their card businesses by June.",
            "merge their card businesses",
            "non_speech",
        ),
        # A bare object noun phrase is a stance, not a statement.
        ("The senator condemned the new parking rules.", "the new parking rules", "stance"),
        # A question put to someone.
        (
            "Reporters asked the minister about the delayed budget.",
            "the delayed budget",
            "question",
        ),
        # A finding of something that cannot speak.
        ("Satellite images showed that the lake had shrunk.", "the lake had shrunk", "non_speech"),
    ],
)
def test_each_attribution_has_its_act(text, words, act):
    assert act_for(text, words) == act
    assert quoted(text, words) is (act in STATEMENT_ACTS)


def test_page_furniture_and_the_writers_voice_are_not_statements():
    text = (
        "Graphic: Officials said the bridge would close for a week\n\n"
        "As we reported last month, the council said the bridge was safe.\n\n"
        "The engineer said the cables were sound."
    )
    result = found(text)
    assert act_for(text, "the bridge would close") == "furniture"
    assert act_for(text, "the cables were sound") == "speech"
    assert not any("would close" in q.text for q in result.quotes)


def test_a_heading_is_furniture():
    text = "Okonkwo: Dock Strike Will Spread To Rail\n\nThe dockers walked out on Monday."
    assert act_for(text, "Dock Strike Will Spread") == "furniture"


def test_a_quote_id_is_its_place_in_the_layer():
    text = (
        "The brewery plans to open a second site. Its owner said the beer would be cheaper. "
        "The staff feared that wages would fall. “We will hire forty people,” the owner said."
    )
    result = found(text)
    statements = [a for a in result.layer if a.act in STATEMENT_ACTS]
    assert [q.quote_id for q in result.quotes] == ["Q" + a.attribution_id[1:] for a in statements]
    assert len(statements) < len(result.layer)  # so some numbers are gaps in quotes
    assert [a.attribution_id for a in result.layer] == [
        f"A{n}" for n in range(1, len(result.layer) + 1)
    ]
    by_id = {q.quote_id: q for q in result.quotes}
    linked = [a for a in result.layer if a.quote_id is not None]
    assert len(linked) == len(result.quotes)
    for item in linked:
        assert (by_id[item.quote_id].start, by_id[item.quote_id].end) == (item.start, item.end)
        assert item.act in STATEMENT_ACTS
    assert {a.act for a in result.layer} <= set(ACTS)
    assert any(a.act not in STATEMENT_ACTS for a in result.layer)
    again = found(text)
    assert [q.to_dict() for q in again.quotes] == [q.to_dict() for q in result.quotes]


def test_quote_and_layer_rows_share_their_fields_in_schema_order():
    # One base record holds the content, speaker and cue fields of both rows; each
    # row's keys still come out in its own schema's order.
    from analysis.quotes.attributions import Attributed, Attribution, Quote
    from analysis.tables import COLUMNS

    assert Quote.columns() == COLUMNS["quotes"]
    assert Attribution.columns() == COLUMNS["attributions"]
    text = "The harbour master said the ferry would sail at noon."
    result = found(text)
    (quote,) = result.quotes
    (item,) = result.layer
    shared = [f for f in COLUMNS["quotes"] if f in Attributed.__dataclass_fields__]
    assert len(shared) == 11
    assert [quote.to_dict()[f] for f in shared] == [item.to_dict()[f] for f in shared]
    assert list(quote.to_dict()) == COLUMNS["quotes"]
    assert list(item.to_dict()) == COLUMNS["attributions"]


@pytest.mark.parametrize(
    ("text", "mention", "expected"),
    [
        ("The video shows the bridge falling.", "The video", False),
        ("No one said the bridge would fall.", "No one", False),
        ("Anna Roe said the bridge would fall.", "Anna Roe", True),
        ("The ministry said the bridge would fall.", "The ministry", True),
        ("She said the bridge would fall.", "She", True),
    ],
)
def test_one_judgement_says_whether_a_mention_can_speak(text, mention, expected):
    from analysis.quotes.speakers.resolver import Speaker, voiced

    doc = parse(text)
    entities = extract_entities(doc)
    start = text.index(mention)
    speaker = Speaker(name=mention, text=mention, start=start, end=start + len(mention))
    assert voiced(doc, speaker, entities) is expected
    assert voiced(doc, None, entities) is True
