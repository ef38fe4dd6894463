"""Attribution cues: the words that introduce what someone said, thought or wants.

A cue is a speech or cognition verb ("said", "warned", "believes"), a noun that
carries content ("a claim that ..."), or a preposition ("according to", "in a poll"). This
module finds, from spaCy's dependency parse, each cue with the clause it governs:
the reported content. The words it looks for are in :mod:`analysis.quotes.lexicon`.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Token

from analysis.nlp import indices_of
from analysis.quotes.cues.misparse import (
    misread_complement,
    misread_question,
    pro_form,
    reports_again,
)
from analysis.quotes.cues.subjects import noun_agent, subject_of
from analysis.quotes.cues.trees import (
    contiguous,
    inside_quote,
    subtree,
    subtree_minus,
    token_span,
)
from analysis.quotes.lexicon import (
    ALL_CUE_VERBS,
    CONTENT_NOUNS,
    FINDING_NOUNS,
    INFINITIVE_CUES,
    SPEECH_VERBS,
)

#: Content of a finding ("leads in a new poll") shorter than this many tokens claims nothing.
MIN_FINDING_TOKENS = 3


@dataclass
class Cue:
    """One attribution found in the parse.

    Attributes:
        cue: The cue token (verb, noun or the word "according").
        content: Token indices ``[start, end)`` of the reported content.
        speaker: The token the attribution hangs on, or None.
        cue_end: Index one past the last token of the cue phrase.
        shape: What the content is: ``clause`` (a reported clause or infinitive),
            ``object`` (a bare noun phrase: "condemned the move") or ``predicate``
            (an object and what is said of it: "accused X of Y", "called X Y").
    """

    cue: Token
    content: tuple[int, int]
    speaker: Token | None
    cue_end: int
    shape: str = "clause"


_SUBJECTS = ("nsubj", "nsubjpass", "csubj")


def _full_clause(verb: Token) -> bool:
    """Whether a clause has a subject of its own, or opens with "that", "if" or "how"."""
    return any(c.dep_ in _SUBJECTS or c.dep_ == "mark" or c.tag_ == "WRB" for c in verb.children)


def _verb_cue(token: Token) -> Cue | None:
    lemma = token.lemma_.lower()
    content = None
    # Of two clauses, the one after the cue is what it reports when its subject comes
    # first, in the order of a report: the parser may make what goes before a clause
    # too ("In a new study out Monday, they detail how ..."). With no subject before it
    # ("..., said the chair Ann Roe") the cue closes the clause it reports.
    children = list(token.children)
    before = [c for c in children if c.dep_ == "ccomp" and c.i < token.i]
    after = [c for c in children if c.dep_ == "ccomp" and c.i > token.i and _full_clause(c)]
    subject_first = any(c.dep_ in _SUBJECTS and c.i < token.i for c in children)
    if before and after and subject_first:
        children = after + [c for c in children if c.i != after[0].i]
    for child in children:
        if child.dep_ == "ccomp" or (
            child.dep_ == "xcomp" and lemma in INFINITIVE_CUES and child.i > token.i
        ):
            tokens = subtree(child)
            if child.dep_ == "xcomp":
                # "urged the senator to resign": who is to act belongs to the demand.
                actors = [c for c in token.children if c.dep_ == "dobj" and token.i < c.i < child.i]
                tokens = [t for a in actors for t in subtree(a)] + tokens
            content = token_span(tokens)
            break
    if content is None:
        # "it says in a statement that ...": the clause hangs off the noun.
        for prep in token.children:
            for noun in prep.children if prep.dep_ == "prep" else ():
                found = _noun_cue(noun) if noun.lemma_.lower() in CONTENT_NOUNS else None
                if found is not None:
                    content = found.content
    clause = misread_complement(token) if content is None and lemma in SPEECH_VERBS else None
    clause = misread_question(token) if content is None and clause is None else clause
    if clause is not None:
        content = token_span(subtree(clause))
    if content is None and token.dep_ in ("parataxis", "ccomp") and token.head.i < token.i:
        # "The drills are routine, the ministry said": the cue hangs off the content.
        head = token.head
        if head.dep_ in ("ROOT", "conj") and lemma in SPEECH_VERBS:
            content = token_span(contiguous(subtree_minus(head, token)))
    if content is None and token.dep_ == "parataxis" and token.head.i > token.i:
        # "Biden, Rubio said, had been in the Senate": the cue interrupts its content,
        # which runs over the whole sentence around it.
        head = token.head
        if head.dep_ == "ROOT" and lemma in SPEECH_VERBS and head.left_edge.i < token.i:
            content = token_span(subtree(head))
    if content is None and token.dep_ == "advcl" and token.head.pos_ in ("VERB", "AUX"):
        # "X met Trump that day, as the Times reported": the "as" clause cites X.
        if any(c.dep_ == "mark" and c.lower_ == "as" for c in token.children):
            content = token_span(contiguous(subtree_minus(token.head, token)))
    content = pro_form(token) if content is None and lemma in SPEECH_VERBS else content
    if content is None:
        return None
    inverted = _inverted_aside(token)
    if inverted is not None:
        speaker, content = inverted
    else:
        speaker = subject_of(token)
    if speaker is None and any(c.dep_ == "auxpass" for c in token.children):
        return None  # "is expected to ...": nobody in particular holds the view
    end = token.i + 1
    for child in token.children:
        if child.dep_ == "prt" and child.i == end:
            end += 1
    return Cue(token, content, speaker, end)


def _inverted_aside(verb: Token) -> tuple[Token, tuple[int, int]] | None:
    """Read "The risk, say experts, is low" the way it is meant.

    The parser takes "The risk" for the subject of "say" and "experts" for the
    subject of "is". A cue set off by commas, with its "subject" before it and the
    clause's subject right after it and closed by a comma, is an inverted aside:
    the noun after the cue speaks, and the content is the sentence around it.

    Args:
        verb: A cue verb.

    Returns:
        The speaker and the content's token range, or None.
    """
    doc = verb.doc
    # The comma must open the aside, not close an apposition of the subject.
    if verb.i == 0 or doc[verb.i - 1].text != "," or doc[verb.i - 1].head.i != verb.i:
        return None
    subject = next((c for c in verb.lefts if c.dep_ == "nsubj"), None)
    clause = next((c for c in verb.rights if c.dep_ == "ccomp"), None)
    if subject is None or clause is None:
        return None
    inner = next((c for c in clause.lefts if c.dep_ in _SUBJECTS), None)
    if inner is None or inner.left_edge.i != verb.i + 1:
        return None
    # The closing comma may hang on the noun phrase or follow it.
    edge = inner.right_edge.i
    closed = doc[edge].text == "," or (edge + 1 < len(doc) and doc[edge + 1].text == ",")
    if not closed or inner.pos_ not in ("PROPN", "NOUN"):
        return None
    content = token_span([t for t in doc[subject.left_edge.i : clause.right_edge.i + 1]])
    return (inner, content) if content is not None else None


#: Clauses the parser may hang a closing "according to X" on inside the sentence.
_INNER_CLAUSES = ("advcl", "ccomp", "conj", "xcomp", "acomp")


def _according_head(token: Token) -> Token:
    """The clause an "according to X" phrase cites.

    The phrase cites what it sets off: unless it opens the sentence, that lies
    before it, so a head the parser finds after it ("..., according to an email
    kept secret") gives way to the clause above. Closing the sentence after a
    comma, it cites the whole sentence, not the inner clause the parser may hang
    it on ("is worse than Obama's ever has been, according to a pollster").
    """
    head = token.head
    while head.dep_ in ("prep", "pobj", "advmod") and head.head.i != head.i:
        head = head.head
    doc, sent = token.doc, token.sent
    opens = all(t.is_punct for t in doc[sent.start : token.i])
    while head.i > token.i and not opens and head.head.i != head.i:
        head = head.head
    closes = all(t.is_punct for t in doc[token.right_edge.i + 1 : sent.end])
    if closes and doc[token.i - 1].text == "," and sent.root.i < token.i:
        while head.dep_ in _INNER_CLAUSES and head.head.i != head.i:
            head = head.head
    return head


def _according(token: Token) -> Cue | None:
    to = [c for c in token.children if c.lower_ == "to"]
    if not to:
        return None
    pobj = [c for c in to[0].children if c.dep_ == "pobj"]
    if not pobj:
        return None
    head = _according_head(token)
    if head.lemma_.lower() in SPEECH_VERBS and head.sent[0].is_quote:
        if subject_of(head) is not None:
            # "“...,” he told them, according to a statement": the phrase says where
            # the words were reported; the speaker is the clause's own.
            return None
    content = token_span(contiguous(subtree_minus(head, token)))
    if content is None:
        return None
    return Cue(token, content, pobj[0], to[0].i + 1)


def _in_finding(token: Token) -> Cue | None:
    """A clause placed "in" a poll or study: the finding is the document's.

    Args:
        token: A preposition "in".

    Returns:
        The cue, its content the clause without the phrase; None when the phrase
        names no finding or hangs on a cue verb that reports the clause already.
    """
    pobj = [c for c in token.children if c.dep_ == "pobj" and c.lemma_.lower() in FINDING_NOUNS]
    head = token.head
    if not pobj or head.pos_ not in ("VERB", "AUX") or head.lemma_.lower() in ALL_CUE_VERBS:
        return None
    # The finding is the clause on the phrase's side of the verb; what follows a
    # closing "in the polls" (", and is coping with ...") is the writer's again.
    rest = subtree_minus(head, token)
    side = [t for t in rest if t.i < token.i] if token.i > head.i else rest
    content = token_span(contiguous(side))
    if content is None or content[1] - content[0] < MIN_FINDING_TOKENS:
        return None
    return Cue(token, content, pobj[0], token.i + 1)


def _noun_cue(token: Token) -> Cue | None:
    clause = [c for c in token.children if c.dep_ in ("acl", "ccomp") and c.i > token.i]
    if not clause and token.dep_ == "nsubj" and token.head.lemma_ == "be":
        # "His claim is that the vote was rigged": the clause is the noun's content.
        clause = [c for c in token.head.rights if c.dep_ == "ccomp"]
    if not clause:
        return None
    first = clause[0]
    if not any(c.dep_ == "mark" and c.lower_ == "that" for c in first.children):
        return None
    content = token_span(subtree(first))
    if content is None:
        return None
    speaker = next((c for c in token.children if c.dep_ == "poss"), None) or noun_agent(token)
    return Cue(token, content, speaker, token.i + 1)


def _under_cue_verb(noun: Token) -> bool:
    """Whether a content noun only modifies a cue verb ("said in a statement that")."""
    prep = noun.head
    verb = prep.head
    return prep.dep_ == "prep" and verb.pos_ in ("VERB", "AUX") and verb.lemma_ in ALL_CUE_VERBS


#: Prepositions that start a cue: "according to X", "in a statement".
_PREPOSITION_CUES = ("according", "in")


def find_cues(doc: Doc) -> list[Cue]:
    """Find every cue in a parsed document together with its content and subject.

    Args:
        doc: A spaCy Doc with a dependency parse.

    Returns:
        The cues in text order.
    """
    found: list[Cue] = []
    # Only these words can start a cue; the rest of the article is never visited.
    heads = indices_of(doc, "LEMMA", ALL_CUE_VERBS | CONTENT_NOUNS)
    heads = sorted(set(heads).union(indices_of(doc, "LOWER", _PREPOSITION_CUES)))
    for i in heads:
        token = doc[i]
        lemma = token.lemma_.lower()
        cue = None
        if lemma in ALL_CUE_VERBS and (token.pos_ in ("VERB", "AUX") or _tagged_as_noun(token)):
            cue = _verb_cue(token)
        elif token.lower_ == "according" and token.dep_ == "prep":
            cue = _according(token)
        elif token.lower_ == "in" and token.dep_ == "prep":
            cue = _in_finding(token)
        elif token.pos_ == "NOUN" and lemma in CONTENT_NOUNS and not _under_cue_verb(token):
            cue = _noun_cue(token)
        if cue is not None:
            found.append(cue)
    _split_coordinated(found, heads)
    return found


def _cut_before(verb: Token, start: int) -> int:
    """Where a content that ``verb`` continues ends: before the verb and its "and" or comma."""
    cut = verb.left_edge.i
    while cut > start and verb.doc[cut - 1].dep_ in ("cc", "punct"):
        cut -= 1
    return cut


def _tagged_as_noun(token: Token) -> bool:
    """Whether a cue verb the tagger took for a noun or adjective acts as a verb.

    "The agency estimates that ...", "Trump claims he's worth ...": a word with a
    subject and a reported clause of its own is the verb, whatever its tag.
    """
    if token.pos_ not in ("NOUN", "ADJ"):
        return False
    deps = {c.dep_ for c in token.children}
    return "nsubj" in deps and "ccomp" in deps


def _cut_second_acts(doc: Doc, cues: list[Cue], heads: list[int]) -> None:
    """End each content before the first verb of speech that is its cue's second act.

    ``heads`` are the indices of the article's cue words, which hold every verb of speech.
    """
    second: dict[int, list[Token]] = {}
    for i in heads:
        cue = reports_again(doc[i]) if doc[i].dep_ == "conj" else None
        if cue is not None:
            second.setdefault(cue.i, []).append(doc[i])
    for cue in cues:
        start, end = cue.content
        again = next((t for t in second.get(cue.cue.i, ()) if start <= t.i < end), None)
        if again is not None and not inside_quote(doc, start, again.i):
            cut = _cut_before(again, start)
            cue.content = (start, cut) if cut > start else cue.content


def _split_coordinated(cues: list[Cue], heads: list[int]) -> None:
    """Handle "Beijing denied that X and said Y", where the parser hangs "said" inside X.

    The second cue shares the first one's subject, and the first content stops
    before the coordinated cue. A verb of speech that is no clause cue ("said the
    bridge was safe and accused the council of ...") ends the content all the same
    (:func:`~analysis.quotes.cues.misparse.reports_again`).
    """
    by_token = {cue.cue.i: cue for cue in cues}
    if cues:
        _cut_second_acts(cues[0].cue.doc, cues, heads)
    for cue in cues:
        token = cue.cue
        if token.dep_ != "conj" or any(c.dep_ in _SUBJECTS for c in token.children):
            continue
        node = token.head
        while node.head.i != node.i and node.i not in by_token:
            node = node.head
        outer = by_token.get(node.i)
        if outer is None or outer is cue or not outer.content[0] < token.i < outer.content[1]:
            continue
        cue.speaker = outer.speaker
        cut = _cut_before(token, outer.content[0])
        if cut > outer.content[0]:
            outer.content = (outer.content[0], cut)
