"""The language an article is written in, as an ISO 639-1 code.

newsbrief's tone, quote and source stages read English; an article in another
language gets entities only, and the briefing says why. The code comes from
langdetect (a port of Google's language-detection library), seeded so that the
same text always gives the same answer. English is the safe side: a text whose
share of English function words is that of English prose stays ``"en"`` even
when the detector hesitates, so a short English article never loses its quotes.
"""

from __future__ import annotations

import re

#: Characters of the text the detector reads; the start of an article is enough.
SAMPLE_CHARS = 4000
#: Share of words that are English function words, above which a text is English.
ENGLISH_SHARE = 0.15
#: Probability the detector needs before a text counts as not English.
MIN_PROBABILITY = 0.9
#: Fewest letters for a judgement; a shorter text is taken as English.
MIN_LETTERS = 20

_ENGLISH = frozenset(
    """
    the of and to a in that is was he she it for on with as his her they at by this had from
    are but not have has an be were which or we their been there its who would will said says
    more when after about also one two new than them can could into out up over what all
    """.split()
)
_WORDS = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")

#: Names for the codes the briefing is likely to show; others are shown as the code.
NAMES = {
    "ar": "Arabic", "de": "German", "en": "English", "es": "Spanish", "fa": "Persian",
    "fr": "French", "he": "Hebrew", "hi": "Hindi", "id": "Indonesian", "it": "Italian",
    "ja": "Japanese", "ko": "Korean", "nl": "Dutch", "pl": "Polish", "pt": "Portuguese",
    "ru": "Russian", "sv": "Swedish", "tr": "Turkish", "uk": "Ukrainian", "vi": "Vietnamese",
    "zh": "Chinese",
}  # fmt: skip


def language_name(code: str | None) -> str:
    """The English name of a language code ("de" -> "German"), or the code itself."""
    if not code:
        return "unknown"
    return NAMES.get(code, code)


def english_share(text: str) -> float:
    """Share of the text's words that are common English function words."""
    words = [w.casefold() for w in _WORDS.findall(text)]
    return sum(1 for w in words if w in _ENGLISH) / len(words) if words else 0.0


def _detect(text: str) -> tuple[str, float] | None:
    from langdetect import DetectorFactory, detect_langs
    from langdetect.lang_detect_exception import LangDetectException

    # The detector samples at random; a fixed seed gives the same answer every run.
    DetectorFactory.seed = 0
    try:
        ranked = detect_langs(text)
    except LangDetectException:
        return None
    if not ranked:
        return None
    best = ranked[0]
    # langdetect says "zh-cn" and "zh-tw"; ISO 639-1 has "zh".
    return best.lang.split("-")[0], best.prob


def detect_language(text: str) -> str | None:
    """Detect an article's language.

    Args:
        text: The article body.

    Returns:
        An ISO 639-1 code such as ``"en"`` or ``"de"``; ``"en"`` for text too short
        to judge or that reads as English prose; None for text without letters.
    """
    sample = text[:SAMPLE_CHARS]
    letters = sum(1 for c in sample if c.isalpha())
    if letters == 0:
        return None
    if letters < MIN_LETTERS or english_share(sample) >= ENGLISH_SHARE:
        return "en"
    found = _detect(sample)
    if found is None:
        return "en"
    code, probability = found
    return code if probability >= MIN_PROBABILITY else "en"
