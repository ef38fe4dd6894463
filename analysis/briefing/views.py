"""Tables shaped for reading: sources, who said what, and how each actor is portrayed.

The contract tables on :class:`~analysis.tables.Analysis` are for computing;
these are for people. Columns get plain names, shares become percentages and
tone gets a word next to its number. Every cell stays plain text: pandas escapes
it when a notebook renders the frame as HTML, so article text never becomes markup.
"""

from __future__ import annotations

import math

import pandas as pd

from analysis.briefing.corrections import MARK, corrected_quotes, corrected_sources
from analysis.briefing.perspective import source_countries
from analysis.sentiment.tone import (
    ACTOR_LABELS,
    NEGATIVE_BELOW,
    POSITIVE_ABOVE,
    target_label,
    tone_label,
)
from analysis.tables import Analysis

#: Shown where the target-dependent sentiment model has not scored an actor.
NOT_AVAILABLE = "not available"


def is_missing(value: object) -> bool:
    """True for None, NaN and empty text."""
    if value is None:
        return True
    if isinstance(value, float) and math.isnan(value):
        return True
    return isinstance(value, str) and not value.strip()


def tone_text(
    polarity: object,
    negative_below: float = NEGATIVE_BELOW,
    positive_above: float = POSITIVE_ABOVE,
) -> str:
    """Format a TextBlob polarity as ``"negative (-0.12)"``, or an empty string if missing."""
    if is_missing(polarity):
        return ""
    value = float(polarity)
    return f"{tone_label(value, negative_below, positive_above)} ({value:+.2f})"


def _text(value: object) -> str:
    return "" if is_missing(value) else str(value)


def sources_table(
    analysis: Analysis,
    negative_below: float = NEGATIVE_BELOW,
    positive_above: float = POSITIVE_ABOVE,
) -> pd.DataFrame:
    """The sources, most-quoted first, with type, descriptor, share of voice and tone.

    Args:
        analysis: The article's analysis.
        negative_below: Tone threshold for "negative".
        positive_above: Tone threshold for "positive".

    Returns:
        One row per source, display columns only.
    """
    sources = analysis.sources
    columns = ["Source", "Type", "Named", "Descriptor", "Country", "Quotes", "Words",
               "Share of voice", "Word-level tone"]  # fmt: skip
    if sources.empty:
        return pd.DataFrame(columns=columns)
    sources = source_countries(analysis)
    order = sources.assign(
        _share=pd.to_numeric(sources["share_of_voice"], errors="coerce").fillna(0.0),
        _name=sources["name"].map(_text),
    ).sort_values(["_share", "_name"], ascending=[False, True], kind="stable")
    rows = []
    corrected = corrected_sources(analysis)
    for row in order.itertuples(index=False):
        share = 0.0 if is_missing(row.share_of_voice) else float(row.share_of_voice)
        rows.append([
            (_text(row.name) or "(unnamed)") + (MARK if _text(row.name) in corrected else ""),
            _text(row.type),
            "yes" if row.named else "no",
            _text(row.descriptor),
            _text(row.country_found) + (" (inferred)" if row.country_inferred else ""),
            0 if is_missing(row.n_quotes) else int(row.n_quotes),
            0 if is_missing(row.n_words) else int(row.n_words),
            f"{share:.0%}",
            tone_text(row.polarity, negative_below, positive_above),
        ])  # fmt: skip
    return pd.DataFrame(rows, columns=columns)


def quotes_table(
    analysis: Analysis,
    negative_below: float = NEGATIVE_BELOW,
    positive_above: float = POSITIVE_ABOVE,
    speaker: str | None = None,
) -> pd.DataFrame:
    """Who said what, in text order.

    Args:
        analysis: The article's analysis.
        negative_below: Tone threshold for "negative".
        positive_above: Tone threshold for "positive".
        speaker: Keep only quotes whose speaker (canonical name or the mention in
            the text) contains this, ignoring case.

    Returns:
        One row per quote: speaker, kind, text, cue and word-level tone.
    """
    columns = ["#", "Speaker", "Kind", "Quote", "Cue", "Word-level tone"]
    quotes = analysis.quotes
    if quotes.empty:
        return pd.DataFrame(columns=columns)
    quotes = quotes.assign(_start=pd.to_numeric(quotes["start"], errors="coerce"))
    quotes = quotes.sort_values("_start", kind="stable")
    wanted = (speaker or "").strip().casefold()
    rows = []
    corrected = corrected_quotes(analysis)
    for row in quotes.itertuples(index=False):
        name = _text(row.speaker)
        said_by = _text(row.speaker_text)
        if wanted and wanted not in name.casefold() and wanted not in said_by.casefold():
            continue
        rows.append([
            _text(row.quote_id),
            (name or (f"({said_by})" if said_by else "(unattributed)"))
            + (MARK if _text(row.quote_id) in corrected else ""),
            _text(row.kind),
            _text(row.text),
            _text(row.cue),
            tone_text(row.polarity, negative_below, positive_above),
        ])  # fmt: skip
    return pd.DataFrame(rows, columns=columns)


def portrayal_table(analysis: Analysis, top_n: int = 15) -> pd.DataFrame:
    """How each actor is portrayed: target-dependent sentiment beside word-level tone.

    Target-dependent sentiment (columns ``sentiment``/``sentiment_score``) judges
    the attitude towards an actor; TextBlob tone only scores the words of the
    sentences naming it. Where the model gave no score the row says so.

    Args:
        analysis: The article's analysis.
        top_n: Most-mentioned actors to list.

    Returns:
        One row per actor: name, label, mentions, target-dependent sentiment and score,
        and the word-level tone of the sentences that name it.
    """
    columns = ["Actor", "Label", "Mentions", "Target-dependent sentiment", "Model score",
               "Word-level tone (TextBlob)"]  # fmt: skip
    entities = analysis.entities
    if entities.empty:
        return pd.DataFrame(columns=columns)
    actors = entities[entities["label"].isin(ACTOR_LABELS)]
    actors = actors.assign(n_mentions=pd.to_numeric(actors["mentions"], errors="coerce").fillna(0))
    actors = actors.sort_values(
        ["n_mentions", "first_start"], ascending=[False, True], kind="stable"
    )
    rows = []
    for row in actors.head(top_n).itertuples(index=False):
        score = row.sentiment_score
        rows.append([
            _text(row.name),
            _text(row.label),
            int(row.n_mentions),
            NOT_AVAILABLE if is_missing(score) else target_label(float(score)),
            NOT_AVAILABLE if is_missing(score) else f"{float(score):+.2f}",
            tone_text(row.polarity),
        ])  # fmt: skip
    return pd.DataFrame(rows, columns=columns)
