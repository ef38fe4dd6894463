"""Voices: whether a speaker mention names someone who can speak.

A source is a person, a group of people, an organisation, a government, or a
document or data set of theirs. Fires, a video, a variant of an aircraft or "the
unprecedented resolution" of a simulation say nothing, even when the parser makes
them the subject of "showed" or "revealed". Without a lexical database, the test
reads what the parse gives: the entity label of a name, and for a common noun its
head word: a word for people, a group or a document, or a word built like one
(an agent noun: "analyst", "researcher", "resident", "spokeswoman").
"""

from __future__ import annotations

from spacy.tokens import Token

#: Entity labels of names that can speak: people, organisations, places read as
#: their governments, nationalities read as their people.
SPEAKING_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP"})

#: Entity labels that are never anyone's voice: products, events, works, laws, numbers.
MUTE_LABELS = frozenset(
    {
        "PRODUCT",
        "EVENT",
        "LAW",
        "LANGUAGE",
        "MONEY",
        "QUANTITY",
        "TIME",
    }
)

#: Head nouns for people, by what they are or do.
PEOPLE_NOUNS = frozenset(
    """
    person people man woman child kid boy girl adult teen teenager youth citizen individual
    member official officer spokesman spokeswoman spokesperson representative leader chief head
    director executive president chairman chairwoman chair founder owner boss staff aide
    secretary minister ambassador diplomat envoy governor mayor senator lawmaker candidate
    nominee delegate judge justice attorney prosecutor defendant plaintiff witness victim
    suspect cop detective agent expert analyst scientist scholar professor academic doctor
    physician nurse surgeon patient student parent mother father son daughter wife husband
    brother sister family friend neighbor neighbour colleague partner critic fan user
    customer client donor coach athlete actor actress star celebrity artist author journalist
    editor columnist anchor host activist advocate volunteer soldier troop commander general
    colonel admiral veteran refugee migrant immigrant survivor local villager insider source
    pollster strategist consultant operative other another everyone everybody someone somebody
    anyone anybody guy lady gentleman crowd audience public
    """.split()
)

#: Head nouns for groups, organisations and governments.
GROUP_NOUNS = frozenset(
    """
    group team campaign committee council board panel party union association organization
    organisation company firm business corporation agency department ministry government
    administration office bureau authority commission court police military army navy force
    embassy state city country nation county district school university college institute
    foundation center centre hospital clinic church network station newspaper paper magazine
    outlet website publication media press industry coalition alliance league club side
    majority minority community parliament congress senate house legislature cabinet regime
    opposition delegation utility bank fund provider regulator carrier airline maker
    manufacturer retailer operator staff household electorate
    """.split()
)

#: Head nouns for what people write or compile: these speak for their authors.
DOCUMENT_NOUNS = frozenset(
    """
    report statement letter memo release document filing lawsuit complaint suit petition
    study survey poll analysis research data datum figure estimate statistic finding
    record transcript email message tweet post blog article story editorial column book
    presentation testimony ruling decision order indictment resolution note readout
    communique communiqué notice advisory forecast projection assessment review audit
    affidavit brief motion verdict opinion platform plan proposal bill legislation law budget
    speech interview remark comment account ad advertisement website page site
    """.split()
)

#: Endings of agent nouns: who does something ("analyst", "researcher", "resident").
AGENT_ENDINGS = ("ist", "ian", "er", "or", "ee", "ant", "ent", "man", "woman", "person", "crat")
#: Endings that look like an agent noun's but make abstract nouns ("treatment").
ABSTRACT_ENDINGS = ("ment", "ness", "ency", "ancy")
#: Things and events whose names end like agent nouns ("variant", "incident", "power").
THING_NOUNS = frozenset(
    """
    variant event incident accident element extent content intent patent plant grant
    number matter water power weather answer border winter summer
    computer disaster cancer chapter tower river corner career character layer filter
    container trailer monster weapon
    """.split()
)

#: Quantifiers that stand for a number of people ("most said", "half of them").
QUANTITY_WORDS = frozenset(
    "many most some few several all both half third quarter majority minority dozen hundred"
    " handful percent %".split()
)

#: Nouns that say only that someone speaks, not who they are: "a source", "one person".
GENERIC_PEOPLE = frozenset({"source", "person", "individual", "someone", "somebody"})
#: Determiners that make a subject nobody: "no one knows", "no official said".
NEGATIVE_DETERMINERS = frozenset({"no", "neither"})
#: Words that name nobody.
NOBODY = frozenset({"nobody", "none", "nothing", "neither", "noone"})


def noun_can_speak(lemma: str) -> bool:
    """Whether a common noun's lemma names people, a group or a document.

    Args:
        lemma: The lower-cased lemma of the head noun.

    Returns:
        True for "analyst", "campaign", "survey"; False for "fire" or "variant".
    """
    if lemma in PEOPLE_NOUNS or lemma in GROUP_NOUNS or lemma in DOCUMENT_NOUNS:
        return True
    if lemma in QUANTITY_WORDS:
        return True
    if lemma in THING_NOUNS:
        return False
    return lemma.endswith(AGENT_ENDINGS) and not lemma.endswith(ABSTRACT_ENDINGS)


def names_people(token: Token) -> bool:
    """Whether a mention's head names a person or people ("a nurse", "Tom Reyes").

    Narrower than :func:`can_speak`: groups, organisations and documents speak
    too, but only people are "who".
    """
    if token.ent_type_ == "PERSON":
        return True
    if token.pos_ != "NOUN" or token.ent_type_:
        return False
    lemma = token.lemma_.lower()
    if lemma in PEOPLE_NOUNS:
        return True
    if lemma in GROUP_NOUNS or lemma in DOCUMENT_NOUNS or lemma in THING_NOUNS:
        return False
    return lemma.endswith(AGENT_ENDINGS) and not lemma.endswith(ABSTRACT_ENDINGS)


def names_nobody(token: Token) -> bool:
    """Whether a subject denies that anyone speaks: "no one", "nobody", "no official".

    Args:
        token: The head of the speaker mention.

    Returns:
        True when the mention is negative.
    """
    if token.lower_ in NOBODY:
        return True
    return any(c.dep_ == "det" and c.lower_ in NEGATIVE_DETERMINERS for c in token.children)


def bare_quantity(token: Token) -> bool:
    """Whether a mention is only a quantifier with nothing it counts: "Many", "Some".

    "Many of the residents" counts people; a bare "Many" may count anything (cities,
    plans), so it names no one a reader could point to.
    """
    if token.lower_ not in QUANTITY_WORDS or token.pos_ == "NOUN" and token.lower_ == "majority":
        return False
    return not any(c.dep_ == "prep" and c.lower_ == "of" for c in token.children)


def can_speak(token: Token, label: str | None = None) -> bool:
    """Whether the mention headed by ``token`` can be a source.

    Args:
        token: The head token of the speaker mention (not a pronoun; pronouns are
            judged by what they resolve to).
        label: The entity label the mention resolved to, if any.

    Returns:
        False for a thing, an event, an abstraction or nobody.
    """
    if names_nobody(token):
        return False
    label = label or token.ent_type_ or None
    if label in SPEAKING_LABELS:
        return True
    if label in MUTE_LABELS:
        return False
    if token.pos_ == "NOUN":
        return noun_can_speak(token.lemma_.lower())
    return True
