"""The briefing's summary box, analyst notes and key sentences.

Everything here returns escaped HTML (as :class:`IPython.display.HTML`) or a
DataFrame. Article text and analyst notes are data: every piece of them goes
through :func:`html.escape` before it meets markup, and styles are inline so
the shared HTML needs no stylesheet and no script.
"""

from __future__ import annotations

import math
import re
from html import escape

import pandas as pd
from IPython.display import HTML

from analysis.ingest.language import language_name
from analysis.sentiment.tone import NEGATIVE_BELOW, POSITIVE_ABOVE, tone, tone_label
from analysis.tables import Analysis

#: The language newsbrief's tone, quote and source stages read.
ENGLISH = "en"
_WORD = re.compile(r"\w+(?:[-'’]\w+)*")
#: Keeps MathJax (in JupyterLab and exported HTML) from typesetting ``$...$`` in article text.
NO_MATH = 'class="tex2jax_ignore mathjax_ignore"'
_BOX = "border:1px solid #bbb;border-radius:6px;padding:10px 14px;margin:6px 0;max-width:52em"
_CELL = "padding:2px 12px 2px 0;vertical-align:top;text-align:left"

#: Entity labels that make a sentence informative when it names them.
_SALIENT = ("PERSON", "ORG", "GPE", "NORP", "LOC", "FAC", "EVENT", "PRODUCT", "LAW")


def _row(label: str, value: str) -> str:
    return (
        f'<tr><th style="{_CELL};color:#555;font-weight:normal">{escape(label)}</th>'
        f'<td style="{_CELL}">{escape(value)}</td></tr>'
    )


def is_english(analysis: Analysis) -> bool:
    """True unless the article is known to be in another language than English."""
    return analysis.article.language in (None, ENGLISH)


def overall_tone(analysis: Analysis) -> float | None:
    """TextBlob polarity of the whole body (word-level tone, not stance).

    None for an article not in English: TextBlob scores English words only.
    """
    if analysis.tone is not None:
        return analysis.tone[0]
    if not is_english(analysis):
        return None
    return tone(analysis.article.text)[0]


def language_note(analysis: Analysis) -> str | None:
    """The summary box's note for an article not in English, or None for English."""
    if is_english(analysis):
        return None
    code = analysis.article.language
    return (
        f"{language_name(code)} ({code}). newsbrief's tone, quotes and sources read English "
        "only, so this briefing lists the article's entities and nothing else; read the "
        "article itself for who said what."
    )


def _tone_row(analysis: Analysis, negative_below: float, positive_above: float) -> str:
    polarity = overall_tone(analysis)
    if polarity is None:
        return _row("Overall tone", "not scored (the article is not in English)")
    return _row(
        "Overall tone",
        f"{tone_label(polarity, negative_below, positive_above)} ({polarity:+.2f}), "
        "word-level tone (TextBlob), not the outlet's stance",
    )


def summary_box(
    analysis: Analysis,
    negative_below: float = NEGATIVE_BELOW,
    positive_above: float = POSITIVE_ABOVE,
) -> HTML:
    """The box at the top of a briefing: headline, outlet, date, byline and key numbers.

    An article not in English gets a language note at the top of the box, and
    its tone, sources and quotes read "not analysed" rather than zero.

    Args:
        analysis: The article's analysis.
        negative_below: Tone threshold for "negative".
        positive_above: Tone threshold for "positive".

    Returns:
        Escaped HTML.
    """
    art = analysis.article
    sources = analysis.sources
    named = sum(1 for v in sources["named"] if v is True or v == 1) if len(sources) else 0
    kinds = analysis.quotes["kind"].value_counts() if len(analysis.quotes) else pd.Series()
    quote_detail = ", ".join(f"{int(n)} {k}" for k, n in sorted(kinds.items()))
    note = language_note(analysis)
    rows = [
        _row("Language", note) if note else "",
        _row("Outlet", art.outlet or "unknown"),
        _row("Published", art.published or "unknown"),
        _row("Byline", art.byline or "unknown"),
        _row("Length", f"{art.n_words} words, {len(analysis.sentences)} sentences"),
        _tone_row(analysis, negative_below, positive_above),
    ]
    if note:
        rows.append(_row("Sources and quotes", "not analysed (the article is not in English)"))
    else:
        rows += [
            _row("Sources", f"{len(sources)} ({named} named, {len(sources) - named} unnamed)"),
            _row(
                "Quotes",
                f"{len(analysis.quotes)}" + (f" ({quote_detail})" if quote_detail else ""),
            ),
        ]
    headline = escape(art.title or "(untitled article)")
    style = f"{_BOX};background:#fff4e5" if note else _BOX
    return HTML(
        f'<div {NO_MATH} style="{style}">'
        f'<div style="font-size:1.3em;font-weight:bold;margin-bottom:6px">'
        f'{headline}</div><table style="border-collapse:collapse">{"".join(rows)}</table></div>'
    )


def notes_html(notes: str | None) -> HTML:
    """The analyst's notes, escaped, line breaks kept.

    Args:
        notes: Free text from the ``analyst_notes`` parameter.

    Returns:
        Escaped HTML, or a line saying there are none.
    """
    if not notes or not notes.strip():
        return HTML('<p style="color:#777"><em>No analyst notes.</em></p>')
    body = "<br>".join(escape(line) for line in notes.strip().splitlines())
    return HTML(f'<div {NO_MATH} style="{_BOX};background:#fffbe6">{body}</div>')


def _variants(name: str, label: str) -> list[str]:
    # A person is named by surname too ("Song" for "Song Zhongping"), and a
    # surname may come first or last, so every part of a person's name counts.
    forms = {name}
    if label == "PERSON":
        forms |= {part for part in name.split() if len(part) >= 3 and part[0].isupper()}
    return sorted(forms, key=len, reverse=True)


def _salience_patterns(entities: pd.DataFrame) -> list[tuple[re.Pattern, float]]:
    """One pattern per salient entity, weighted by how often the article mentions it."""
    return [
        (re.compile(r"\b(?:" + "|".join(map(re.escape, _variants(str(n), str(lb)))) + r")\b"),
         math.log1p(float(m or 1)))
        for n, lb, m in zip(entities["name"], entities["label"], entities["mentions"], strict=True)
        if lb in _SALIENT and n
    ]  # fmt: skip


def _quote_spans(quotes: pd.DataFrame) -> list[tuple[int, int, bool]]:
    """The ``(start, end, has_speaker)`` of each quote with offsets."""
    return [
        (int(s), int(e), not pd.isna(sp) and sp is not None)
        for s, e, sp in zip(quotes["start"], quotes["end"], quotes["speaker"], strict=True)
        if s is not None and e is not None
    ]


def _scored_sentences(analysis: Analysis) -> list[tuple[float, int, object]]:
    """Score every sentence: ``(score, index, row)`` in text order."""
    patterns = _salience_patterns(analysis.entities)
    quotes = _quote_spans(analysis.quotes)
    raw = []
    for index, row in enumerate(analysis.sentences.itertuples(index=False)):
        text = str(row.text)
        salience = sum(weight for pattern, weight in patterns if pattern.search(text))
        start, end = int(row.start), int(row.end)
        quoted = max(
            (1.0 if named else 0.5 for qs, qe, named in quotes if qs < end and start < qe),
            default=0.0,
        )
        n_words = len(_WORD.findall(text))
        length = 0.3 if n_words < 6 else (0.8 if n_words > 45 else 1.0)
        raw.append((index, row, salience, quoted, length))
    top_salience = max((r[2] for r in raw), default=0.0) or 1.0
    scored = []
    for index, row, salience, quoted, length in raw:
        score = 0.45 / math.sqrt(1 + index) + 0.35 * salience / top_salience + 0.2 * quoted
        scored.append((round(score * length, 4), index, row))
    return scored


def _distinct_best(scored: list[tuple[float, int, object]], top_n: int) -> list[tuple]:
    """The ``top_n`` best-scored ``(row, score)`` pairs, skipping near repeats of a chosen one."""
    chosen: list = []
    seen: list[set[str]] = []
    for score, _, row in sorted(scored, key=lambda s: (-s[0], s[1])):
        words = {w.lower() for w in _WORD.findall(str(row.text))}
        if any(len(words & other) / max(1, len(words | other)) > 0.5 for other in seen):
            continue
        chosen.append((row, score))
        seen.append(words)
        if len(chosen) == top_n:
            break
    return chosen


def key_sentences(analysis: Analysis, top_n: int = 5) -> pd.DataFrame:
    """An extractive summary: the most informative sentences, in text order.

    A sentence scores for coming early (news puts the gist first), for naming
    often-mentioned actors, and for carrying a quote; very short or very long
    sentences score less, and a sentence that repeats a chosen one is skipped.

    Args:
        analysis: The article's analysis.
        top_n: How many sentences to keep.

    Returns:
        Columns ``sentence_id``, ``paragraph_id``, ``text``, ``score``, ``polarity``.
    """
    columns = ["sentence_id", "paragraph_id", "text", "score", "polarity"]
    if analysis.sentences.empty:
        return pd.DataFrame(columns=columns)
    chosen = _distinct_best(_scored_sentences(analysis), top_n)
    chosen.sort(key=lambda pair: int(pair[0].sentence_id))
    return pd.DataFrame(
        [[r.sentence_id, r.paragraph_id, r.text, s, r.polarity] for r, s in chosen],
        columns=columns,
    )


def key_sentences_html(analysis: Analysis, top_n: int = 5) -> HTML:
    """The key sentences as a numbered list of escaped text, in text order.

    Args:
        analysis: The article's analysis.
        top_n: How many sentences to keep.

    Returns:
        Escaped HTML.
    """
    picked = key_sentences(analysis, top_n)
    if picked.empty:
        return HTML("<p><em>The article has no sentences.</em></p>")
    items = "".join(
        f'<li style="margin-bottom:4px">{escape(str(text))} '
        f'<span style="color:#888;font-size:0.85em">(sentence {int(sid)})</span></li>'
        for sid, text in zip(picked["sentence_id"], picked["text"], strict=True)
    )
    return HTML(f'<ol {NO_MATH} style="max-width:52em">{items}</ol>')
