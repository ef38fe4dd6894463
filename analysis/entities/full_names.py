"""Full names of people, and the shorter mentions that stand for them.

An article names a person in full once and shortens the name after ("Song
Zhongping ... Song", "James Van Der Beek ... Van Der Beek"); :class:`FullNames`
finds the full name a shorter mention stands for. :func:`clean_name` strips a
mention's edges for every entity.
"""

from __future__ import annotations

import re
from bisect import bisect_left

from spacy.tokens import Span

_EDGE = re.compile(r"^(?:the\s+|The\s+)|[\s“”\"'‘’]+$|^[\s“”\"'‘’]+|(?:['’]s?)$")


def clean_name(text: str) -> str:
    """Strip articles, quotation marks and possessives from the edges of a mention.

    Args:
        text: The mention as it appears in the text.

    Returns:
        The bare name, e.g. ``"Chinese Defense Ministry"`` for ``"the Chinese Defense Ministry’s"``.
    """
    previous = None
    while previous != text:
        previous, text = text, _EDGE.sub("", text).strip()
    return re.sub(r"\s+", " ", text)


#: Share of capitalised words above which a sentence reads as a Title Case headline.
HEADLINE_CAPITALS = 0.6


def _plain_mention(ent: Span) -> bool:
    """Whether a person's name stands in running text, all proper nouns.

    In a Title Case headline, or with a verb in it, the tagger may have taken a word
    before the name into it ("Black Lawmakers Rip Donald Trump").
    """
    if not all(t.pos_ == "PROPN" for t in ent if t.is_alpha):
        return False
    words = [t for t in ent.sent if t.is_alpha]
    return sum(t.is_title for t in words) <= HEADLINE_CAPITALS * len(words)


def _ends(name: str, words: list[str]) -> bool:
    """Whether a shorter mention's words can stand for the full name (see FullNames.owner)."""
    parts = name.split()
    if len(words) == 1:
        return True
    extra = parts[: len(parts) - len(words)]
    # What comes before the shared words must read as given names ("James Van Der
    # Beek"), not as an article or a lower-case word the tagger took in ("a Donald Trump").
    return bool(extra) and parts[len(extra) :] == words and all(w.istitle() for w in extra)


class FullNames:
    """The article's multi-word person names, to resolve a lone surname against.

    "Song" joins "Song Zhongping" even when the surname comes first. When two full
    names share the word ("Bill Clinton", "Hillary Clinton"), the surname goes to the
    one mentioned last before it, as a reader would take it, else to the first one
    mentioned after it; longer names win only between mentions at the same place.
    """

    def __init__(self, kept: list[Span]):
        self._starts: dict[str, list[int]] = {}
        # Each name's mentions, read only when a shorter name of several words asks
        # whether the name is ever a plain mention (see _plain_mention).
        self._spans: dict[str, list[Span]] = {}
        for ent in kept:
            if ent.label_ == "PERSON":
                name = clean_name(ent.text)
                self._starts.setdefault(name, []).append(ent.start_char)
                self._spans.setdefault(name, []).append(ent)
        # Mention offsets in order, and the multi-word names by each of their words, so
        # that a surname is looked up by bisection rather than against every name.
        self._by_word: dict[str, list[str]] = {}
        for name, starts in self._starts.items():
            starts.sort()
            words = name.split()
            for word in dict.fromkeys(words) if len(words) > 1 else ():
                self._by_word.setdefault(word, []).append(name)

    def _shortens(self, name: str, short: str) -> bool:
        """Whether a shorter name of several words is ``name`` cut short, as articles do.

        They give the full name first and shorten it after ("Debbie Wasserman Schultz
        ... Wasserman Schultz"); a longer form seen only later, or never in running
        text, more likely holds a word the tagger took in ("Certainly Donald Trump").
        """
        if len(short.split()) == 1:
            return True
        first = self._starts.get(short, [])
        if first and self._starts[name][0] >= first[0]:
            return False
        return any(_plain_mention(ent) for ent in self._spans[name])

    def owner(self, word: str, at: int) -> str | None:
        """Return the full name that a shorter mention at ``at`` stands for, if any.

        A one-word mention may be any word of the full name ("Song" of "Song
        Zhongping"); a longer one must be its last words ("Van Der Beek" of "James
        Van Der Beek").
        """
        words = word.split()
        found = self._by_word.get(words[-1], ())
        candidates = sorted(n for n in found if _ends(n, words) and self._shortens(n, word))
        if not candidates:
            return None
        if len(candidates) == 1:
            return candidates[0]
        before = []
        for n in candidates:
            k = bisect_left(self._starts[n], at)  # mentions before ``at``: the first k
            if k:
                before.append((self._starts[n][k - 1], n))
        if before:
            return max(before, key=lambda item: (item[0], len(item[1].split()), item[1]))[1]
        after = [(self._starts[n][0], n) for n in candidates]
        return min(after, key=lambda item: (item[0], -len(item[1].split()), item[1]))[1]
