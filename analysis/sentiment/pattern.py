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


@functools.lru_cache(maxsize=1)
def scorer():
    """The pattern sentiment scorer, built once per process.

    Returns:
        A callable: text -> ``(polarity, subjectivity)``, exactly as TextBlob's
        ``PatternAnalyzer().analyze(text)`` gives them.
    """
    folder = _textblob_dir()
    text_module = _load_text_module(folder)

    def tokens(text: str, **_options) -> list[str]:
        return text_module.find_tokens(text)

    return _scorer_class(text_module)(
        path=str(folder / "en" / "en-sentiment.xml"),
        synset=_SYNSET,
        negations=_NEGATIONS,
        modifiers=_MODIFIER_TAGS,
        modifier=_is_modifier,
        tokenizer=tokens,
        language="en",
    )
