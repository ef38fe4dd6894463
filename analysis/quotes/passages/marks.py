"""Quotation marks: pair them into quoted passages, tolerating unbalanced marks.

Curly marks say which way they face; straight marks are read from their
neighbours (a mark after a space opens, one before a space closes). A passage
may run over several paragraphs: a paragraph that opens a quotation without
closing it continues into the next paragraph that starts with a quotation mark.
A mark that never finds its partner is dropped or closed at the paragraph end,
so no text is ever refused for its punctuation.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from analysis.quotes.limits import SHOW_LEAD_CHARS, TITLE_LEAD_CHARS

#: Opening and closing marks, plus the doubled apostrophes some outlets use.
_MARK = re.compile(r"''|``|[“”\"„«»]")
_OPENERS = frozenset({"“", "„", "«", "``"})
_CLOSERS = frozenset({"”", "»"})
_PARA = re.compile(r"[^\n]+")
#: A passage this long (in characters) or shorter is its two marks and nothing inside.
MARKS_ONLY = 2


@dataclass
class Passage:
    """A quoted passage: ``[start, end)`` includes its quotation marks.

    Attributes:
        start: Offset of the opening mark.
        end: Offset just past the closing mark (or the recovered end).
        closed: False when the closing mark was missing and the end was guessed.
        mark: The opening mark.
    """

    start: int
    end: int
    closed: bool = True
    mark: str = "“"

    @property
    def inner(self) -> tuple[int, int]:
        """The span without the marks."""
        return self.start + 1, self.end - 1 if self.closed else self.end


def _direction(text: str, pos: int, mark: str) -> str:
    """Say whether a mark opens, closes, or cannot tell (``"?"``)."""
    before = text[pos - 1] if pos > 0 else "\n"
    after_pos = pos + len(mark)
    after = text[after_pos] if after_pos < len(text) else "\n"
    if mark in _OPENERS:
        # A typo'd closer: `here,“ said Jim` faces the wrong way but ends a quote.
        if mark == "“" and before in ",.!?" and after.isspace():
            return "close"
        return "open"
    if mark in _CLOSERS:
        return "close"
    if mark == "''" and before.isalnum() and after.isalnum():
        return "skip"
    open_ok = before.isspace() or before in "([{—–-/:;,"
    close_ok = after.isspace() or after in ".,;:!?)]}—–-"
    if open_ok and not close_ok:
        return "open"
    if close_ok and not open_ok:
        return "close"
    return "?"


def _paragraph_marks(text: str, start: int, end: int) -> list[tuple[int, str, str]]:
    marks = []
    for m in _MARK.finditer(text, start, end):
        kind = _direction(text, m.start(), m.group())
        if kind != "skip":
            marks.append((m.start(), m.group(), kind))
    return marks


def find_passages(text: str) -> list[Passage]:
    """Pair the quotation marks of a text into passages.

    Args:
        text: The article body.

    Returns:
        The passages in text order; they never overlap.
    """
    passages: list[Passage] = []
    paragraphs = [(m.start(), m.end()) for m in _PARA.finditer(text) if m.group().strip()]
    carry: int | None = None  # opening offset of a quotation left open by the paragraph before
    for number, (p_start, p_end) in enumerate(paragraphs):
        marks = _paragraph_marks(text, p_start, p_end)
        body = text[p_start:p_end]
        body_start = p_start + len(body) - len(body.lstrip())
        opened: int | None = None
        if carry is not None:
            if marks and marks[0][0] == body_start and marks[0][2] != "close":
                # The continuation paragraph repeats the opening mark.
                opened = carry
                marks = marks[1:]
            else:
                passages.append(
                    Passage(carry, _last_end(text, paragraphs[number - 1]), False, text[carry])
                )
            carry = None
        for pos, mark, kind in marks:
            if opened is None:
                if kind == "close":
                    continue  # a stray closing mark: nothing to pair it with
                opened = pos
            else:
                if kind == "open":
                    # Two openers in a row: the first never closed; end it before this one.
                    end = _last_end(text, (opened, pos))
                    if end > opened + 1:
                        passages.append(Passage(opened, end, False, text[opened]))
                    opened = pos
                    continue
                passages.append(Passage(opened, pos + len(mark), True, text[opened]))
                opened = None
        if opened is not None:
            nxt = paragraphs[number + 1] if number + 1 < len(paragraphs) else None
            if nxt is not None and _MARK.match(text[nxt[0] : nxt[1]].lstrip()):
                carry = opened
            else:
                passages.append(
                    Passage(opened, _last_end(text, (p_start, p_end)), False, text[opened])
                )
    if carry is not None:
        passages.append(Passage(carry, _last_end(text, paragraphs[-1]), False, text[carry]))
    return [p for p in passages if p.end - p.start > MARKS_ONLY]


def _last_end(text: str, span: tuple[int, int]) -> int:
    """Return the end of ``span`` with trailing whitespace removed."""
    start, end = span
    while end > start and text[end - 1].isspace():
        end -= 1
    return end


_TITLE_WORD = re.compile(r"[\w’'&!?.-]+")
#: A title or show name has at most this many words.
MAX_TITLE_WORDS = 6
_MINOR = frozenset("a an and at by for in of on or the to with vs".split())
#: A possessive, a preposition or "the" before a capitalised passage make it a name or title.
_TITLE_LEAD = re.compile(r"(?:['’]s|\b(?:on|to|of|from|in|at|the|with))\s*$", re.I)
#: A broadcaster's name after "told" or "on" makes a capitalised passage a show title.
_SHOW_LEAD = re.compile(
    r"\b(?:told|on|to|from|in|at)\s+(?:the\s+)?(?:[A-Z][\w.&-]*\s+)*[A-Z][\w.&-]*['’]s\s*$"
)


def capitalised(text: str, passage: Passage) -> bool:
    """Whether a passage is a few capitalised words, as a name or a title is."""
    start, end = passage.inner
    words = _TITLE_WORD.findall(text[start:end])
    if not words or len(words) > MAX_TITLE_WORDS:
        return False
    return all(w[0].isupper() or w[0].isdigit() or w.lower() in _MINOR for w in words)


def is_title(text: str, passage: Passage) -> bool:
    """Whether a passage is a name or title: `sings Springsteen’s “American Skin”`.

    Args:
        text: The article body.
        passage: A quoted passage.

    Returns:
        True for a short passage of capitalised words after a possessive, a
        preposition or "the": it is what someone mentions, not their words.
    """
    lead = text[max(0, passage.start - TITLE_LEAD_CHARS) : passage.start]
    return capitalised(text, passage) and _TITLE_LEAD.search(lead) is not None


def is_show(text: str, passage: Passage) -> bool:
    """Whether a passage names the show someone spoke on: `told MSNBC’s “Morning Joe”`.

    Args:
        text: The article body.
        passage: A quoted passage.

    Returns:
        True for a capitalised passage after "told" or "on" and a possessive name.
    """
    lead = text[max(0, passage.start - SHOW_LEAD_CHARS) : passage.start]
    return capitalised(text, passage) and _SHOW_LEAD.search(lead) is not None
