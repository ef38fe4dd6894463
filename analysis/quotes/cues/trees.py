"""Parse-tree walks that cost one pass over a subtree, however deep it is, and token runs.

spaCy's ``Token.subtree`` nests one generator per level of the tree and finds each
node's children by scanning the node's whole extent, so a walk over a deep subtree
costs its size times its depth and, deep enough, overflows the stack. The cue
finders walk the subtree of every cue's clause; :func:`subtree` gives the same
tokens in the same order from one scan of the subtree's extent and an explicit stack.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

#: Subtrees spanning at most this many tokens are walked by spaCy itself: they are
#: shallow, and its walk is quicker there than building the children here.
NATIVE_SUBTREE_TOKENS = 48


def subtree(token: Token) -> list[Token]:
    """Return ``list(token.subtree)``: the token and its descendants, in spaCy's order.

    Args:
        token: Any token of a parsed Doc.

    Returns:
        The same list as spaCy's walk.
    """
    if token.right_edge.i - token.left_edge.i < NATIVE_SUBTREE_TOKENS:
        return list(token.subtree)
    return walk_subtree(token)


def walk_subtree(token: Token) -> list[Token]:
    """Walk a subtree without recursion; see :func:`subtree`.

    spaCy yields a node's left children's subtrees, the node, then its right
    children's subtrees, taking as children the tokens within the node's edges whose
    head it is. The children here come from one pass over the subtree's extent. An
    edge outside that extent (a parse spaCy could not make consistent) falls back to
    spaCy's own walk.
    """
    doc = token.doc
    lo, hi = token.left_edge.i, token.right_edge.i
    kids: dict[int, list[Token]] = {}
    edges: dict[int, tuple[int, int]] = {}
    for t in doc[lo : hi + 1]:
        left, right = t.left_edge.i, t.right_edge.i
        if left < lo or right > hi:
            return list(token.subtree)
        edges[t.i] = (left, right)
        head = t.head.i
        if head != t.i and lo <= head <= hi:
            kids.setdefault(head, []).append(t)
    out: list[Token] = []
    # Each entry is a node to expand, or (False, node) for a node to emit.
    stack: list = [token]
    while stack:
        item = stack.pop()
        if isinstance(item, tuple):
            out.append(item[1])
            continue
        left, right = edges[item.i]
        children = kids.get(item.i, ())
        stack.extend(reversed([c for c in children if item.i < c.i <= right]))
        stack.append((False, item))
        stack.extend(reversed([c for c in children if left <= c.i < item.i]))
    return out


def token_span(tokens: list[Token]) -> tuple[int, int] | None:
    """Trim punctuation at the edges of a token run, keeping closing quotation marks."""
    first, last = 0, len(tokens)
    while first < last and (
        tokens[first].is_punct and not tokens[first].is_quote or tokens[first].is_space
    ):
        first += 1
    while first < last and (
        (tokens[last - 1].is_punct and not closes_quote(tokens[last - 1]))
        or tokens[last - 1].is_space
    ):
        last -= 1
    if first == last:
        return None
    return tokens[first].i, tokens[last - 1].i + 1


def closes_quote(token: Token) -> bool:
    """Whether a token is a quotation mark that closes the words before it."""
    return token.text in ("”", '"', "''", "’") and token.i > 0 and not token.nbor(-1).is_space


def subtree_minus(head: Token, cut: Token) -> list[Token]:
    """Return the subtree of ``head`` without the subtree of ``cut``, in order."""
    lo, hi = cut.left_edge.i, cut.right_edge.i
    return [t for t in subtree(head) if not lo <= t.i <= hi]


def contiguous(tokens: list[Token]) -> list[Token]:
    """Keep the longest run of adjacent tokens, so a content span never jumps a gap."""
    best: list[Token] = []
    run: list[Token] = []
    for token in tokens:
        if run and token.i != run[-1].i + 1:
            best = run if len(run) > len(best) else best
            run = []
        run.append(token)
    return run if len(run) > len(best) else best


#: Tokens that open or close a quotation.
QUOTE_MARKS = frozenset({'"', "“", "”", "''", "``"})


def inside_quote(doc: Doc, start: int, end: int) -> bool:
    """Whether a quotation opened in ``doc[start:end]`` is still open at its end.

    An aside or a second verb of speech there is the source's own words.
    """
    return sum(t.text in QUOTE_MARKS for t in doc[start:end]) % 2 == 1
