"""Readings of the parse around a cue that the parser often gets wrong, or leaves implicit.

Two constructions decide what was said, or by whom, and the parse alone misleads:

* a "that" clause after a place or an occasion: "told reporters at a briefing that
  the port will grow" is parsed as if the clause described the briefing;
* an infinitive cue under a verb with an object: in "the video prompted some users
  to argue that ...", those who argue are the users, the verb's object, not the
  video, its subject;
* an indirect question after a verb of asking: "asked if the line would close" is
  often parsed as a condition on the asking, not as what was asked;
* a word that stands for the whole reported clause: "said so", "said yes";
* a second act of speech joined into the reported clause: in "said the bridge was
  safe and accused the council of ...", "accused" hangs on "was", yet the one
  who accuses is the one who said, not the bridge.
"""

from __future__ import annotations

from spacy.tokens import Token

from analysis.quotes.lexicon import (
    PRO_FORMS,
    QUESTION_VERBS,
    QUESTION_WORDS,
    SPEECH_VERBS,
    YES_NO_WORDS,
)

#: Verbs of causing someone to act ("led the maker to announce"), whose infinitive the
#: parser may attach as a clause of purpose.
CAUSING_VERBS = frozenset(
    "lead prompt cause force push drive spur inspire encourage persuade convince compel".split()
)
#: Dependencies of a clause's subject.
_SUBJECTS = ("nsubj", "nsubjpass")


def misread_question(verb: Token) -> Token | None:
    """The indirect question the parser hung on a verb of asking as an adverbial clause.

    "Asked if he would run, the mayor laughed": the "if" clause is what was asked,
    whatever the parser made of it. Only a clause after the verb that opens with a
    question word counts, and a word other than "if" or "whether" only right after
    the verb: "asked for a delay when the vote came" asks for a delay.

    Returns:
        The clause's head, or None.
    """
    if verb.lemma_.lower() not in QUESTION_VERBS:
        return None
    for clause in verb.rights:
        first = verb.doc[clause.left_edge.i]
        if clause.dep_ != "advcl" or first.lower_ not in QUESTION_WORDS:
            continue
        # "if" and "whether" ask after the one asked ("asked voters if ..."); "when" or
        # "how" further on more often say when or how the asking happened.
        if first.i == verb.i + 1 or first.lower_ in YES_NO_WORDS:
            return clause
    return None


def stands_for_a_clause(text: str) -> bool:
    """Whether a reported content is one word that stands for a clause ("so", "yes")."""
    return text.strip().lower() in PRO_FORMS


def pro_form(verb: Token) -> tuple[int, int] | None:
    """The word right after a verb of saying that stands for what was said ("said so").

    Returns:
        Its token range, or None.
    """
    doc = verb.doc
    if verb.i + 1 < len(doc) and stands_for_a_clause(doc[verb.i + 1].text):
        if doc[verb.i + 1].head.i == verb.i:
            return verb.i + 1, verb.i + 2
    return None


def misread_complement(verb: Token) -> Token | None:
    """The "that" clause the parser hung on a noun after ``verb`` as a relative clause.

    A relative clause has its "that" as a subject or an object; one with "that" as
    its complementiser and a subject of its own is a complement, and after a cue
    verb's place or occasion ("at a briefing that ...") it is what the verb reports.

    Returns:
        The clause's head, or None.
    """
    for prep in verb.rights:
        for noun in prep.children if prep.dep_ == "prep" else ():
            for clause in noun.rights:
                if clause.dep_ != "relcl":
                    continue
                marked = any(c.dep_ == "mark" and c.lower_ == "that" for c in clause.lefts)
                if marked and any(c.dep_ in _SUBJECTS for c in clause.lefts):
                    return clause
    return None


def object_controller(infinitive: Token) -> Token | None:
    """Who does what an infinitive says when the verb above it has an object.

    "led the maker to announce", "prompted users to argue": with a verb of causing,
    the object does it.

    Returns:
        The object, or None where the subject is the one who acts (or may be).
    """
    head = infinitive.head
    # Only a verb of causing is read so: with others the subject may be the one who
    # acts ("called the mayor to say", "promised them to say"), and the parser often
    # makes the infinitive a clause of purpose either way.
    if infinitive.dep_ not in ("xcomp", "advcl") or head.lemma_.lower() not in CAUSING_VERBS:
        return None
    if not any(c.dep_ == "aux" and c.lower_ == "to" for c in infinitive.lefts):
        return None
    return next((c for c in head.children if c.dep_ == "dobj" and c.i < infinitive.i), None)


def reports_again(verb: Token) -> Token | None:
    """The cue whose speaker goes on speaking in ``verb``, joined into its content.

    A verb of speech coordinated ("and", "but") with the head of a reported
    clause, in the tense of the cue above that clause and with no subject of its
    own, is a second act of the cue's speaker.

    Returns:
        The cue verb, or None when ``verb`` is no such second act.
    """
    clause = verb.head
    cue = clause.head
    if verb.dep_ != "conj" or clause.dep_ != "ccomp" or cue.i == clause.i:
        return None
    if verb.lemma_.lower() not in SPEECH_VERBS or cue.lemma_.lower() not in SPEECH_VERBS:
        return None
    if verb.tag_ != cue.tag_ or any(c.dep_ in _SUBJECTS for c in verb.children):
        return None
    if not any(c.dep_ == "cc" and c.i == verb.i - 1 for c in clause.children):
        return None
    return cue
