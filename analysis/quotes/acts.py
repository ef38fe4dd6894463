"""Acts: what kind of act each attribution reports, and which of them are statements.

Attribution, as PolNeAR annotates it, is wider than speech: "feared retaliation",
"plans an offering" and "is expected to win" attribute a belief, an intention or
nothing anyone said. Every attribution the extractor finds keeps its place in the
attribution layer with one of these acts:

``speech``
    an act of saying or writing: said, told, wrote, tweeted, according to, a quotation;
``position``
    a position the source states: claimed, argued, accused X of Y, described X as Y;
``stance``
    a stance towards a thing, its content only a noun phrase: "condemned the move",
    "called for a recount";
``belief``
    a belief or a feeling: believes, fears, expects, "is seen as";
``intention``
    what the source wants or plans: wants to, plans to, hopes to;
``non_speech``
    an event or a deed, not a statement: decided, agreed to, enforced, issued; and
    whatever a thing "says" ("Fires have continued, showing that ..."), since only
    someone who can speak makes a statement (:mod:`analysis.entities.voices`);
``negated``
    speech that did not happen: did not say, declined to comment, no longer consider;
``question``
    a question put to someone: asked about X, asked whether;
``furniture``
    page furniture or the writer's own voice: headings, captions, "Graphic:" lines,
    "as we reported".

Only ``speech`` and ``position`` are statements (:data:`STATEMENT_ACTS`): they
make up the ``quotes`` table. The act comes from the cue verb's lemma class in the
cue lexicon, the dependency parse around the cue (a negation, a refusing verb
above it) and the shape of the content, never from a list of phrases.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Token

from analysis.entities.canonical import EntityIndex
from analysis.entities.voices import can_speak
from analysis.nlp import span_head
from analysis.quotes.candidates import Candidate
from analysis.quotes.lexicon import (
    BELIEF_ADJECTIVES,
    BELIEF_VERBS,
    EVIDENCE_VERBS,
    INTENTION_VERBS,
    NOUN_ACTS,
    POSITION_VERBS,
    QUESTION_VERBS,
    REFUSAL_VERBS,
    SPEECH_VERBS,
)
from analysis.quotes.spans import SpanIndex
from analysis.quotes.speakers.resolver import Speaker, voiced

ACTS = (
    "speech",
    "position",
    "stance",
    "belief",
    "intention",
    "non_speech",
    "negated",
    "question",
    "furniture",
)
#: The acts that the ``quotes`` table holds.
STATEMENT_ACTS = frozenset({"speech", "position"})

#: Verbs of deciding: a decision is an event, whatever it was about ("decided to move").
DECISION_VERBS = frozenset({"decide", "resolve", "choose", "opt"})
#: Verbs of asking for something: "asked not to be named".
REQUEST_VERBS = frozenset({"ask", "request"})
#: Verbs of agreeing: with an infinitive they make a deal ("agreed to pay"), not a statement.
AGREEMENT_VERBS = frozenset({"agree", "consent"})
#: Pronouns of the writer's own voice when no quotation holds them.
WRITER_PRONOUNS = frozenset({"i", "we"})
#: Links up from a cue to a verb whose negation or refusal covers it ("did not want to say").
_CHAIN = frozenset({"xcomp", "aux", "auxpass"})
#: Lines of page furniture: a label for a picture, a chart, a link or a credit.
_FURNITURE = re.compile(
    r"\s*(?:graphic|graphics|photo|photos|photograph|image|images|picture|video|caption|"
    r"credit|credits|chart|map|illustration|related|read more|see also|more|watch|listen)"
    r"\b[^\n]{0,40}?:",
    re.IGNORECASE,
)


def negated(cue: Token) -> bool:
    """Whether a cue's act is denied: "did not say", "never said", "declined to comment".

    The negation must sit on the cue itself or on a verb it completes ("would not
    want to say"); negation inside the reported clause ("said it would not") is
    the content's own.
    """
    node = cue
    while True:
        if node.lemma_.lower() in REFUSAL_VERBS:
            return True
        if any(_negates(c) for c in node.children):
            return True
        if node.dep_ not in _CHAIN or node.head.i == node.i:
            return False
        node = node.head


def _negates(child: Token) -> bool:
    """A negation on a verb: "not", "never", or an adverb it negates ("no longer")."""
    if child.dep_ == "neg":
        return True
    return child.dep_ == "advmod" and any(g.dep_ == "neg" for g in child.children)


def _asks(cue: Token, content: tuple[int, int]) -> bool:
    """Whether an "ask" cue reports a question rather than a request ("asked X to act")."""
    if cue.lemma_.lower() not in QUESTION_VERBS:
        return False
    # "asked the court to block it" is a request, and a request is said.
    return not any(c.dep_ == "xcomp" and content[0] <= c.i < content[1] for c in cue.children)


def _asks_anonymity(cue: Token) -> bool:
    """Whether a request is only the source's own for anonymity: "asked not to be named".

    A request with no one asked, whose infinitive is negated and passive, is about
    the speaker being left out of the story, not something they said of it.
    """
    if cue.lemma_.lower() not in REQUEST_VERBS or any(c.dep_ == "dobj" for c in cue.children):
        return False
    for clause in (c for c in cue.children if c.dep_ == "xcomp"):
        deps = {c.dep_ for c in clause.children}
        if "neg" in deps and "auxpass" in deps:
            return True
    return False


def verb_act(token: Token) -> str:
    """The act a cue word names by its lemma class in the cue lexicon."""
    lemma = token.lemma_.lower()
    if token.pos_ == "NOUN":
        return NOUN_ACTS.get(lemma, "non_speech")
    if token.pos_ == "ADJ" and lemma in BELIEF_ADJECTIVES:
        return "belief"
    if lemma in DECISION_VERBS:
        return "non_speech"
    if lemma in INTENTION_VERBS:
        return "intention"
    if lemma in BELIEF_VERBS:
        return "belief"
    if lemma in POSITION_VERBS:
        return "position"
    if lemma in SPEECH_VERBS:
        return "speech"
    return "non_speech"


def _line(text: str, offset: int) -> str:
    start = text.rfind("\n", 0, offset) + 1
    end = text.find("\n", offset)
    return text[start : end if end >= 0 else len(text)]


def furniture(text: str, offset: int, lines: list[tuple[int, int]]) -> bool:
    """Whether an offset lies on page furniture: a heading, a caption or a labelled line.

    Args:
        text: The article text.
        offset: Where the attribution's cue (or content) is.
        lines: The article's Title Case lines (headings and headlines).

    Returns:
        True on a "Graphic:" or "Photo:" line, or on a heading line that no full
        stop ends.
    """
    line = _line(text, offset)
    if _FURNITURE.match(line):
        return True
    heading = any(s <= offset < e for s, e in lines)
    return heading and not line.rstrip().endswith((".", "!", "?", "”", '"'))


def _evidence_without_voice(cue: Token, speaker: Token | None) -> bool:
    """A finding verb whose subject cannot speak ("fires showing that ...") or is no one
    ("the outflows were shown to ...")."""
    if cue.lemma_.lower() not in EVIDENCE_VERBS:
        return False
    if speaker is None:
        return True
    return speaker.pos_ != "PRON" and not can_speak(speaker)


def own_voice(mention: Token | None, quoted: SpanIndex) -> bool:
    """Whether the speaker is the writer: "I" or "we" outside any quotation ("as we reported")."""
    if mention is None or mention.lower_ not in WRITER_PRONOUNS:
        return False
    return not quoted.around(mention.idx)


def speaker_head(doc: Doc, speaker: Speaker | None) -> Token | None:
    """The head word of a resolved speaker's mention, or None when it has no words."""
    return None if speaker is None else span_head(doc, speaker.start, speaker.end)


def act_of(
    text: str,
    candidate: Candidate,
    lines: list[tuple[int, int]],
    quoted: SpanIndex,
    entities: EntityIndex,
) -> str:
    """Say what act a candidate attribution reports (one of :data:`ACTS`).

    Args:
        text: The article text.
        candidate: The candidate, its kind, cue, speaker mention and speaker settled.
        lines: The article's Title Case lines.
        quoted: The quoted passages, indexed.
        entities: The article's canonical entities, whose labels say who can speak.

    Returns:
        The act. A statement whose speaker is a thing is a ``non_speech`` event.
    """
    act = _cue_act(text, candidate, lines, quoted)
    mention = candidate.mention
    if act in STATEMENT_ACTS and mention is not None:
        if not voiced(mention.doc, candidate.speaker, entities):
            return "non_speech"
    return act


def _cue_act(
    text: str, candidate: Candidate, lines: list[tuple[int, int]], quoted: SpanIndex
) -> str:
    """The act a candidate reports by its cue, its content and the page around it.

    Args:
        text: The article text.
        candidate: The candidate, its kind, cue and speaker mention settled.
        lines: The article's Title Case lines.
        quoted: The quoted passages, indexed.

    Returns:
        The act.
    """
    cue = candidate.cue
    if cue is not None and cue.shape == "post":
        return "speech"  # a post's short lines may look like headings; they are its words
    where = cue.cue.idx if cue is not None else candidate.start
    if furniture(text, where, lines) or furniture(text, candidate.start, lines):
        return "furniture"
    if own_voice(candidate.mention, quoted):
        return "furniture"
    if cue is None or cue.cue.text == ":" or not cue.cue.is_alpha:
        return "speech"  # a quotation, a speaker label or a signed quote
    token = cue.cue
    if token.lower_ == "according" or token.lower_ == "in":
        return "speech"  # "according to X", "in a poll": a source cited
    if negated(token):
        return "negated"
    if candidate.kind != "direct" and _asks(token, cue.content):
        return "question"
    if candidate.kind != "direct" and _asks_anonymity(token):
        return "non_speech"
    if candidate.kind == "direct":
        return "speech"  # quoted words, whatever verb frames them
    act = verb_act(token)
    if act in ("speech", "position") and _evidence_without_voice(token, candidate.mention):
        return "non_speech"
    if token.lemma_.lower() in AGREEMENT_VERBS and _infinitive(token, cue.content):
        return "non_speech"  # "agreed to inject $6.5 billion": a deal, not a statement
    if (
        cue.shape == "object"
        and candidate.kind != "mixed"
        and not _holds_clause(cue.content, token)
    ):
        return "stance" if act in ("speech", "position") else act
    return act


def _infinitive(cue: Token, content: tuple[int, int]) -> bool:
    return any(c.dep_ == "xcomp" and content[0] <= c.i < content[1] for c in cue.children)


def _holds_clause(content: tuple[int, int], cue: Token) -> bool:
    """Whether noun-phrase content carries a clause of its own ("the idea that ...")."""
    for token in cue.doc[content[0] : content[1]]:
        if token.dep_ in ("acl", "ccomp") and any(
            c.dep_ == "mark" and c.lower_ in ("that", "whether") for c in token.children
        ):
            return True
    return False
