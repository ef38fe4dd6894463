"""Word-level tone: one set of thresholds and labels, shared by every table and the notebook."""

from __future__ import annotations

import subprocess
import sys

from analysis.parameters import notebook_defaults
from analysis.sentiment.tone import NEGATIVE_BELOW, POSITIVE_ABOVE, TONE_LABELS, tone, tone_label


def test_labels_follow_the_thresholds():
    assert tone_label(NEGATIVE_BELOW - 0.01) == TONE_LABELS[0]
    assert tone_label(NEGATIVE_BELOW) == TONE_LABELS[1]
    assert tone_label(POSITIVE_ABOVE) == TONE_LABELS[1]
    assert tone_label(POSITIVE_ABOVE + 0.01) == TONE_LABELS[2]
    assert tone_label(0.2, negative_below=-0.5, positive_above=0.3) == "neutral"


def test_the_briefing_defaults_are_the_shared_thresholds():
    defaults = notebook_defaults()
    assert defaults["negative_below"] == NEGATIVE_BELOW
    assert defaults["positive_above"] == POSITIVE_ABOVE


def test_tone_scores_words_and_is_empty_for_blank_text():
    assert tone("   ") == (0.0, 0.0)
    polarity, subjectivity = tone("A wonderful, excellent result.")
    assert polarity > POSITIVE_ABOVE and 0 < subjectivity <= 1


def test_importing_tone_loads_no_model_or_textblob():
    code = (
        "import sys\n"
        "import analysis.sentiment.tone\n"
        "heavy = ('textblob', 'numpy', 'spacy', 'analysis.sentiment.target', 'onnxruntime')\n"
        "print(sorted(m for m in heavy if m in sys.modules))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"


#: Sentences that exercise the parts of the pattern scorer: negation, intensifiers,
#: -ly modifiers, exclamation, contractions, emoticons, abbreviations and empty words.
_SCORER_CASES = (
    "A wonderful, excellent result.",
    "The plan is not good at all, and never will be.",
    "It was a very, very bad day for the ministry!",
    "The talks were extremely productive, officials said.",
    "He didn't think the deal was terrible :-(",
    "Mr. Smith called the drills a provocation; U.S. officials were unusually quiet.",
    "Quarterly output rose 3.2% in Q2.",
    "\u201cWe are deeply concerned,\u201d the spokesperson said.\n\nNew paragraph, happy news.",
    "It is really not good, and not a good idea either.",
    "Never really happy, he said it was so bad !!",
    "What a great plan (!) from the TERRIBLY slow council :D <3",
    "I'm not sure it isn't wonderful; she'd say it's awful.",
    "",
)


def test_tone_is_textblobs_own_pattern_score():
    from textblob.en.sentiments import PatternAnalyzer

    analyzer = PatternAnalyzer()
    for text in _SCORER_CASES:
        expected = analyzer.analyze(text)
        assert tone(text) == (round(expected[0], 4), round(expected[1], 4)), text


def test_the_scorer_gives_textblobs_unrounded_scores():
    # The scorer walks the words over its own tables; the result must be TextBlob's
    # to the last bit, not merely after rounding.
    from textblob.en.sentiments import PatternAnalyzer

    from analysis.sentiment.pattern import scorer

    analyzer = PatternAnalyzer()
    for text in _SCORER_CASES:
        assert scorer()(text) == tuple(analyzer.analyze(text)[:2]), text


def test_scoring_tone_imports_neither_textblob_nor_nltk():
    code = (
        "import sys\n"
        "from analysis.sentiment.tone import tone\n"
        "assert tone('A wonderful day.')[0] > 0\n"
        "print(sorted(m for m in ('textblob', 'nltk') if m in sys.modules))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"
