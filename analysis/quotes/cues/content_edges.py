"""Where reported content ends: the writer's asides after it are not the source's words.

A parse subtree runs to the end of the sentence, so a reported clause picks up
what the writer tacks on after a comma: a non-restrictive relative clause ("...,
who was nominated in 2011"), a concessive clause ("..., though she did not say
when") or a contrast with another party ("..., while the shopkeepers said ...").
(Appositives are left alone: as often as not they are the source's.) Such an aside
glosses the content for the reader; the source did not say it, so the content
stops before it.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

#: Marks that set an aside off from what comes before it.
ASIDE_MARKS = frozenset({",", "—", "–", "--", "-", "("})
#: Words that open a non-restrictive relative clause.
RELATIVES = frozenset({"who", "whom", "whose", "which"})
#: Tokens that open or close a quotation: an aside inside one is the source's own.
QUOTE_MARKS = frozenset({'"', "“", "”", "''", "``"})
#: Subordinators of a concession or a contrast the writer adds; "while" and "whereas"
#: set another party's view beside the source's, which is no part of what the source said.
CONCESSIVES = frozenset({"though", "although", "while", "whereas"})
#: A cut that would leave fewer tokens than this keeps the aside instead.
MIN_KEPT_TOKENS = 3


def _opens_aside(token: Token) -> bool:
    """Whether ``token`` heads a clause or phrase that glosses what precedes it."""
    first = token.doc[token.left_edge.i]
    if token.dep_ == "relcl":
        return first.lower_ in RELATIVES
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
            if sum(t.text in QUOTE_MARKS for t in doc[start:lo]) % 2:
                continue  # inside a quotation: the source's own aside
            return start, lo - 1
    return content
