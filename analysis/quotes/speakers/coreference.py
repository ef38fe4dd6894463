"""Who a description, an apposition or a gendered pronoun stands for, from the text itself.

The resolver in :mod:`analysis.quotes.speakers.resolver` names most speakers from the
entity under their mention. These rules cover the mentions that name no entity
themselves:

* an apposition names the person: "another witness, Fiona Smith, said" is Fiona
  Smith, and so is "the company's lawyer, Ann Roe";
* a definite description goes back to the person the text described so: "the
  actor said" is the nearest earlier person introduced as an actor, or else the
  person the sentence before is about;
* a pronoun agrees in gender with the person it stands for, where the text says
  it: a title (Mr, Ms, Mrs) before a name, or a pronoun already used of it;
* a relative pronoun stands for the noun its clause hangs on, unless "who" is
  hung on a place or a workplace: "a nurse at Mercy Hospital, who ..." is the nurse.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from analysis.entities.canonical import Entity, EntityIndex
from analysis.entities.voices import GENERIC_PEOPLE, PEOPLE_NOUNS, can_speak, names_people
from analysis.nlp import indices_of

#: Titles that give a person's gender.
TITLES = {
    "mr": "m",
    "mr.": "m",
    "mrs": "f",
    "mrs.": "f",
    "ms": "f",
    "ms.": "f",
    "miss": "f",
    "sir": "m",
    "lady": "f",
}
#: Pronouns by gender.
PRONOUN_GENDER = {"he": "m", "him": "m", "his": "m", "she": "f", "her": "f", "hers": "f"}
#: Determiners that make a description definite ("the actor", "this official").
DEFINITE = frozenset({"the", "this", "that"})
#: Endings of agent nouns for people ("spokeswoman", "analyst", "researcher").
_AGENT = ("man", "woman", "person", "ist", "er", "or", "ian", "ant", "ent")


def appositive(token: Token, entities: EntityIndex) -> Entity | None:
    """The person an apposition names: "another witness, Fiona Smith" -> Fiona Smith.

    Args:
        token: The head of a speaker mention, a common noun.
        entities: The article's entities.

    Returns:
        The PERSON entity of a name in apposition right after the noun, or None.
    """
    if token.pos_ != "NOUN":
        return None
    for child in token.rights:
        if child.dep_ == "appos" and child.pos_ == "PROPN":
            entity = entities.entity_at(child.idx, child.idx + len(child))
            if entity is not None and entity.label == "PERSON":
                return entity
    return None


def _people_noun(token: Token) -> bool:
    lemma = token.lemma_.lower()
    return token.pos_ == "NOUN" and (lemma in PEOPLE_NOUNS or lemma.endswith(_AGENT))


#: People nouns that name no role: "the man said" may be anyone.
UNMARKED_PEOPLE = GENERIC_PEOPLE | frozenset(
    {"man", "woman", "boy", "girl", "child", "kid", "teen", "adult", "people"}
)
#: Modifiers after a description that say which one it is, so that it introduces
#: someone new rather than pointing back ("the staff member who reported the call").
SELF_DEFINING_DEPS = frozenset({"relcl", "acl"})


def names_a_role(token: Token) -> bool:
    """Whether a mention is a definite role that points back: "the actor", "the senator".

    Words that say only that someone is a person or a source ("the man", "the
    source") describe the unnamed as often as the named, so they point back to no one.
    """
    lemma = token.lemma_.lower()
    if not _people_noun(token) or token.tag_ == "NNS" or lemma in UNMARKED_PEOPLE:
        return False
    if not any(c.dep_ == "det" and c.lower_ in DEFINITE for c in token.lefts):
        return False
    return not any(c.dep_ in SELF_DEFINING_DEPS for c in token.rights)


def described(token: Token, entities: EntityIndex) -> Entity | None:
    """The person a definite description stands for: "the actor" -> James Van Der Beek.

    Args:
        token: The head of a speaker mention.
        entities: The article's entities.

    Returns:
        The nearest earlier person whose role in the text holds the noun; failing
        that, a person the previous sentence has as its subject; else None.
    """
    if not _people_noun(token) or token.tag_ == "NNS":
        return None
    if not any(c.dep_ == "det" and c.lower_ in DEFINITE for c in token.lefts):
        return None
    word = token.lower_
    for _s, _e, entity in reversed(entities.mentions_before(token.idx)):
        if entity.label == "PERSON" and entity.descriptor:
            if word in entity.descriptor.lower().replace("-", " ").split():
                return entity
    sent = token.sent
    if sent.start == 0 or not names_a_role(token):
        # "the staff member who reported the call" says who it is, and "the man" may
        # be anyone: no one earlier.
        return None
    before = token.doc[sent.start - 1].sent
    for t in before:
        if t.dep_ in ("nsubj", "nsubjpass") and t.pos_ == "PROPN":
            entity = entities.entity_at(t.idx, t.idx + len(t))
            if entity is not None and entity.label == "PERSON":
                return entity
    return None


def title_genders(doc: Doc, entities: EntityIndex) -> dict[str, str]:
    """Genders that titles give: "Mr. Claure" makes Marcelo Claure male.

    Args:
        doc: The parsed article.
        entities: Its entities.

    Returns:
        ``entity_id -> "m" | "f"`` for each person a title names; a person given
        titles of both genders is left out.
    """
    found: dict[str, set[str]] = {}
    for i in indices_of(doc, "LOWER", TITLES):
        if i == len(doc) - 1:
            continue  # a title needs a name after it
        token = doc[i]
        gender = TITLES[token.lower_]
        nxt = doc[token.i + 1]
        if nxt.text == "." and token.i + 2 < len(doc):
            nxt = doc[token.i + 2]
        entity = entities.entity_at(nxt.idx, nxt.idx + len(nxt))
        if entity is not None and entity.label == "PERSON":
            found.setdefault(entity.entity_id, set()).add(gender)
    return {key: next(iter(g)) for key, g in sorted(found.items()) if len(g) == 1}


#: Entity labels of places, which "who" never stands for.
PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
#: Tags of relative pronouns ("who", "which", "that" heading a relative clause).
RELATIVE_TAGS = frozenset({"WP", "WDT"})


def relative_antecedent(token: Token) -> Token | None:
    """The noun a relative pronoun stands for: "customers who accused ..." -> "customers"."""
    if token.tag_ not in RELATIVE_TAGS or token.head.dep_ != "relcl":
        return None
    noun = token.head.head
    if noun.pos_ not in ("NOUN", "PROPN") or noun.i > token.i:
        return None
    if token.tag_ == "WDT" and noun.ent_type_ == "PERSON":
        return None  # ", which meant ...": "which" never stands for a person
    if token.tag_ == "WP" and noun.ent_type_ in PLACE_LABELS:
        # "regulators in Ohio, who ...": "who" stands for the people, not the place.
        owner = noun.head.head if noun.dep_ == "pobj" and noun.head.dep_ == "prep" else None
        if owner is None or owner.pos_ not in ("NOUN", "PROPN"):
            return None
        noun = owner
    elif token.tag_ == "WP" and noun.dep_ == "pobj" and not names_people(noun):
        # "a nurse at Mercy Hospital, who asked ...": the nurse asks, not the hospital.
        owner = noun.head.head if noun.head.dep_ == "prep" else noun
        noun = owner if names_people(owner) else noun
    first = noun
    while first.dep_ == "conj" and first.head.i < first.i:
        first = first.head
    if first.dep_ == "attr":
        # "X is a writer and critic who said ...": the description is X's.
        subject = next((c for c in first.head.lefts if c.dep_ == "nsubj"), None)
        noun = subject if subject is not None and subject.pos_ != "PRON" else noun
    # The parser hangs many a clause on the wrong noun ("a game who ..."): only a noun
    # that can speak is taken; otherwise the pronoun is resolved like any other.
    return noun if can_speak(noun) else None
