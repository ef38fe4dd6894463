"""Sentiment towards actors: the target model summed over an entity's or source's mentions.

Target-dependent sentiment (the model in :mod:`analysis.sentiment.target`) judges how a
sentence portrays one mention in it; :func:`actor_sentiment` sums that over all
mentions of an entity or source.
"""

from __future__ import annotations

import bisect

from analysis.sentiment.target import LABELS, target_probabilities
from analysis.sentiment.tone import target_label


def _sentence_of(
    starts: list[int], sentences: list[tuple[int, int]], mention: tuple[int, int]
) -> tuple[int, int] | None:
    i = bisect.bisect_right(starts, mention[0]) - 1
    if i >= 0 and sentences[i][0] <= mention[0] and mention[1] <= sentences[i][1]:
        return sentences[i]
    return None


def actor_sentiments(
    doc_text: str,
    sentences: list[tuple[int, int]],
    actors: dict[object, list[tuple[int, int]]],
) -> dict[object, dict]:
    """Sentiment towards several actors of one article, with one model call.

    Args:
        doc_text: The article text that every offset indexes.
        sentences: ``(start, end)`` of each sentence, in order.
        actors: Actor key (entity or source id) to the ``(start, end)`` of its mentions.

    Returns:
        Actor key to the summary that :func:`actor_sentiment` describes.
    """
    ordered = sorted(sentences)
    starts = [s for s, _ in ordered]
    # An entity and the source it speaks as share mentions: each distinct mention is
    # judged once (same sentence, same offsets, so the same answer), and the model
    # encodes each sentence once for all the mentions in it.
    owners: dict[tuple[int, int], list[object]] = {}
    for key, mentions in actors.items():
        for start, end in mentions:
            if 0 <= start < end <= len(doc_text):
                owners.setdefault((start, end), []).append(key)
    mentions = sorted(owners)
    items = [_item(doc_text, starts, ordered, mention) for mention in mentions]
    probs = target_probabilities(items)
    rows: dict[object, list] = {key: [] for key in actors}
    for mention, p in zip(mentions, probs, strict=True):
        for key in owners[mention]:
            rows[key].append(p)
    return {key: _summary(found) for key, found in rows.items()}


def _item(
    doc_text: str, starts: list[int], sentences: list[tuple[int, int]], mention: tuple[int, int]
) -> tuple[str, int, int]:
    """What the model reads for one mention: its sentence and the offsets into it."""
    start, end = mention
    span = _sentence_of(starts, sentences, mention)
    if span is None:
        # Mentions outside any sentence are judged in the whole text, which the model
        # cuts to the sentence around them.
        return doc_text, start, end
    return doc_text[span[0] : span[1]], start - span[0], end - span[0]


def _summary(probs: list) -> dict:
    counts = {f"n_{label}": 0 for label in LABELS}
    if not probs:
        return {"sentiment": None, "sentiment_score": None, **counts}
    signed = 0.0
    for p in probs:
        counts[f"n_{LABELS[int(p.argmax())]}"] += 1
        signed += float(p[LABELS.index("positive")] - p[LABELS.index("negative")])
    score = round(signed / len(probs), 4)
    return {"sentiment": target_label(score), "sentiment_score": score, **counts}


def actor_sentiment(
    doc_text: str,
    sentences: list[tuple[int, int]],
    mentions: list[tuple[int, int]],
) -> dict:
    """Sentiment towards one actor (entity or source) across its mentions.

    Each mention is classified in its own sentence. ``sentiment_score`` is the mean
    of P(positive) - P(negative), in [-1, 1], where 0 is neutral or evenly mixed;
    the label names that score by :func:`analysis.sentiment.tone.target_label`, so a
    label never contradicts its score.

    Args:
        doc_text: The article text that every offset indexes.
        sentences: ``(start, end)`` of each sentence, in order.
        mentions: ``(start, end)`` of each mention of the actor.

    Returns:
        ``{"sentiment", "sentiment_score", "n_negative", "n_neutral", "n_positive"}``;
        sentiment and score are None when there is no usable mention.
    """
    return actor_sentiments(doc_text, sentences, {0: mentions})[0]
