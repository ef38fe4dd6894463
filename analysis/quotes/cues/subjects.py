"""Who does what a verb says: the subject of a cue, where the parse hides it.

The subject of a cue verb is usually its ``nsubj``; but a cue is often a
participle, an infinitive or a second verb of a coordination with no subject of
its own, and the parser leaves some subjects where they do not belong. This
module climbs from the cue to the one who speaks, reading each such construction
("was prompted to say", "chances to challenge", "Orbit founder and CEO Daniel
Wu") as :func:`subject_of` explains.
"""

from __future__ import annotations

from spacy.tokens import Token

from analysis.entities.voices import can_speak
from analysis.quotes.cues.misparse import object_controller, reports_again
from analysis.quotes.lexicon import AGENT_PREPS, PARTITIVES
from analysis.quotes.limits import SUBJECT_CLIMB


def subject_of(verb: Token) -> Token | None:
    """Return the subject of a verb, climbing through coordination and participles."""
    node = verb
    # Climbed out of "was prompted to say" or "was heckled and said": a passive subject
    # speaks too, though not in the clause it was found in.
    raised = False
    for _ in range(SUBJECT_CLIMB):
        for child in node.children:
            if child.dep_ == "nsubjpass" and raised:
                return child
            if child.dep_ == "nsubj":
                return _named_subject(_nearest_subject(node))
            if child.dep_ == "agent" and node.tag_ == "VBN":
                pobj = [c for c in child.children if c.dep_ == "pobj"]
                if pobj:
                    return pobj[0]
        if _thing_to_do(node):
            # "passed up chances to challenge", "pivoted with every answer to talk
            # about": a thing with an infinitive is what is done, not who does it.
            noun = node.head
            owner = [c for c in noun.children if c.dep_ == "poss"]
            if owner:
                return owner[0]  # "Trump's intention to push": whose intention it is
            governor = noun.head.head if noun.dep_ == "pobj" else noun.head
            if noun.dep_ not in ("dobj", "pobj") or governor.pos_ not in ("VERB", "AUX"):
                break
            node = governor
            continue
        if node.dep_ == "acl" and node.head.pos_ in ("NOUN", "PROPN", "PRON"):
            holder = _acl_holder(node.head)
            if holder is not None:
                return holder
            node = node.head.head.head if node.head.dep_ == "pobj" else node.head.head
            continue
        reporter = reports_again(node)
        if reporter is not None:
            node = reporter  # "said the bridge was safe and accused ...": the sayer accuses
            continue
        controller = object_controller(node)
        if controller is not None:
            return controller  # "prompted users to argue": the users argue
        # "dep" is the parser's unnamed link: "X paused, then revealed why ..." leaves
        # "revealed" hanging on "paused" with no subject of its own.
        climbs = ("conj", "xcomp", "advcl", "acl", "relcl", "acomp", "dep")
        if node.dep_ in climbs and node.head is not node:
            if node.dep_ == "relcl" and node.head.pos_ in ("NOUN", "PROPN", "PRON"):
                return node.head
            raised = node.dep_ in ("xcomp", "conj", "advcl")
            node = node.head
            continue
        if node.dep_ == "pcomp" and node.head.dep_ == "prep":
            # "rallied thousands by promising ...": the gerund's doer is the clause subject.
            verb_head = node.head.head
            if verb_head.pos_ in ("VERB", "AUX", "ADJ"):
                raised = True
                node = verb_head
                continue
        break
    return None


def _nearest_subject(verb: Token) -> Token:
    """The verb's subject; of several, the one nearest before it.

    A verb has one subject; where the parser gives it more ("Acme co-founder and
    chief executive Maya Lin said" comes out as three), the head of the noun phrase
    is its last word, the one next to the verb.
    """
    subjects = [c for c in verb.children if c.dep_ == "nsubj"]
    before = [c for c in subjects if c.i < verb.i]
    return before[-1] if before else subjects[0]


def _named_subject(subject: Token) -> Token:
    """The name a bare title is coordinated with: "Orbit founder and CEO Daniel Wu".

    A singular common noun with no determiner cannot be a subject on its own, so
    when the parser joins it to a person's name the two are one person's titles and name.
    """
    if subject.tag_ != "NN" or any(c.dep_ in ("det", "poss") for c in subject.children):
        return subject
    names = [c for c in subject.children if c.dep_ == "conj" and c.ent_type_ == "PERSON"]
    return names[0] if names else subject


def _thing_to_do(verb: Token) -> bool:
    """Whether a verb is an infinitive hung on a noun for a thing ("chances to challenge")."""
    if verb.dep_ not in ("acl", "relcl") or verb.head.pos_ != "NOUN":
        return False
    if not any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.lefts):
        return False
    if any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children):
        return False
    return not can_speak(verb.head)


def _acl_holder(noun: Token) -> Token | None:
    """Who does what a noun's participle or infinitive says ("voters saying", "a speech attacking").

    A person, group or named thing the participle hangs on is the doer; a partitive
    gives way to its members; a thing that is the object of a verb ("made a speech
    attacking", "has done nothing to explain") gives way to that verb's subject,
    which the caller finds by climbing on (None is returned).
    """
    if noun.lemma_.lower() in PARTITIVES:
        for prep in noun.children:
            if prep.dep_ == "prep" and prep.lower_ == "of":
                members = [c for c in prep.children if c.dep_ == "pobj"]
                if members:
                    return members[0]
    if noun.dep_ in ("dobj", "pobj") and noun.pos_ == "NOUN" and noun.ent_type_ == "":
        head = noun.head.head if noun.dep_ == "pobj" else noun.head
        if head.pos_ in ("VERB", "AUX") and noun.tag_ != "NNS":
            return None
    return noun


def noun_agent(noun: Token) -> Token | None:
    """Return the holder a cue noun names after it: "complaints from the union that ...".

    Args:
        noun: A cue noun.

    Returns:
        The object of its "by" or "from" phrase, or None.
    """
    for prep in noun.rights:
        if prep.dep_ == "prep" and prep.lower_ in AGENT_PREPS:
            agent = next((c for c in prep.children if c.dep_ == "pobj"), None)
            if agent is not None and agent.pos_ in ("PROPN", "NOUN", "PRON"):
                return agent
    return None
