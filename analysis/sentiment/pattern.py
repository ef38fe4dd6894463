"""TextBlob's pattern sentiment scorer, reached without importing TextBlob.

``import textblob`` (and every submodule of it, since the package's ``__init__``
runs first) imports NLTK, which costs seconds at every start of a process. The
scorer newsbrief uses as its word-level baseline, TextBlob's ``PatternAnalyzer``,
needs none of that: it is the ``Sentiment`` class of TextBlob's ``_text`` module
(which imports only the standard library) over the bundled ``en-sentiment.xml``.
This module loads that one file from the installed TextBlob under a private
module name and configures it as TextBlob configures its English scorer, so the
scores are TextBlob's own (``tests/sentiment/test_tone.py`` compares the two).
"""

from __future__ import annotations

import functools
import importlib.util
import sys
from pathlib import Path
from types import ModuleType

#: The private name the scorer module is loaded under; never ``textblob._text``,
#: so that a later ``import textblob`` in the same process loads TextBlob whole.
_MODULE_NAME = "analysis.sentiment._textblob_text"
#: The settings of TextBlob's English scorer (``textblob.en.sentiment``).
_NEGATIONS = ("no", "not", "n't", "never")
_MODIFIER_TAGS = ("RB",)
_SYNSET = "wordnet_id"


def _textblob_dir() -> Path:
    spec = importlib.util.find_spec("textblob")
    if spec is None or not spec.submodule_search_locations:
        raise ImportError("textblob is not installed")
    return Path(next(iter(spec.submodule_search_locations)))


def _load_text_module(folder: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location(_MODULE_NAME, folder / "_text.py")
    if spec is None or spec.loader is None:
        raise ImportError(f"textblob's scorer module is missing from {folder}")
    module = importlib.util.module_from_spec(spec)
    sys.modules[_MODULE_NAME] = module
    spec.loader.exec_module(module)
    return module


def _adverb_of(adjective: str) -> str:
    # "terrible" -> "terribly", "happy" -> "happily", "extreme" -> "extremely".
    stem = adjective[:-1] + "i" if adjective.endswith("y") else adjective
    return stem[:-2] if stem.endswith("le") else stem


def _scorer_class(text_module: ModuleType) -> type:
    base = text_module.Sentiment

    class EnglishSentiment(base):
        """The lexicon plus an adverb for each adjective, as TextBlob's English scorer has."""

        def load(self, path=None):
            base.load(self, path)
            if path:
                return
            for word, by_tag in list(dict.items(self)):
                if "JJ" in by_tag:
                    polarity, subjectivity, intensity = by_tag["JJ"]
                    self.annotate(_adverb_of(word) + "ly", "RB", polarity, subjectivity, intensity)

    return EnglishSentiment


def _is_modifier(word: str) -> bool:
    # TextBlob treats adverbs ending in -ly as intensity modifiers of the next word.
    return word.endswith("ly")


#: How much an exclamation mark raises the word before it, as in TextBlob.
_EXCLAMATION_BOOST = 1.25
#: A negated word's polarity is this times its own: "not good" is slightly bad.
_NEGATED = -0.5
#: The sarcasm mark, scored as TextBlob scores it: no polarity, fully subjective.
_SARCASM = "(!)"
#: TextBlob skips the emoticon search for tokens longer than this.
_LONGEST_EMOTICON = 5


class _Assessor:
    """TextBlob's pattern scoring of a string, over plain dictionaries.

    TextBlob walks the words with a lazily loaded dictionary subclass and, for
    every token that is not a plain word, searches its whole emoticon table;
    that walk cost more than the tokenising. The same walk is made here over
    tables built once from TextBlob's own loaded lexicon, step for step as in
    ``Sentiment.assessments``, so the scores are identical
    (``tests/sentiment/test_tone.py`` compares them with TextBlob's).
    """

    def __init__(self, lexicon, text_module: ModuleType):
        lexicon.load()
        entries = dict.items(lexicon)
        #: word -> (polarity, subjectivity, intensity) averaged over its senses.
        self.scores = {word: tuple(by_tag[None]) for word, by_tag in entries if None in by_tag}
        #: Known words that modify the next one (those with an adverb sense).
        self.modifiers = frozenset(
            word for word, by_tag in entries if any(tag in by_tag for tag in _MODIFIER_TAGS)
        )
        self.negations = frozenset(_NEGATIONS)
        #: lower-cased emoticon -> polarity, the first group that has it winning, as in TextBlob.
        self.emoticons: dict[str, float] = {}
        for (_kind, polarity), faces in text_module.EMOTICONS.items():
            for face in faces:
                self.emoticons.setdefault(face.lower(), polarity)
        self.punctuation = text_module.PUNCTUATION
        self.find_tokens = text_module.find_tokens

    def __call__(self, text: str) -> tuple[float, float]:
        words = [word.lower() for word in " ".join(self.find_tokens(text)).split()]
        found = self.assess(words)
        polarities = [p * _NEGATED if negated else p for p, _s, _i, negated in found]
        count = float(len(found) or 1)
        return sum(polarities) / count, sum(row[1] for row in found) / count

    def assess(self, words: list[str]) -> list[list]:
        """``[polarity, subjectivity, intensity, negated]`` per scored chunk, in order."""
        found: list[list] = []
        modifier = negation = None  # the word before that modifies or negates the next
        for word in words:
            known = self.scores.get(word)
            if known is not None:
                self._known(found, known, modifier, negation)
                modifier = word if word in self.modifiers else None
                negation = word if word in self.negations else None
                continue
            if word in self.negations:
                negation = word
            elif negation and len(word.strip("'")) > 1:
                negation = None  # a negation carries across small words only: "not a good"
            if negation is not None and modifier is not None and _is_modifier(modifier):
                found[-1][3] = True  # "really not good"
                negation = None
            elif modifier and len(word) > 2:
                modifier = None  # a modifier carries across small words only
            self._unknown(found, word)
        return found

    @staticmethod
    def _known(found: list[list], known: tuple, modifier, negation) -> None:
        polarity, subjectivity, intensity = known
        if modifier is None:
            found.append([polarity, subjectivity, intensity, False])
        else:  # "really good": the modifier's intensity scales the word
            last = found[-1]
            last[0] = max(-1.0, min(polarity * last[2], +1.0))
            last[1] = max(-1.0, min(subjectivity * last[2], +1.0))
            last[2] = intensity
        if negation is not None:
            found[-1][2] = 1.0 / found[-1][2]
            found[-1][3] = True

    def _unknown(self, found: list[list], word: str) -> None:
        if word == "!" and found:
            found[-1][0] = max(-1.0, min(found[-1][0] * _EXCLAMATION_BOOST, +1.0))
        if word == _SARCASM:
            found.append([0.0, 1.0, 1.0, False])
        # TextBlob's test, kept as it is: not a plain word, short, and not a substring
        # of its punctuation string.
        if not word.isalpha() and len(word) <= _LONGEST_EMOTICON and word not in self.punctuation:
            polarity = self.emoticons.get(word)
            if polarity is not None:
                found.append([polarity, 1.0, 1.0, False])


@functools.lru_cache(maxsize=1)
def scorer():
    """The pattern sentiment scorer, built once per process.

    Returns:
        A callable: text -> ``(polarity, subjectivity)``, exactly as TextBlob's
        ``PatternAnalyzer().analyze(text)`` gives them.
    """
    folder = _textblob_dir()
    text_module = _load_text_module(folder)
    lexicon = _scorer_class(text_module)(
        path=str(folder / "en" / "en-sentiment.xml"),
        synset=_SYNSET,
        negations=_NEGATIONS,
        modifiers=_MODIFIER_TAGS,
        modifier=_is_modifier,
        tokenizer=text_module.find_tokens,
        language="en",
    )
    return _Assessor(lexicon, text_module)
