"""Stance cues beyond a verb's object: adjectives, passives with an agent, raising verbs.

PolNeAR counts as attribution more than what a verb governs as its object:

* an adjective of attitude with its phrase: "Walker is critical of the deal",
  "voters wary of Trump" (construction ``aprep``, keyed "critical of"), or of belief
  with its clause: "the mayor is confident that ..." (``BELIEF_ADJECTIVES``);
* a passive whose agent holds the content: "the plan was first reported by the
  Times" (``passive``, keyed by the verb's lemma);
* a raising verb with a complement: "the race appears closer in Ohio", where no
  one named holds the impression and the subject and complement are its content
  (``complement``, keyed by the verb's lemma).

Which words count was measured on the PolNeAR training split, like the rest of
``models/cue_lexicon.json`` (see :mod:`analysis.quotes.cues.object_cues`).
"""

from __future__ import annotations

from spacy.tokens import Token

from analysis.quotes.cues.clauses import Cue
from analysis.quotes.cues.subjects import subject_of
from analysis.quotes.cues.trees import subtree, token_span
from analysis.quotes.lexicon import BELIEF_ADJECTIVES

#: Dependents of a raising verb that say what its subject seems to be.
COMPLEMENTS = ("acomp", "attr", "oprd")


def adjective_cues(token: Token, table: dict[str, frozenset[str]]) -> list[Cue]:
    """The object of an attitude adjective's phrase: content "the deal" of "critical of the deal".

    The holder is the subject the adjective is said of ("Walker is critical"), or
    the noun it modifies ("voters wary of Trump").
    """
    keys = table.get("aprep", frozenset())
    found = []
    for prep in token.rights:
        if prep.dep_ != "prep" or f"{token.lemma_.lower()} {prep.lower_}" not in keys:
            continue
        objects = [o for o in prep.children if o.dep_ in ("pobj", "pcomp")]
        content = token_span(subtree(objects[0])) if objects else None
        if content is None:
            continue
        holder = token.head if token.dep_ == "amod" else subject_of(token)
        end = prep.i + 1 if prep.i == token.i + 1 else token.i + 1
        found.append(Cue(token, content, holder, end, "object"))
    return found


def belief_adjective_cue(token: Token) -> Cue | None:
    """A belief adjective's clause: "the mayor is confident that the bill will pass".

    The holder is who the adjective is said of: the subject of its verb, or the noun
    it modifies ("residents worried that the rents will rise").
    """
    if token.lemma_.lower() not in BELIEF_ADJECTIVES or token.head.lemma_.lower() == "make":
        return None  # "make sure that ..." sees to something; no one believes it
    clauses = [c for c in token.rights if c.dep_ == "ccomp"]
    content = token_span(subtree(clauses[0])) if clauses else None
    if content is None:
        return None
    holder = token.head if token.dep_ == "amod" else subject_of(token)
    return Cue(token, content, holder, token.i + 1)


def passive_cue(token: Token, table: dict[str, frozenset[str]]) -> Cue | None:
    """A passive's subject as content and its agent as holder: "X was reported by the Times"."""
    if token.tag_ != "VBN" or token.lemma_.lower() not in table.get("passive", frozenset()):
        return None
    subjects = [c for c in token.lefts if c.dep_ == "nsubjpass"]
    agents = [o for a in token.rights if a.dep_ == "agent" for o in a.children if o.dep_ == "pobj"]
    if not subjects or not agents:
        return None
    content = token_span(subtree(subjects[0]))
    if content is None:
        return None
    return Cue(token, content, agents[0], token.i + 1, "object")


def complement_cue(token: Token, table: dict[str, frozenset[str]]) -> Cue | None:
    """The subject and complement of a raising verb: "the race appears closer in Ohio".

    The content runs from the subject over the complement and any phrase hung on
    the verb right after it; no one named holds the impression.
    """
    if token.lemma_.lower() not in table.get("complement", frozenset()):
        return None
    subjects = [c for c in token.lefts if c.dep_ == "nsubj"]
    complements = [c for c in token.rights if c.dep_ in COMPLEMENTS]
    if not subjects or not complements:
        return None
    last = complements[0].right_edge.i
    for child in token.rights:
        if child.dep_ == "prep" and child.i == last + 1:
            last = child.right_edge.i
    content = token_span(list(token.doc[subjects[0].left_edge.i : last + 1]))
    if content is None:
        return None
    return Cue(token, content, None, token.i + 1, "clause")
