"""Embedded posts: the words of a social-media post set into the page, signed below.

A page that embeds a post keeps its text as paragraphs of their own, followed by
the author line the platform adds::

    The air in the city was horrific on Sunday. pic.twitter.com/abc123

    — Jo Reyes (@joreyes) November 3, 2019

The paragraphs are the author's own words, as a quotation is. A post runs back from
its author line over the paragraphs that end without a full stop (a post's own
line breaks) to the first one, the one right after the writer's last sentence.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc

from analysis.nlp import doc_text
from analysis.quotes.cues.clauses import Cue

#: The author line: a dash, the author's name, their handle in brackets and the date.
AUTHOR_LINE = re.compile(
    r"^[ \t]*[—–-][ \t]*(?P<name>[^\n()@—–]{2,80}?)[ \t]*\(@\w{1,30}\)[ \t]*"
    r"(?P<date>[A-Z][a-z]{2,8}\.? \d{1,2}, \d{4})[ \t]*$",
    re.MULTILINE,
)
#: A link the platform puts at the end of a post's text: a picture or a short link.
TRAILING_LINK = re.compile(r"[ \t]*(?:pic\.twitter\.com/\w+|https?://\S+)\s*$")
#: Marks that end the writer's sentences; a post's own line breaks end without one.
SENTENCE_ENDS = (".", "!", "?", "”", '"', "’", ")")
#: Most paragraphs one post is read to hold.
MAX_POST_PARAGRAPHS = 4


def _paragraphs_before(text: str, offset: int) -> list[tuple[int, int]]:
    """The non-empty lines before ``offset``, nearest first, as ``(start, end)``."""
    found = []
    end = offset
    while end > 0 and len(found) <= MAX_POST_PARAGRAPHS:
        start = text.rfind("\n", 0, end - 1) + 1 if end > 1 else 0
        line = text[start:end].strip()
        if line:
            lead = len(text[start:end]) - len(text[start:end].lstrip())
            found.append((start + lead, start + lead + len(line)))
        end = start
        if start == 0:
            break
    return found


def _post_span(text: str, line_start: int) -> tuple[int, int] | None:
    """Where the post signed at ``line_start`` lies: its paragraphs, links and all."""
    lines = _paragraphs_before(text, line_start)
    if not lines or AUTHOR_LINE.match(text, lines[0][0]):
        return None
    start, end = lines[0]
    for before, after in lines[1:MAX_POST_PARAGRAPHS]:
        if text[before:after].endswith(SENTENCE_ENDS) or AUTHOR_LINE.match(text, before):
            break
        start = before
    return start, end


def without_link(text: str, span: tuple[int, int]) -> tuple[int, int]:
    """A content span with a link at its end left off: a link is no one's words."""
    start, end = span
    link = TRAILING_LINK.search(text, start, end)
    if link is not None and link.start() > start:
        return start, link.start()
    return span


def find_post_cues(doc: Doc) -> list[Cue]:
    """Find the embedded posts of an article.

    Args:
        doc: A parsed document.

    Returns:
        One cue per author line: its dash as the cue, the post's words as content
        (shape ``post``) and the last word of the author's name as speaker.
    """
    text = doc_text(doc)
    found: list[Cue] = []
    for match in AUTHOR_LINE.finditer(text):
        span = _post_span(text, match.start())
        if span is None:
            continue
        content = doc.char_span(span[0], span[1], alignment_mode="expand")
        name = doc.char_span(match.start("name"), match.end("name"), alignment_mode="expand")
        dash = doc.char_span(match.start(), match.start("name"), alignment_mode="expand")
        if content is None or name is None or dash is None or len(content) == 0:
            continue
        cue = next((t for t in dash if not t.is_space), dash[0])
        found.append(Cue(cue, (content.start, content.end), name[-1], cue.i + 1, "post"))
    return found
