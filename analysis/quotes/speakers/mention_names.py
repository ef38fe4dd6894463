"""Names of speaker mentions that the resolver reads from the wrong words.

The resolver names a mention after an entity that overlaps it. When the entity is
only a modifier of the head ("Carlineo's attorney", "Delhi officials", "the U.S.
Attorney's Office") the speaker is the head, not the entity: the attorney is not
the defendant, and Delhi's officials are not the city. And a pronoun that carries
its own description ("those in favor of punishment") is no anaphor: it names the
people it describes. These passes correct the resolved :class:`Speaker` in place,
so later pronouns that go back to it find the corrected name; the mention's span
stays as it was. A bare "source" is named by the description set beside it ("X's
source, a Syrian refugee").
"""

from __future__ import annotations

from bisect import bisect_right

from spacy.tokens import Token

from analysis.entities.voices import GENERIC_PEOPLE, names_people
from analysis.nlp import doc_text
from analysis.quotes.speakers.resolver import Speaker, mention_span

#: Pronouns that a modifier turns into a description ("those who voted", "anyone in the room").
DESCRIBED_PRONOUNS = frozenset(
    "those these anyone anybody everyone everybody someone somebody some many others".split()
)
#: Dependents after such a pronoun that describe it.
DESCRIBING_DEPS = frozenset({"prep", "relcl", "acl"})


def _modifier_entity(speaker: Speaker, token: Token) -> bool:
    """Whether the speaker's entity covers part of the mention but not its head word."""
    entity = speaker.entity
    if entity is None or token.pos_ not in ("NOUN", "PROPN"):
        return False
    overlapping = _first_ending_after(entity.mentions, speaker.start)
    covers_head = _first_ending_after(entity.mentions, token.idx)
    return (
        overlapping is not None
        and overlapping[0] < speaker.end
        and not (covers_head is not None and covers_head[0] <= token.idx)
    )


def _first_ending_after(mentions: list[tuple[int, int]], offset: int) -> tuple[int, int] | None:
    """The first of an entity's mentions that ends after ``offset``, by bisection.

    An entity's mentions come from spaCy's entity spans, which never overlap, so in
    start order their ends are in order too: the first mention ending after an
    offset is the only one that can hold it, and the first that can overlap a span
    starting there.
    """
    k = bisect_right(mentions, offset, key=lambda m: m[1])
    return mentions[k] if k < len(mentions) else None


def _description(token: Token) -> str | None:
    """The words a described pronoun stands for: "those in favor of punishment"."""
    if token.lower_ not in DESCRIBED_PRONOUNS:
        return None
    described = [c for c in token.rights if c.dep_ in DESCRIBING_DEPS]
    if not described:
        return None
    end = described[-1].right_edge
    return doc_text(token.doc)[token.idx : end.idx + len(end)]


def _described_by(token: Token) -> str | None:
    """What an appositive says an unnamed source is: "X's source, a Syrian refugee, said".

    A word that says only that someone speaks ("source", "person") tells the reader
    less than the description set beside it, so the description names the voice.
    """
    if token.pos_ != "NOUN" or token.lemma_.lower() not in GENERIC_PEOPLE:
        return None
    for child in token.rights:
        if child.dep_ == "appos" and child.pos_ == "NOUN" and names_people(child):
            i, j = mention_span(child)
            doc = token.doc
            return doc_text(doc)[doc[i].idx : doc[j - 1].idx + len(doc[j - 1])]
    return None


def name_by_head(speaker: Speaker, token: Token) -> Speaker:
    """Correct a resolved speaker whose name comes from the wrong words.

    Args:
        speaker: The resolved speaker.
        token: The head token of its mention.

    Returns:
        The same speaker, its name and entity corrected where they named a
        modifier of the head or an antecedent of a described pronoun.
    """
    if _modifier_entity(speaker, token):
        speaker.entity, speaker.name = None, _described_by(token) or speaker.text
        return speaker
    if speaker.entity is None and _described_by(token):
        speaker.name = _described_by(token)
        return speaker
    description = _description(token)
    if description is not None:
        speaker.entity, speaker.name = None, description
    return speaker
