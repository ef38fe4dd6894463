"""The per-article pipeline: parse once, then entities, quotes, tone and sources.

``analyze`` handles one article; ``analyze_many`` streams a batch through spaCy's
``nlp.pipe`` and yields one Analysis at a time, so memory stays flat however
many articles go in.
"""

from __future__ import annotations

import bisect
import dataclasses
import itertools
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from spacy.tokens import Doc

from analysis import nlp
from analysis.article import Article
from analysis.entities.canonical import EntityIndex, extract_entities
from analysis.ingest.language import detect_language
from analysis.quality import text_quality
from analysis.quotes.extractor import attribute
from analysis.sentiment.actors import actor_sentiments
from analysis.sentiment.tone import ACTOR_LABELS, tone
from analysis.sources.build import build_sources
from analysis.tables import Analysis, records_to_frame

_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")
#: The language every stage after entities reads.
ENGLISH = "en"


def paragraph_starts(text: str) -> list[int]:
    """Return the offset where each paragraph begins (paragraphs are split by blank lines)."""
    return [0] + [m.end() for m in _PARAGRAPH_BREAK.finditer(text)]


def sentence_records(doc: Doc) -> list[dict]:
    """One record per sentence: trimmed offsets, paragraph id and TextBlob tone.

    Args:
        doc: The parsed article.

    Returns:
        Sentence rows in text order, whitespace-only sentences dropped.
    """
    text = nlp.doc_text(doc)
    starts = paragraph_starts(text)
    rows = []
    paragraph = 0
    for sent in doc.sents:
        raw = text[sent.start_char : sent.end_char]  # sent.text, without joining its tokens
        stripped = raw.strip()
        if not stripped:
            continue
        start = sent.start_char + (len(raw) - len(raw.lstrip()))
        end = start + len(stripped)
        while paragraph + 1 < len(starts) and starts[paragraph + 1] <= start:
            paragraph += 1
        polarity, subjectivity = tone(stripped)
        rows.append(
            {
                "sentence_id": len(rows) + 1,
                "paragraph_id": paragraph + 1,
                "start": start,
                "end": end,
                "text": stripped,
                "polarity": polarity,
                "subjectivity": subjectivity,
            }
        )
    return rows


def entity_records(entities: EntityIndex, sentences: list[dict]) -> list[dict]:
    """One record per canonical entity; its polarity is the mean tone of the sentences naming it."""
    bounds = sorted((s["start"], s["end"], s["polarity"]) for s in sentences)
    starts = [start for start, _, _ in bounds]
    rows = []
    for entity in entities:
        tones = {}
        for m_start, _ in entity.mentions:
            # Sentences never overlap: only the last one starting by the mention can hold it.
            k = bisect.bisect_right(starts, m_start) - 1
            if k >= 0 and m_start < bounds[k][1]:
                tones[bounds[k][:2]] = bounds[k][2]
        mean = round(sum(tones.values()) / len(tones), 4) if tones else 0.0
        rows.append(
            {
                "entity_id": entity.entity_id,
                "name": entity.name,
                "label": entity.label,
                "mentions": entity.n_mentions,
                "first_start": entity.first_start,
                "descriptor": entity.descriptor,
                "polarity": mean,
            }
        )
    return rows


def portrayal(
    doc: Doc, sentences: list[dict], entities: EntityIndex, quotes: list, sources: list
) -> tuple[dict, dict]:
    """Target-dependent sentiment towards each entity and each source, across its mentions.

    A source that is also a named entity is judged on every mention of that entity;
    an unnamed one ("defense experts") on the mentions its quotes hang on.

    Returns:
        ``(by_entity_id, by_source_id)``, each mapping an id to the sentiment summary.
    """
    spans = [(row["start"], row["end"]) for row in sentences]
    # Works, laws, products and events are named, not portrayed: they get no score.
    actors: dict[tuple[str, str], list[tuple[int, int]]] = {
        ("entity", e.entity_id): list(e.mentions) if e.label in ACTOR_LABELS else []
        for e in entities
    }
    spoken: dict[str, set[tuple[int, int]]] = {}
    for q in quotes:
        if q.speaker_start is not None:
            spoken.setdefault(q.source_id, set()).add((q.speaker_start, q.speaker_end))
    for source in sources:
        entity = entities.resolve_name(source.name) if source.named else None
        mentions = list(entity.mentions) if entity else []
        if not mentions:
            mentions = sorted(spoken.get(source.source_id, ()))
        actors[("source", source.source_id)] = mentions
    found = actor_sentiments(nlp.doc_text(doc), spans, actors)
    by_entity = {key[1]: value for key, value in found.items() if key[0] == "entity"}
    by_source = {key[1]: value for key, value in found.items() if key[0] == "source"}
    return by_entity, by_source


def entities_only(article: Article, doc: Doc, sentences: list[dict], quality: dict) -> Analysis:
    """The Analysis of an article not in English: its sentences and entities, nothing scored.

    Tone, quotes, sources and portrayal read English words and English cues; on
    another language they would give confident nonsense, so they are left empty.
    """
    entities = extract_entities(doc)
    rows = [{**row, "polarity": None} for row in entity_records(entities, sentences)]
    sentences = [{**row, "polarity": None, "subjectivity": None} for row in sentences]
    return Analysis(
        article=article,
        sentences=records_to_frame("sentences", sentences),
        entities=records_to_frame("entities", rows),
        quotes=records_to_frame("quotes", []),
        sources=records_to_frame("sources", []),
        quality=quality,
    )


def analyze_doc(article: Article, doc: Doc) -> Analysis:
    """Run every stage after parsing.

    An article that is not in English gets sentences and entities only (see
    :func:`entities_only`).

    Args:
        article: The article; ``doc`` must be the parse of ``article.text``.
        doc: The parsed article.

    Returns:
        The article's Analysis.
    """
    if article.language is None and article.text.strip():
        article = dataclasses.replace(article, language=detect_language(article.text))
    sentences = sentence_records(doc)
    quality = text_quality(article, doc, sentences)
    if article.language not in (None, ENGLISH):
        return entities_only(article, doc, sentences, quality)
    entities = extract_entities(doc)
    found = attribute(doc, entities)
    quotes, layer = found.quotes, found.layer
    sources = build_sources(quotes, entities, doc)
    by_entity, by_source = portrayal(doc, sentences, entities, quotes, sources)
    entity_rows = [
        {**row, **by_entity[row["entity_id"]]} for row in entity_records(entities, sentences)
    ]
    source_rows = [{**s.to_dict(), **by_source[s.source_id]} for s in sources]
    return Analysis(
        article=article,
        sentences=records_to_frame("sentences", sentences),
        entities=records_to_frame("entities", entity_rows),
        quotes=records_to_frame("quotes", [q.to_dict() for q in quotes]),
        sources=records_to_frame("sources", source_rows),
        tone=tone(article.text),
        attributions=records_to_frame("attributions", [a.to_dict() for a in layer]),
        quality=quality,
    )


def analyze(article: Article) -> Analysis:
    """Analyse one article.

    Args:
        article: An article from :func:`analysis.load_article`.

    Returns:
        Its Analysis, with sentences, entities, quotes and sources tables.
    """
    return analyze_doc(article, nlp.parse(article.text))


def analyze_many(articles: Iterable[Article], batch_size: int = 16) -> Iterator[Analysis]:
    """Analyse a stream of articles, parsing them in batches through ``nlp.pipe``.

    Args:
        articles: Articles, consumed lazily.
        batch_size: Texts per spaCy batch.

    Yields:
        One Analysis per article, in input order.
    """
    for_text, for_result = itertools.tee(articles)
    docs = nlp.parse_many((a.text for a in for_text), batch_size=batch_size)
    for article, doc in zip(for_result, docs, strict=True):
        yield analyze_doc(article, doc)


@dataclass
class Outcome:
    """The result of one item of a batch: an Analysis, or the one-line error that stopped it."""

    name: str
    article: Article | None = None
    analysis: Analysis | None = None
    error: str | None = None

    @property
    def ok(self) -> bool:
        """True when the item was analysed."""
        return self.analysis is not None


def analyze_items(items: Iterable[Article | Exception], batch_size: int = 16) -> Iterator[Outcome]:
    """Analyse a stream in which some items already failed to load.

    Failed items pass through as failed outcomes, and an article whose analysis
    raises becomes one too, so one bad article never stops the others.

    Args:
        items: Articles, or the errors raised while loading them.
        batch_size: Articles per spaCy batch.

    Yields:
        One :class:`Outcome` per item, in input order.
    """
    iterator = iter(items)
    while batch := list(itertools.islice(iterator, batch_size)):
        articles = [item for item in batch if isinstance(item, Article)]
        docs = iter(nlp.parse_many([a.text for a in articles], batch_size=batch_size))
        for item in batch:
            if not isinstance(item, Article):
                yield Outcome(name=getattr(item, "path", "input"), error=str(item))
                continue
            doc = next(docs)
            name = item.source_path or item.id
            try:
                yield Outcome(name=name, article=item, analysis=analyze_doc(item, doc))
            except Exception as error:  # noqa: BLE001 - reported per article, never fatal
                message = f"{name}: analysis failed: {type(error).__name__}: {error}"
                yield Outcome(name=name, article=item, error=message)
