"""Speaker labels: lines of the form ``NAME: words`` in headlines and transcripts.

"Sanders: Clinton Email Story Has Moved" and "BOULDUAN: Why not debate?" give
their words to the name before the colon. Only a short run of capitalised words
at the start of a line counts as a label, and words that introduce sections
("Update:", "Photo:"), a place name alone (a dateline), a headline's opener that
names no one ("The Latest:", "Revealed:") and an interview's "Q:" and "A:" do not.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from analysis.entities.countries import countries_in
from analysis.nlp import indices_of
from analysis.quotes.cues.clauses import Cue
from analysis.quotes.limits import MAX_LABEL

#: Words after a label shorter than this many tokens are no speech.
MIN_LABELLED_TOKENS = 2
#: Entity labels whose words name someone who can speak, whatever the tagger made of them.
SPEAKER_ENTITIES = frozenset({"PERSON", "ORG", "NORP", "GPE"})
#: Section and layout words that end in a colon without anyone speaking.
NOT_SPEAKERS = frozenset(
    """update updated related photo photos video videos note editor editors correction
    source sources watch read also more advertisement listen see click sign share follow
    subscribe contact email tags tagged filed posted published caption credit image images
    warning disclaimer transcript excerpt live breaking exclusive analysis opinion
    commentary review fact check""".split()
)


def _line_start(doc: Doc, i: int) -> bool:
    return i == 0 or "\n" in doc[i - 1].text or (doc[i - 1].is_space and _line_start(doc, i - 1))


def _label(doc: Doc, first: int, colon: int) -> Token | None:
    """Return the head word of a label ``doc[first:colon]``, or None if it is no label."""
    words = [t for t in doc[first:colon] if not t.is_space]
    if not words or len(words) > MAX_LABEL:
        return None
    if any(t.lower_ in NOT_SPEAKERS for t in words):
        return None
    if any(t.pos_ in ("VERB", "AUX") and not t.text[:1].isupper() for t in words):
        return None
    if not all(t.text[:1].isupper() or t.is_punct or t.tag_ == "POS" for t in words):
        return None
    if all(t.ent_type_ in ("GPE", "DATE", "TIME", "CARDINAL") for t in words if t.is_alpha):
        return None  # a dateline or a time stamp
    if len(words) == 1 and countries_in(words[0].text.title()):
        return None  # "NAIROBI:" opens a dateline
    heads = [t for t in words if t.is_alpha]
    if not heads or not _can_name(heads[-1]):
        return None  # "The Latest:", "Revealed:" open a headline; no one is named
    return heads[-1]


def _can_name(token: Token) -> bool:
    """Whether a label's head word can name who speaks: a noun, a name, or a word in
    capitals (a transcript names its speakers so, and the tagger may call them anything)."""
    if len(token) < 2:
        return False  # "Q:" and "A:" mark an interview's turns, not who speaks
    return token.pos_ in ("NOUN", "PROPN") or token.ent_type_ in SPEAKER_ENTITIES or token.is_upper


def _bare_name(words: Span) -> bool:
    """Whether what follows a label is only a name: a credit line, not speech.

    "Contributing: Jane Roe" or "Reporting by: Ann Lee, City News" credit a
    writer; no one says the name.
    """
    return all(t.pos_ == "PROPN" or t.is_punct or t.is_space for t in words)


def find_label_cues(doc: Doc) -> list[Cue]:
    """Find ``NAME: words`` lines.

    Args:
        doc: A parsed document.

    Returns:
        One cue per labelled line: the colon, the words after it to the line end,
        and the label's head word as speaker.
    """
    found: list[Cue] = []
    for i in indices_of(doc, "ORTH", [":"]):
        token = doc[i]
        if not 0 < token.i < len(doc) - 1:
            continue
        first = token.i - 1
        while first > 0 and not _line_start(doc, first) and token.i - first <= MAX_LABEL:
            first -= 1
        if not _line_start(doc, first):
            continue
        speaker = _label(doc, first, token.i)
        if speaker is None:
            continue
        end = token.i + 1
        while end < len(doc) and "\n" not in doc[end].text:
            end += 1
        start = token.i + 1
        while start < end and doc[start].is_space:
            start += 1
        while end > start and (doc[end - 1].is_space or doc[end - 1].text in (".", ",")):
            end -= 1
        if end - start < MIN_LABELLED_TOKENS or _bare_name(doc[start:end]):
            continue
        found.append(Cue(token, (start, end), speaker, token.i + 1))
    return found
