"""Embedded posts: the paragraphs above an author line are the author's own words."""

from __future__ import annotations

from analysis.entities.canonical import extract_entities
from analysis.nlp import parse
from analysis.quotes.cues.posts import without_link
from analysis.quotes.extractor import attribute

POST = (
    "The mayor took to social media on Sunday to describe the flooding as “a disaster.”\n\n"
    "Our river has burst its banks for the second time this month\n\n"
    "I urge everyone in the low streets to move their cars tonight pic.twitter.com/Ab12Cd\n\n"
    "— Rosa Lind (@rosalind) November 1, 2019\n\n"
    "The water fell back by Tuesday."
)


def _layer(text: str):
    doc = parse(text)
    return attribute(doc, extract_entities(doc)).layer


def test_a_post_over_its_author_line_is_a_direct_quote_of_its_author():
    posts = [a for a in _layer(POST) if a.cue == "—"]
    assert len(posts) == 1
    post = posts[0]
    assert (post.kind, post.act, post.speaker) == ("direct", "speech", "Rosa Lind")
    # Its lines, from the first after the writer's sentence, without the picture link.
    assert post.text.startswith("Our river has burst")
    assert post.text.endswith("move their cars tonight")


def test_words_inside_a_post_are_not_a_second_statement():
    # "I urge ..." is the post's own line, not the writer urging anyone.
    assert [a.cue for a in _layer(POST) if "urge" in (a.cue or "")] == []


def test_a_link_ending_a_content_is_no_ones_words():
    text = "She said the figures were wrong https://t.co/xyz"
    assert without_link(text, (9, len(text))) == (9, len("She said the figures were wrong"))
    assert without_link(text, (0, 8)) == (0, 8)


def test_a_dash_line_without_a_handle_signs_no_post():
    text = "The talks failed.\n\nWe will not give up\n\n— Rosa Lind, November 1, 2019\n"
    assert [a for a in _layer(text) if a.cue == "—"] == []
