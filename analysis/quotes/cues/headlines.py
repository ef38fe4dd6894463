"""Title Case headlines: find their cues in a lower-cased parse.

In "Conservative Icon Endorses Ted Cruz" every word is capitalised, so the
tagger reads "Endorses" as part of a name and the parse holds no verb to cue an
attribution. A line in Title Case (or capitals) is parsed a second time with
its letters lower-cased, which lets the verbs be verbs again; the cues found
there are carried back onto the article's own tokens. Lower-casing keeps every
character at its offset, so the carried cues index the original text exactly.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from spacy.tokens import Doc, Token

from analysis.nlp import doc_text, parse_many
from analysis.quotes.cues.clauses import Cue

#: Words shorter than this are function words a headline may leave in lower case.
MIN_CONTENT_LETTERS = 4
#: A headline has at least this many content words, all capitalised.
MIN_CONTENT_WORDS = 3
#: A line with more words than this is body text, however it is cased.
MAX_HEADLINE_WORDS = 30
_WORD = re.compile(r"[^\W\d_][\w'’-]*")


def title_lines(text: str) -> list[tuple[int, int]]:
    """Return the character spans of lines set in Title Case or capitals.

    Args:
        text: The article text.

    Returns:
        ``(start, end)`` of each such line, in text order.
    """
    spans = []
    start = 0
    for line in text.split("\n"):
        words = _WORD.findall(line)
        content = [w for w in words if len(w) >= MIN_CONTENT_LETTERS]
        if (
            len(content) >= MIN_CONTENT_WORDS
            and len(words) <= MAX_HEADLINE_WORDS
            and all(w[0].isupper() for w in content)
            and len(line.lower()) == len(line)
        ):
            spans.append((start, start + len(line)))
        start += len(line) + 1
    return spans


def in_lines(pos: int, lines: list[tuple[int, int]]) -> bool:
    """Whether a character offset falls on one of the given lines."""
    return any(s <= pos < e for s, e in lines)


def _carry_token(doc: Doc, token: Token | None, offset: int) -> Token | None:
    if token is None:
        return None
    span = doc.char_span(offset + token.idx, offset + token.idx + len(token), "expand")
    return span.root if span is not None and len(span) else None


def _carry(doc: Doc, cue: Cue, offset: int) -> Cue | None:
    """Move a cue found in a re-parsed line onto the article's tokens."""
    small = cue.cue.doc
    first, last = small[cue.content[0]], small[cue.content[1] - 1]
    content = doc.char_span(offset + first.idx, offset + last.idx + len(last), "expand")
    end_tok = small[cue.cue_end - 1]
    tail = doc.char_span(offset + end_tok.idx, offset + end_tok.idx + len(end_tok), "expand")
    token = _carry_token(doc, cue.cue, offset)
    if content is None or tail is None or token is None or not len(content):
        return None
    speaker = _carry_token(doc, cue.speaker, offset)
    return Cue(token, (content.start, content.end), speaker, tail.end)


def recased_cues(
    doc: Doc, lines: list[tuple[int, int]], finders: list[Callable[[Doc], list[Cue]]]
) -> list[list[Cue]]:
    """Find cues in the lower-cased parse of each line.

    Args:
        doc: The parsed article.
        lines: Character spans of Title Case lines (see :func:`title_lines`).
        finders: Cue finders to run on each re-parsed line.

    Returns:
        For each finder, the cues it found, in the article's token indices.
    """
    found: list[list[Cue]] = [[] for _ in finders]
    text = doc_text(doc)
    smalls = parse_many(text[start:end].lower() for start, end in lines)
    for (start, _end), small in zip(lines, smalls, strict=True):
        for out, finder in zip(found, finders, strict=True):
            for cue in finder(small):
                carried = _carry(doc, cue, start)
                if carried is not None:
                    out.append(carried)
    return found
