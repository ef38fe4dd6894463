"""Object and complement cues: attributions whose content is a noun phrase.

Attribution is wider than reported clauses: "Trump endorsed Pence", "she called
for a recount", "his support for the deal" attribute a stance, with the object
as content. Which verb and noun constructions do so reliably was measured on
the PolNeAR training split; the kept ones live in ``models/cue_lexicon.json``
as ``construction -> ["lemma", "lemma preposition", ...]``.
"""

from __future__ import annotations

import functools
import json
from pathlib import Path

from spacy.tokens import Doc, Token

from analysis.nlp import indices_with_pos
from analysis.quotes.cues.clauses import Cue
from analysis.quotes.cues.naming import NAMING_VERBS, naming_cue
from analysis.quotes.cues.stance_cues import (
    adjective_cues,
    belief_adjective_cue,
    complement_cue,
    passive_cue,
)
from analysis.quotes.cues.subjects import noun_agent, subject_of
from analysis.quotes.cues.trees import subtree, token_span
from analysis.quotes.limits import STANCE_NOUN_CLIMB

LEXICON = Path(__file__).resolve().parents[2] / "models" / "cue_lexicon.json"


@functools.lru_cache(maxsize=1)
def lexicon() -> dict[str, frozenset[str]]:
    """Return the construction lexicons, loaded once."""
    with LEXICON.open(encoding="utf-8") as fh:
        data = json.load(fh)["cues"]
    return {kind: frozenset(keys) for kind, keys in data.items()}


def _noun_speaker(noun: Token) -> Token | None:
    """The holder of a stance noun: "his support", or the subject of "expressed support"."""
    for child in noun.children:
        if child.dep_ == "poss":
            return child
    agent = noun_agent(noun)
    if agent is not None:
        return agent
    node = noun
    for _ in range(STANCE_NOUN_CLIMB):
        if node.head.i == node.i:
            return None
        node = node.head
        if node.pos_ in ("VERB", "AUX"):
            return subject_of(node)
    return None


def _frame_prep(verb: Token, obj: Token, lemma: str, table: dict) -> list[Token]:
    """The preposition phrase that completes a verb's object ("described Kaine as a liar").

    In "accused X of Y" or "praised X for Y" the object and the phrase after it
    together are what the source holds; either alone is half the claim. An "as"
    phrase after the object of any object cue is its predicate ("slammed X as
    vague"); other prepositions count where the lexicon pairs them with the verb. The parser
    often hangs the phrase on the object instead, so ``verb`` may be the object itself.

    Args:
        verb: The cue verb, or its object.
        obj: Its direct object.
        lemma: The verb's lemma.
        table: The construction lexicons.

    Returns:
        The phrase's tokens when it directly follows the object, else nothing.
    """
    for prep in verb.children:
        if (
            prep.dep_ == "prep"
            and (prep.i == obj.right_edge.i + 1 or prep.head.i == obj.i)
            and (
                (prep.lower_ == "as" and lemma in table.get("dobj", ()))
                or f"{lemma} {prep.lower_}" in table.get("vprep", ())
            )
        ):
            return subtree(prep)
        if _as_predicate(prep, obj) and lemma in table.get("dobj", ()):
            return subtree(prep)
    return []


def _as_predicate(child: Token, obj: Token) -> bool:
    """Whether a verb's dependent is an "as" predicate the parser reads as a clause.

    "described her as likable" comes out as an adverbial clause headed by the
    adjective, with "as" as its adverb; it is the same predicate as "as a liar".
    """
    first = child.doc[child.left_edge.i]
    return (
        child.dep_ in ("advcl", "acomp", "oprd", "xcomp")
        and first.lower_ == "as"
        and first.i == obj.right_edge.i + 1
        # "opposed it as he ran": "as" opens a clause of time, with its own subject
        and not any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in child.children)
    )


#: Verbs of putting a document out ("released a statement", "posted a video"): the
#: object is the vehicle, not what it says, so it is no content of its own.
PUBLISHING_VERBS = frozenset({"release", "issue", "post", "publish"})

#: Verbs that make something known; their object is content only when it states
#: someone's act or stance ("announced his candidacy"), not when it names a thing or
#: an event from outside ("announced the drills").
ANNOUNCING_VERBS = frozenset({"announce", "confirm", "unveil"})
_ARTICLES = frozenset({"the", "a", "an"})
_OWNED = ("poss", "nmod")


def _names_event(obj: Token) -> bool:
    """Whether an object of an announcing verb names an event rather than a stance.

    An article and no owner ("the drills", "a concert") names something in the
    world; an owner ("his resignation", "the party's platform") makes it the
    owner's act.
    """
    kids = list(obj.children)
    if any(c.dep_ in _OWNED for c in kids):
        return False
    return any(c.dep_ == "det" and c.lower_ in _ARTICLES for c in kids) and not _modified(obj)


def _modified(obj: Token) -> bool:
    """Whether an object carries a clause or phrase that says what it is about."""
    return any(c.dep_ in ("acl", "relcl", "prep") and c.i > obj.i for c in obj.children)


def _object_content(token: Token, lemma: str, obj: Token) -> bool:
    """Whether the direct object of an object cue can be its content."""
    if lemma in PUBLISHING_VERBS:
        return _modified(obj)
    return not (lemma in ANNOUNCING_VERBS and _names_event(obj))


#: Verbs whose object and a following phrase make one claim ("polls show her ahead").
SMALL_CLAUSE_VERBS = frozenset({"show"})
_PREDICATES = ("prep", "advmod", "acomp", "oprd", "xcomp", "ccomp", "npadvmod")


def _predicate(verb: Token, obj: Token) -> list[Token]:
    """The phrase that says what a small clause's subject is or does.

    In "the survey shows Lee within two points of Ruiz" the parser hangs "within
    ..." on the verb; without it the object alone ("Lee") claims nothing.
    """
    after = obj.right_edge.i + 1
    for child in verb.children:
        if child.i == after and child.dep_ in _PREDICATES:
            return subtree(child)
    return []


def _trailing_preps(verb: Token, obj: Token) -> list[Token]:
    """The preposition phrase hung on a verb right after its object, or nothing."""
    after = obj.right_edge.i + 1
    for child in verb.children:
        if child.i == after and child.dep_ == "prep":
            return subtree(child)
    return []


def _for_clause(child: Token, lemma: str, table: dict[str, frozenset[str]]) -> bool:
    """Whether a verb's clause is the object of its "for" phrase ("pushed for X to act").

    The parser reads "for the state to act" as a clause that "for" opens, not as the
    preposition the lexicon pairs with the verb ("push for"); the clause is the object.
    """
    if child.dep_ not in ("advcl", "ccomp", "xcomp") or f"{lemma} for" not in table.get(
        "vprep", ()
    ):
        return False
    first = child.doc[child.left_edge.i]
    if first.lower_ != "for" or first.dep_ != "mark" or first.head.i != child.i:
        return False
    # "took a decade for the town to recover": after an object, the clause says for what
    return not any(c.dep_ == "dobj" and c.i < child.i for c in child.head.children)


def _verb_cues(token: Token, lemma: str, table: dict[str, frozenset[str]]) -> list[Cue]:
    found = []
    for child in token.children:
        if child.i < token.i:
            continue
        content = None
        end = token.i + 1
        shape = "object"
        if (
            child.dep_ == "dobj"
            and _object_content(token, lemma, child)
            and (lemma in table.get("dobj", ()) or _frame_prep(child, child, lemma, table))
        ):
            predicate = _predicate(token, child) if lemma in SMALL_CLAUSE_VERBS else []
            framed = _frame_prep(token, child, lemma, table)
            # The parser often hangs the frame phrase on the object, inside its subtree.
            inner = framed or _frame_prep(child, child, lemma, table)
            shape = "predicate" if inner or predicate else "object"
            # A phrase the parser hangs on the verb right after the object ("praised
            # her in the past") goes with the object, and says nothing of the shape.
            trailing = [] if framed or predicate else _trailing_preps(token, child)
            content = token_span(subtree(child) + framed + predicate + trailing)
        elif child.dep_ == "prep" and f"{lemma} {child.lower_}" in table.get("vprep", ()):
            objects = [o for o in child.children if o.dep_ in ("pobj", "pcomp")]
            if objects:
                content = token_span(subtree(objects[0]))
                end = child.i + 1 if child.i == token.i + 1 else end
                framed = [o for o in token.children if o.dep_ == "dobj" and o.i < child.i]
                if framed and _frame_prep(token, framed[0], lemma, table):
                    content = token_span(subtree(framed[0]) + subtree(child))
                    shape = "predicate"
        elif _for_clause(child, lemma, table):
            # "called for the senator to resign": who is to act and the act, after "for"
            content, shape = token_span(subtree(child)[1:]), "clause"
            end = child.left_edge.i + 1 if child.left_edge.i == token.i + 1 else end
        elif child.dep_ == "ccomp" and lemma in table.get("ccomp", ()):
            content, shape = token_span(subtree(child)), "clause"
        elif child.dep_ == "xcomp" and lemma in table.get("xcomp", ()):
            shape = "clause"
            objects = [o for o in token.children if o.dep_ == "dobj" and o.i < child.i]
            # "called on Congress to act": the one called on is the object of the call
            objects += [
                o
                for p in token.children
                if p.dep_ == "prep" and p.lower_ == "on" and token.i < p.i < child.i
                for o in p.children
                if o.dep_ == "pobj"
            ]
            tokens = subtree(child)
            if objects:
                tokens = subtree(objects[0]) + tokens
            content = token_span(sorted(tokens, key=lambda t: t.i))
        if content is not None:
            cue = _with_raised_subject(token, child, content, end)
            cue.shape = shape
            found.append(cue)
    return found


#: Verbs whose object is the person addressed, so a passive subject is no part of the content.
ADDRESSEE_VERBS = frozenset(
    "ask tell press urge question inform advise remind encourage pressure instruct persuade".split()
)

#: Verbs whose grammatical subject belongs to the content, not the holder ("she seems ...").
RAISING_VERBS = frozenset({"seem", "appear"})


def _with_raised_subject(token: Token, child: Token, content: tuple[int, int], end: int) -> Cue:
    """Build the cue, folding a subject that is not the holder into the content.

    In "Clinton was expected to win" or "the team appeared to retreat" nobody
    named holds the view: the subject is what the view is about, so the clause
    is reported whole, subject and verb included. A passive's holder is its agent
    ("accused by the ministry of ...") or no one; a raising verb keeps its subject,
    whose attitude the inner verb may still report ("he seemed to relish it").

    Args:
        token: The cue verb.
        child: The dependent that carries the content.
        content: Token indices of the content found so far.
        end: Index one past the cue phrase.

    Returns:
        The cue.
    """
    if child.dep_ != "ccomp":
        passive = [c for c in token.children if c.dep_ == "nsubjpass" and c.i < token.i]
        if token.lemma_.lower() in ADDRESSEE_VERBS:
            passive = []  # "she was asked about X": she is asked, X is the content
        raised = token.lemma_.lower() in RAISING_VERBS and not passive
        subjects = passive or [
            c for c in token.children if raised and c.dep_ == "nsubj" and c.i < token.i
        ]
        if subjects:
            agents = [c for c in token.children if c.dep_ == "agent"]
            holder = next((o for a in agents for o in a.children if o.dep_ == "pobj"), None)
            if raised:
                holder = subject_of(token)  # "he seemed to savor ...": his attitude still
            start = subjects[0].left_edge.i
            return Cue(token, (start, max(content[1], end)), holder, end)
    return Cue(token, content, subject_of(token), end)


def _noun_cues(token: Token, lemma: str, table: dict[str, frozenset[str]]) -> list[Cue]:
    found = []
    for child in token.children:
        if child.i < token.i:
            continue
        content = None
        shape = "clause"
        if child.dep_ == "prep" and f"{lemma} {child.lower_}" in table.get("nprep", ()):
            objects = [o for o in child.children if o.dep_ in ("pobj", "pcomp")]
            if objects:
                content, shape = token_span(subtree(objects[0])), "object"
        elif (
            child.dep_ in ("acl", "ccomp")
            and lemma in table.get("nclause", ())
            and child.tag_ != "VBN"  # "a statement released Thursday" says when, not what
        ):
            content = token_span(subtree(child))
        if content is not None:
            found.append(Cue(token, content, _noun_speaker(token), token.i + 1, shape))
    return found


#: The parts of speech :func:`token_cues` reads.
_CUE_POS = ("VERB", "NOUN", "ADJ")


def token_cues(token: Token, table: dict[str, frozenset[str]]) -> list[Cue]:
    """The stance cues one token heads, as the construction lexicons ``table`` allow."""
    lemma = token.lemma_.lower()
    found: list[Cue] = []
    if token.pos_ == "VERB":
        found.extend(_verb_cues(token, lemma, table))
        extra = [passive_cue(token, table), complement_cue(token, table)]
        if lemma in NAMING_VERBS:
            extra.append(naming_cue(token))
        found.extend(cue for cue in extra if cue is not None)
    elif token.pos_ == "NOUN":
        found.extend(_noun_cues(token, lemma, table))
    elif token.pos_ == "ADJ":
        found.extend(adjective_cues(token, table))
        belief = belief_adjective_cue(token)
        found.extend([belief] if belief is not None else [])
    return found


def find_object_cues(doc: Doc) -> list[Cue]:
    """Find stance attributions with object or complement content.

    Args:
        doc: A parsed document.

    Returns:
        Cues in text order; the caller drops those that repeat a reported clause.
    """
    table = lexicon()
    # Only verbs, nouns and adjectives head a cue (see :func:`token_cues`).
    heads = indices_with_pos(doc, _CUE_POS)
    return [cue for i in heads for cue in token_cues(doc[i], table)]
