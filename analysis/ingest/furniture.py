"""Page furniture that extraction kept: sign-up boxes, newsletter blurbs, share buttons.

A saved page's text can keep lines that belong to the page, not the story:
"Thanks for signing up!", "Get the best of the news delivered to your inbox",
"Follow us on Twitter". Analysed as article text they become sentences, tone and
even sources. Such a line is short and says one of a few things a page says
to its reader; :func:`drop_furniture` takes those lines out before analysis,
and the article keeps a list of what went.
"""

from __future__ import annotations

import re

#: Longest line, in words, that can be furniture; a longer one is the story's.
MAX_WORDS = 30

_PATTERNS = [
    r"thanks?(?: you)? for (?:signing up|subscribing|registering|your interest)",
    r"sign(?:ing)? up (?:for|to) (?:our|the|a|my)\b.*\b(?:newsletter|emails?|alerts?|briefing)",
    r"(?:subscribe|sign up)(?: now| today)?(?: to| for)? (?:our|the)\b.*\bnewsletters?",
    r"\bnewsletters?\b.*\b(?:inbox|sign up|subscribe|email address)",
    r"(?:delivered|sent|straight|direct(?:ly)?) to your inbox",
    r"(?:enter|provide|type) your e-?mail",
    r"by (?:signing up|subscribing|clicking|registering)\b.*\b(?:agree|privacy|terms)",
    r"you (?:can|may) unsubscribe at any time",
    r"we (?:respect|value|care about) your privacy",
    r"(?:please )?(?:check|confirm|verify) your (?:inbox|e-?mail)",
    r"(?:follow|like|join) us on (?:twitter|facebook|instagram|linkedin|youtube|tiktok|x)\b",
    r"(?:click|tap) here (?:to|for)\b",
    r"(?:already (?:a subscriber|have an account)|create (?:a |your )?(?:free )?account)\b",
    r"(?:sorry|oops),? (?:there was|something went wrong|we could not)",
    r"(?:image|photo|picture|video) (?:copyright|caption|credit)s?\b",
    r"(?:read|see) (?:more|also|next)\s*:",
    r"(?:advertisement|sponsored content|story continues below(?: advertisement)?|"
    r"related(?: articles| stories| coverage| content)?|share this (?:article|story)|"
    r"skip advertisement|continue reading|most popular|trending now)\W*",
]
_FURNITURE = re.compile(r"^\W*(?:" + "|".join(_PATTERNS) + r")", re.I)
#: Lines that say only one of these words are buttons.
_BUTTONS = frozenset(
    "share tweet email print comment comments advertisement subscribe menu close".split()
)


def is_furniture(line: str) -> bool:
    """True when a line of text is page furniture rather than part of the story.

    Args:
        line: One line (or paragraph) of the extracted text.

    Returns:
        Whether it is a sign-up, newsletter, social or advertising line.
    """
    text = " ".join(line.split())
    if not text:
        return False
    words = text.split()
    if len(words) > MAX_WORDS:
        return False
    if all(word.strip("·|•:,.!").casefold() in _BUTTONS for word in words):
        return True
    return _FURNITURE.search(text) is not None


def drop_furniture(text: str) -> tuple[str, list[str]]:
    """Remove the furniture lines from an article body.

    Args:
        text: The normalised body, paragraphs separated by blank lines.

    Returns:
        ``(text, dropped)``: the body without those lines (blank-line runs closed
        up, so paragraphs stay paragraphs) and the lines taken out, in text order.
    """
    kept, dropped = [], []
    for line in text.split("\n"):
        if is_furniture(line):
            dropped.append(" ".join(line.split()))
        else:
            kept.append(line)
    if not dropped:
        return text, []
    body = re.sub(r"\n{3,}", "\n\n", "\n".join(kept)).strip("\n")
    return body, dropped
