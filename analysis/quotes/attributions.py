"""The attribution layer: everything an article attributes, each item with its act.

The ``quotes`` table holds statements only (speech and stated positions). The layer
beside it keeps every attribution found, beliefs, intentions, non-speech events,
negated speech and questions included, each with the act it reports (see
:mod:`analysis.quotes.acts`) and, for a statement, the id of its row in ``quotes``.
It is what PolNeAR-style annotation counts.
"""

from __future__ import annotations

from dataclasses import dataclass, fields

from spacy.tokens import Doc

from analysis.nlp import doc_text
from analysis.quotes.candidates import Candidate
from analysis.quotes.framing import cue_span
from analysis.sentiment.tone import tone


@dataclass
class Quote:
    """One attribution, as a row of the ``quotes`` table of schema ``newsbrief/1``."""

    quote_id: str
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
    source_id: str | None = None
    polarity: float = 0.0
    subjectivity: float = 0.0

    def to_dict(self) -> dict:
        """Return the row with the schema's keys in schema order."""
        return {f.name: getattr(self, f.name) for f in fields(self)}


@dataclass
class Attribution:
    """One item of the attribution layer (the ``attributions`` list of schema ``newsbrief/1``).

    Attributes:
        attribution_id: ``A1``, ``A2``, ... in text order.
        act: One of :data:`analysis.quotes.acts.ACTS`.
        quote_id: The statement's id in the ``quotes`` table, or None for an
            attribution that is no statement.
        kind: ``direct``, ``indirect`` or ``mixed``.
        text, start, end: The content and its offsets.
        speaker, speaker_text, speaker_start, speaker_end: The resolved speaker, the
            mention as written and its offsets.
        cue, cue_start, cue_end: The cue phrase and its offsets.
    """

    attribution_id: str
    act: str
    quote_id: str | None
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

    def to_dict(self) -> dict:
        """Return the row with its keys in field order."""
        return {f.name: getattr(self, f.name) for f in fields(self)}


#: The layer's columns, in order.
ATTRIBUTION_COLUMNS = [f.name for f in fields(Attribution)]


@dataclass
class Attributions:
    """What :func:`analysis.quotes.extractor.attribute` finds in one article.

    Attributes:
        layer: Every attribution, in text order.
        quotes: The statements among them, as rows of the ``quotes`` table.
    """

    layer: list[Attribution]
    quotes: list[Quote]


def quote_row(doc: Doc, number: int, candidate: Candidate) -> Quote:
    """Turn a finished statement into the ``quotes`` row numbered ``Q<number>``."""
    text = doc_text(doc)
    speaker = candidate.speaker
    where = cue_span(doc, candidate.cue) if candidate.cue is not None else None
    body = text[candidate.start : candidate.end]
    polarity, subjectivity = tone(body)
    return Quote(
        quote_id=f"Q{number}",
        kind=candidate.kind,
        text=body,
        start=candidate.start,
        end=candidate.end,
        speaker=speaker.name if speaker else None,
        speaker_text=speaker.text if speaker else None,
        speaker_start=speaker.start if speaker else None,
        speaker_end=speaker.end if speaker else None,
        cue=text[where[0] : where[1]] if where else None,
        cue_start=where[0] if where else None,
        cue_end=where[1] if where else None,
        polarity=polarity,
        subjectivity=subjectivity,
    )


def attribution_row(
    doc: Doc, number: int, candidate: Candidate, quote_id: str | None
) -> Attribution:
    """Turn a finished candidate into the attribution-layer row numbered ``A<number>``."""
    text = doc_text(doc)
    speaker = candidate.speaker
    where = cue_span(doc, candidate.cue) if candidate.cue is not None else None
    return Attribution(
        attribution_id=f"A{number}",
        act=candidate.act or "speech",
        quote_id=quote_id,
        kind=candidate.kind,
        text=text[candidate.start : candidate.end],
        start=candidate.start,
        end=candidate.end,
        speaker=speaker.name if speaker else None,
        speaker_text=speaker.text if speaker else None,
        speaker_start=speaker.start if speaker else None,
        speaker_end=speaker.end if speaker else None,
        cue=text[where[0] : where[1]] if where else None,
        cue_start=where[0] if where else None,
        cue_end=where[1] if where else None,
    )
