"""The attribution layer: everything an article attributes, each item with its act.

The ``quotes`` table holds statements only (speech and stated positions). The layer
beside it keeps every attribution found, beliefs, intentions, non-speech events,
negated speech and questions included, each with the act it reports (see
:mod:`analysis.quotes.acts`) and, for a statement, the id of its row in ``quotes``.
It is what PolNeAR-style annotation counts.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from typing import ClassVar

from spacy.tokens import Doc

from analysis.nlp import doc_text
from analysis.quotes.candidates import Candidate
from analysis.quotes.passages.framing import cue_span
from analysis.sentiment.tone import tone


@dataclass
class Attributed:
    """What every attribution row holds: its kind, its content, its speaker and its cue.

    :class:`Quote` and :class:`Attribution` hold these fields once, here, and their
    own fields around them; :meth:`to_dict` puts a row's keys in its schema order.

    Attributes:
        kind: ``direct``, ``indirect`` or ``mixed``.
        text, start, end: The content and its offsets.
        speaker, speaker_text, speaker_start, speaker_end: The resolved speaker, the
            mention as written and its offsets.
        cue, cue_start, cue_end: The cue phrase and its offsets.
    """

    kind: str
    text: str
    start: int
    end: int
    speaker: str | None
    speaker_text: str | None
    speaker_start: int | None
    speaker_end: int | None
    cue: str | None
    cue_start: int | None
    cue_end: int | None

    #: The row's own fields that its schema puts before the shared ones.
    LEADING: ClassVar[tuple[str, ...]] = ()

    @classmethod
    def columns(cls) -> list[str]:
        """The row's keys in schema order: its leading fields, the shared ones, the rest."""
        shared = [f.name for f in fields(Attributed)]
        rest = [f.name for f in fields(cls) if f.name not in shared and f.name not in cls.LEADING]
        return [*cls.LEADING, *shared, *rest]

    def to_dict(self) -> dict:
        """Return the row with its keys in schema order."""
        return {name: getattr(self, name) for name in self.columns()}


@dataclass
class Quote(Attributed):
    """One statement, as a row of the ``quotes`` table of schema ``newsbrief/1``."""

    quote_id: str
    source_id: str | None = None
    polarity: float = 0.0
    subjectivity: float = 0.0

    LEADING: ClassVar[tuple[str, ...]] = ("quote_id",)


@dataclass
class Attribution(Attributed):
    """One item of the attribution layer (the ``attributions`` list of schema ``newsbrief/1``).

    Attributes:
        attribution_id: ``A1``, ``A2``, ... in text order.
        act: One of :data:`analysis.quotes.acts.ACTS`.
        quote_id: The statement's id in the ``quotes`` table, or None for an
            attribution that is no statement.
    """

    attribution_id: str
    act: str
    quote_id: str | None

    LEADING: ClassVar[tuple[str, ...]] = ("attribution_id", "act", "quote_id")


#: The layer's columns, in order.
ATTRIBUTION_COLUMNS = Attribution.columns()


@dataclass
class Attributions:
    """What :func:`analysis.quotes.extractor.attribute` finds in one article.

    Attributes:
        layer: Every attribution, in text order.
        quotes: The statements among them, as rows of the ``quotes`` table.
    """

    layer: list[Attribution]
    quotes: list[Quote]


def _attributed(doc: Doc, candidate: Candidate) -> dict:
    """The shared fields of a finished candidate's rows: content, speaker and cue."""
    text = doc_text(doc)
    speaker = candidate.speaker
    where = cue_span(doc, candidate.cue) if candidate.cue is not None else None
    return {
        "kind": candidate.kind,
        "text": text[candidate.start : candidate.end],
        "start": candidate.start,
        "end": candidate.end,
        "speaker": speaker.name if speaker else None,
        "speaker_text": speaker.text if speaker else None,
        "speaker_start": speaker.start if speaker else None,
        "speaker_end": speaker.end if speaker else None,
        "cue": text[where[0] : where[1]] if where else None,
        "cue_start": where[0] if where else None,
        "cue_end": where[1] if where else None,
    }


def quote_row(doc: Doc, number: int, candidate: Candidate) -> Quote:
    """Turn a finished statement into the ``quotes`` row numbered ``Q<number>``."""
    shared = _attributed(doc, candidate)
    polarity, subjectivity = tone(shared["text"])
    return Quote(quote_id=f"Q{number}", **shared, polarity=polarity, subjectivity=subjectivity)


def attribution_row(
    doc: Doc, number: int, candidate: Candidate, quote_id: str | None
) -> Attribution:
    """Turn a finished candidate into the attribution-layer row numbered ``A<number>``."""
    return Attribution(
        attribution_id=f"A{number}",
        act=candidate.act or "speech",
        quote_id=quote_id,
        **_attributed(doc, candidate),
    )
