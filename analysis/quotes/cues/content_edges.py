"""Where reported content ends: the writer's asides after it are not the source's words.

A parse subtree runs to the end of the sentence, so a reported clause picks up
what the writer tacks on after a comma: a non-restrictive relative clause ("...,
who was nominated in 2011"), a concessive clause ("..., though she did not say
when") or a contrast with another party ("..., while the shopkeepers said ...").
(Appositives are left alone: as often as not they are the source's.) Such an aside
glosses the content for the reader; the source did not say it, so the content
stops before it. A participle of speech after it (", saying ...") is a second act
of saying, reported on its own.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from analysis.quotes.cues.clauses import Cue
from analysis.quotes.cues.trees import inside_quote
from analysis.quotes.lexicon import SPEECH_VERBS

#: Marks that set an aside off from what comes before it.
ASIDE_MARKS = frozenset({",", "—", "–", "--", "-", "("})
#: Words that open a non-restrictive relative clause.
RELATIVES = frozenset({"who", "whom", "whose", "which"})
#: Subordinators of a concession or a contrast the writer adds; "while" and "whereas"
#: set another party's view beside the source's, which is no part of what the source said.
CONCESSIVES = frozenset({"though", "although", "while", "whereas"})
#: Dependents that give a participle of speech words of its own.
_REPORTED = ("ccomp", "dobj", "xcomp")
#: A cut that would leave fewer tokens than this keeps the aside instead.
MIN_KEPT_TOKENS = 3


def _reports_again(token: Token) -> bool:
    """Whether a clause is a participle of speech with words of its own (", saying X")."""
    return (
        token.dep_ == "advcl"
        and token.tag_ == "VBG"
        and token.lemma_.lower() in SPEECH_VERBS
        and any(c.dep_ in _REPORTED for c in token.children)
    )


def _opens_aside(token: Token) -> bool:
    """Whether ``token`` heads a clause or phrase that glosses what precedes it."""
    first = token.doc[token.left_edge.i]
    if token.dep_ == "relcl":
        return first.lower_ in RELATIVES
    if _reports_again(token):
        return True
    if token.dep_ == "advcl":
        return any(c.dep_ == "mark" and c.lower_ in CONCESSIVES for c in token.children) or (
            first.lower_ == "even"
            and first.i + 1 < len(token.doc)
            and token.doc[first.i + 1].lower_ in CONCESSIVES
        )
    return False


def trim_aside(doc: Doc, content: tuple[int, int]) -> tuple[int, int]:
    """Cut a trailing aside off a content span.

    Args:
        doc: The parsed document.
        content: Token indices ``[start, end)`` of the reported content.

    Returns:
        The span without the first aside that runs from a mark to its end; the
        span unchanged when there is none or the cut would leave under three tokens.
    """
    start, end = content
    for token in doc[start:end]:
        lo = token.left_edge.i
        if lo - 1 - start < MIN_KEPT_TOKENS or token.right_edge.i + 1 < end or token.head.i >= lo:
            continue
        if doc[lo - 1].text in ASIDE_MARKS and _opens_aside(token):
            if inside_quote(doc, start, lo):
                continue  # inside a quotation: the source's own aside
            return start, lo - 1
    return content


def trim_asides(doc: Doc, cues: list[Cue]) -> None:
    """Trim every cue's content (see :func:`trim_aside`), in place.

    A participle of speech cut off a report ("Lee said the port had reopened,
    saying ...") is the same voice speaking again: its speaker is the report's,
    whatever clause inside the report the parser hung it on.
    """
    by_token: dict[int, list[Cue]] = {}
    for cue in cues:
        by_token.setdefault(cue.cue.i, []).append(cue)
    for cue in cues:
        if cue.shape == "post":
            continue  # a post is its author's own words, asides and all
        whole = cue.content
        cue.content = trim_aside(doc, whole)
        if cue.content == whole or cue.speaker is None:
            continue
        opener = next((t for t in doc[cue.content[1] : whole[1]] if not t.is_punct), None)
        if opener is not None and _reports_again(opener):
            for other in by_token.get(opener.i, ()):
                other.speaker = cue.speaker
