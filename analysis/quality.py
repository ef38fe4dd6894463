"""The text's own quality, read from the parse: the ``text_quality`` record of an analysis.

It runs after parsing, beside the stages that read the parse, and imports none of
them: the language ingestion detected, the furniture lines it took out, and the
sentences that extraction or editing damaged (:func:`garbled_sentences`).

A page's text can come out broken: a sentence that starts in the middle of a
phrase, two sentences run together where a line was lost, a fragment left
without its verb. The article is still analysed, but an analyst should know
which sentences to read with care. Each rule looks only at the words' parts of
speech, morphology and capitals, so it holds for any English article.

The rules were chosen so that they flag few sentences of clean news text
(PolNeAR's training articles): see ``benchmarks/garbled_rate.py``.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable
from typing import TYPE_CHECKING

from analysis.article import Article

if TYPE_CHECKING:  # the record reads a parse; the module itself loads no spaCy
    from spacy.tokens import Doc

#: Shortest sentence, in words, that the rules judge; shorter ones are often headings or captions.
MIN_WORDS = 5

#: A sentence longer than this is shown as an excerpt around the damage.
EXCERPT_CHARS = 120
#: Words shown before the place where two sentences run together.
EXCERPT_WORDS_BEFORE = 3

#: Why a sentence is listed, as shown in the briefing.
REASONS = {
    "no_verb": "no finished verb: a fragment, or the end of a sentence whose start is lost",
    "lowercase_start": "starts in the middle of a phrase",
    "run_together": "two sentences run together without punctuation",
}
_FINITE_TAGS = frozenset({"VBD", "VBP", "VBZ", "MD"})
#: Parts of speech that a real sentence may start with in lowercase: none of these.
_CONTINUATION_POS = frozenset({"ADP", "CCONJ", "SCONJ", "DET", "VERB", "AUX", "PART", "ADV"})
_CLAUSE_DETERMINERS = frozenset({"The", "A", "An", "This", "These", "Those"})
#: Where a Doc keeps the positions of its clause determiners once they are found.
_DETERMINERS_KEY = "newsbrief.clause_determiners"


def _words(sent) -> list:
    return [t for t in sent if not (t.is_punct or t.is_space)]


def _has_finite_verb(sent) -> bool:
    # A clitic "’s" is sometimes tagged as a possessive; "That’s 30 states" has its verb.
    return any(
        t.tag_ in _FINITE_TAGS
        or "Fin" in t.morph.get("VerbForm")
        or (t.lower_ in ("’s", "'s") and t.dep_ not in ("case", "poss"))
        or _subject_verb(t)
        for t in sent
    )


def _subject_verb(token) -> bool:
    # A verb with its own subject and no infinitive "to" is finite, whatever the tagger
    # said ("Many cities struggle", "The delay allowed"); "Pacific to try" is not.
    if token.pos_ not in ("VERB", "AUX"):
        return False
    # "The delay allowed for ...": a past form read as a participle right after the root noun.
    head = token.head
    if (
        token.tag_ == "VBN"
        and token.dep_ == "acl"
        and head.dep_ == "ROOT"
        and token.i == head.i + 1
    ):
        return head.i == token.sent.start + 1 or token.doc[head.i - 1].pos_ in ("DET", "ADJ")
    children = list(token.children)
    has_subject = any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in children)
    return has_subject and not any(c.tag_ == "TO" for c in children)


def _imperative(sent, words: list) -> bool:
    # "Follow us on Twitter.", "Read part 1 here.": a base-form verb at the root, first.
    root = sent.root
    return root.tag_ == "VB" and root.i == words[0].i


def _title_case(words: list) -> bool:
    # A headline ("Groups Launch Ads Against The Donald") capitalises most of its words.
    words = [t for t in words if t.is_alpha]
    capitals = sum(1 for t in words if t.text[:1].isupper())
    return len(words) > 0 and capitals >= 0.6 * len(words)


def _doc_text(doc) -> str:
    # The parse's helpers are imported here, not with the module, which loads no spaCy.
    from analysis.nlp import doc_text

    return doc_text(doc)


def _alone_on_its_line(sent) -> bool:
    # A line of its own without a verb is a heading, a caption or a credit, not damage.
    text = _doc_text(sent.doc)
    before = text[: sent.start_char].rstrip(" \t")
    after = text[sent.end_char :].lstrip(" \t")
    return (not before or before.endswith("\n")) and (not after or after.startswith("\n"))


def _quoted(token) -> bool:
    # Inside quotation marks: an odd number of marks between the sentence start and here.
    span = token.doc[token.sent.start : token.i]
    opened = sum(1 for t in span if t.text in ("“", '"')) - sum(1 for t in span if t.text == "”")
    return opened % 2 == 1 if "“" not in span.text else opened > 0


def _text(sent) -> str:
    # ``sent.text``, cut from the article's text instead of joined from the tokens.
    return _doc_text(sent.doc)[sent.start_char : sent.end_char]


def _full_stop(sent) -> bool:
    # A sentence closed by its own full stop, not a heading or a caption, and not
    # a quotation, whose fragments are speech.
    text = _text(sent).strip()
    return text.endswith(".") and not any(mark in text for mark in '“”"')


def _run_together(sent) -> int | None:
    """The token where a second sentence starts inside this one without punctuation."""
    doc = sent.doc
    marks = doc.user_data.get(_DETERMINERS_KEY)
    if marks is None:
        from analysis.nlp import indices_of

        marks = doc.user_data[_DETERMINERS_KEY] = indices_of(doc, "ORTH", _CLAUSE_DETERMINERS)
    # Only a determiner can start the second sentence: the others are never visited.
    for i in marks[bisect.bisect_right(marks, sent.start) : bisect.bisect_left(marks, sent.end)]:
        token = doc[i]
        before = token.nbor(-1)
        if (
            token.text in _CLAUSE_DETERMINERS
            and before.pos_ == "PROPN"
            and before.text[:1].isupper()
            and token.i + 1 < len(token.doc)
            and token.nbor(1).text[:1].isupper()
            and before.whitespace_ != ""
            and not _quoted(token)
        ):
            return token.i
    return None


def sentence_problems(sent) -> list[str]:
    """The reasons (keys of :data:`REASONS`) why a parsed sentence looks damaged.

    Args:
        sent: A spaCy sentence span.

    Returns:
        The reasons, in the order of :data:`REASONS`; empty for a sound sentence.
    """
    words = _words(sent)
    if len(words) < MIN_WORDS:
        return []
    found = []
    headline = _title_case(words)
    if (
        _full_stop(sent)
        and not _has_finite_verb(sent)
        and not _imperative(sent, words)
        and not headline
        and not _alone_on_its_line(sent)
    ):
        found.append("no_verb")
    first = words[0]
    if first.text[:1].islower() and first.pos_ in _CONTINUATION_POS and _full_stop(sent):
        found.append("lowercase_start")
    if not headline and _run_together(sent) is not None:
        found.append("run_together")
    return found


def garbled_sentences(sentences: Iterable, starts: list[int] | None = None) -> list[dict]:
    """List the damaged sentences of an article.

    Args:
        sentences: spaCy sentence spans, in text order.
        starts: Offsets of the sentences the article's sentence table keeps, so
            each finding names its ``sentence_id``; None numbers them as given.

    Returns:
        One record per damaged sentence: ``sentence_id``, ``start``, ``end``,
        ``text`` and ``reasons`` (plain-language explanations).
    """
    by_start = {start: number for number, start in enumerate(starts or [], start=1)}
    found = []
    for number, sent in enumerate(sentences, start=1):
        problems = sentence_problems(sent)
        if not problems:
            continue
        raw = _text(sent)
        text = raw.strip()
        start = sent.start_char + len(raw) - len(raw.lstrip())
        found.append(
            {
                "sentence_id": by_start.get(start, number) if starts is not None else number,
                "start": start,
                "end": start + len(text),
                "text": text,
                "excerpt": _excerpt(sent, text, start),
                "reasons": [REASONS[key] for key in problems],
            }
        )
    return found


def _excerpt(sent, text: str, start: int) -> str:
    """The part of a long sentence that shows the damage: from a few words before a run-together."""
    at = _run_together(sent)
    if at is None or len(text) <= EXCERPT_CHARS:
        return text if len(text) <= EXCERPT_CHARS else text[: EXCERPT_CHARS - 1] + "…"
    words = [t for t in sent.doc[sent.start : at] if not t.is_space][-EXCERPT_WORDS_BEFORE:]
    cut = words[0].idx - start if words else 0
    return ("… " if cut > 0 else "") + text[cut:]


def text_quality(article: Article, doc: Doc, sentences: list[dict]) -> dict:
    """The ``text_quality`` record: language, damaged sentences and the furniture taken out.

    Args:
        article: The article, its language detected and its furniture recorded.
        doc: Its parse.
        sentences: Its sentence records (see :func:`analysis.pipeline.sentence_records`),
            whose ids the damaged sentences take.

    Returns:
        ``{"language", "garbled", "furniture"}``.
    """
    return {
        "language": article.language,
        "garbled": garbled_sentences(doc.sents, [row["start"] for row in sentences]),
        "furniture": list(article.furniture),
    }
