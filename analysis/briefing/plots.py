"""Charts for a briefing: share of voice, the tone arc, entity mentions, portrayal.

Every function returns a :class:`matplotlib.figure.Figure` built without pyplot,
so no global figure state leaks between cells, and no backend is needed beyond
Agg. Sizes are fixed and nothing time-dependent is drawn, so the same analysis
gives the same picture. Empty data gives a figure that says so, not an error.
Labels from the article are drawn as plain text: a ``$`` never starts mathtext.
"""

from __future__ import annotations

import pandas as pd
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

from analysis.briefing.perspective import source_countries
from analysis.sentiment.tone import NEGATIVE_BELOW, POSITIVE_ABOVE, target_label, tone_label
from analysis.tables import Analysis

FIGSIZE = (7.5, 3.6)
TONE_COLOURS = {"negative": "#d6604d", "neutral": "#bababa", "positive": "#4d9f6f"}
BAR = "#4a78a8"
OTHERS = "#9db4cc"
MAX_LABEL = 40
#: Bars a chart shows before the rest are summed into one "others" bar.
TOP_BARS = 12
#: Height per bar, in inches, once a chart has more bars than the standard size holds.
BAR_INCHES = 0.28


def label(text: object) -> str:
    """Make article text safe and short for a chart label."""
    value = "(none)" if text is None or (isinstance(text, float) and pd.isna(text)) else str(text)
    value = " ".join(value.split())
    if len(value) > MAX_LABEL:
        value = value[: MAX_LABEL - 1] + "…"
    return value.replace("$", r"\$")


def _figure(title: str, n_bars: int = 0) -> tuple[Figure, object]:
    # The standard size holds about ten bars; more bars get more height, never smaller type.
    height = max(FIGSIZE[1], BAR_INCHES * n_bars + 1.0)
    figure = Figure(figsize=(FIGSIZE[0], height), dpi=100, layout="constrained")
    axes = figure.add_subplot()
    axes.set_title(title, loc="left", fontsize=11)
    return figure, axes


def no_data(title: str, message: str = "no data") -> Figure:
    """A figure that carries only its title and a message."""
    figure, axes = _figure(title)
    axes.set_axis_off()
    axes.text(0.5, 0.5, message, ha="center", va="center", fontsize=12, color="#666")
    return figure


def top_with_others(
    names: list[str], values: list[float], top_n: int = TOP_BARS
) -> tuple[list[str], list[float]]:
    """Keep the ``top_n - 1`` largest bars and sum the rest into one "others (N)" bar.

    Args:
        names: Bar labels, largest value first.
        values: Their values.
        top_n: Most bars to draw; a list that fits is returned unchanged.

    Returns:
        ``(names, values)``, at most ``top_n`` of each.
    """
    if len(names) <= top_n:
        return names, values
    keep = max(1, top_n - 1)
    rest = values[keep:]
    return names[:keep] + [f"others ({len(rest)})"], values[:keep] + [round(sum(rest), 4)]


def _barh(title: str, names: list[str], values: list[float], xlabel: str, percent: bool) -> Figure:
    if not names or not any(values):
        return no_data(title)
    figure, axes = _figure(title, len(names))
    positions = list(range(len(names)))[::-1]
    colours = [OTHERS if str(n).startswith("others (") else BAR for n in names]
    axes.barh(positions, values, color=colours)
    axes.set_yticks(positions, labels=[label(n) for n in names])
    axes.set_xlabel(xlabel)
    top = max(values)
    for y, v in zip(positions, values, strict=True):
        axes.text(v + top * 0.01, y, f"{v:.0%}" if percent else f"{v:g}", va="center", fontsize=8)
    axes.set_xlim(0, top * 1.15)
    axes.spines[["top", "right"]].set_visible(False)
    return figure


def _shares(frame: pd.DataFrame, key: str) -> tuple[list[str], list[float]]:
    if frame.empty:
        return [], []
    share = pd.to_numeric(frame["share_of_voice"], errors="coerce").fillna(0.0)
    keys = frame[key].map(lambda v: "unknown" if v is None or pd.isna(v) or v == "" else label(v))
    groups = share.groupby(keys).sum()
    ordered = sorted(groups.items(), key=lambda kv: (-kv[1], kv[0]))
    return [k for k, _ in ordered], [round(float(v), 4) for _, v in ordered]


def voice_by_source(analysis: Analysis, top_n: int = TOP_BARS) -> Figure:
    """Share of quoted words by source, largest first; past ``top_n`` the rest as "others"."""
    names, values = _shares(analysis.sources.assign(_n=analysis.sources["name"]), "_n")
    names, values = top_with_others(names, values, top_n)
    return _barh("Share of voice by source", names, values, "share of quoted words", True)


def voice_by_type(analysis: Analysis, top_n: int = TOP_BARS) -> Figure:
    """Share of quoted words by type of source (official, expert, ...)."""
    names, values = top_with_others(*_shares(analysis.sources, "type"), top_n)
    return _barh("Share of voice by type of source", names, values, "share of quoted words", True)


def voice_by_country(analysis: Analysis, top_n: int = TOP_BARS) -> Figure:
    """Share of quoted words by the country a source speaks for (given or inferred)."""
    names, values = top_with_others(*_shares(source_countries(analysis), "country_found"), top_n)
    return _barh("Share of voice by country", names, values, "share of quoted words", True)


def entity_mentions(analysis: Analysis, top_n: int = 10) -> Figure:
    """The most-mentioned entities."""
    entities = analysis.entities
    if entities.empty:
        return no_data("Most-mentioned entities")
    ranked = entities.assign(_m=pd.to_numeric(entities["mentions"], errors="coerce").fillna(0))
    ranked = ranked.sort_values(["_m", "first_start"], ascending=[False, True], kind="stable")
    ranked = ranked.head(top_n)
    names = [f"{n} ({lb})" for n, lb in zip(ranked["name"], ranked["label"], strict=True)]
    return _barh(
        "Most-mentioned entities", names, [float(v) for v in ranked["_m"]], "mentions", False
    )


def tone_arc(
    analysis: Analysis,
    negative_below: float = NEGATIVE_BELOW,
    positive_above: float = POSITIVE_ABOVE,
) -> Figure:
    """Word-level tone (TextBlob) of each sentence, in text order, with a running mean."""
    title = "Tone arc: word-level tone (TextBlob) by sentence"
    sentences = analysis.sentences
    if sentences.empty:
        return no_data(title)
    if pd.to_numeric(sentences["polarity"], errors="coerce").isna().all():
        return no_data(title, "tone not scored (the article is not in English)")
    polarity = pd.to_numeric(sentences["polarity"], errors="coerce").fillna(0.0).tolist()
    numbers = list(range(1, len(polarity) + 1))
    colours = [TONE_COLOURS[tone_label(p, negative_below, positive_above)] for p in polarity]
    figure, axes = _figure(title)
    axes.bar(numbers, polarity, color=colours, width=0.8)
    running = pd.Series(polarity).rolling(3, min_periods=1, center=True).mean()
    axes.plot(numbers, running.tolist(), color="#333", linewidth=1.2, label="running mean (3)")
    for threshold in (negative_below, positive_above):
        axes.axhline(threshold, color="#999", linewidth=0.6, linestyle="--")
    axes.axhline(0, color="#666", linewidth=0.6)
    axes.set_xlabel("sentence")
    axes.set_ylabel("polarity")
    # Sentence tone is usually small; a fixed +-1 axis would flatten it.
    reach = max(0.25, max(abs(v) for v in polarity) * 1.15)
    axes.set_ylim(-reach, reach)
    axes.xaxis.set_major_locator(MaxNLocator(integer=True))
    # Outside the plot area, so it never covers a bar.
    axes.legend(loc="upper left", bbox_to_anchor=(1.0, 1.0), fontsize=8, frameon=False)
    axes.spines[["top", "right"]].set_visible(False)
    return figure


def portrayal(analysis: Analysis, top_n: int = 12) -> Figure:
    """Target-dependent sentiment towards each actor, where the model scored one."""
    title = "How each actor is portrayed (target-dependent sentiment)"
    entities = analysis.entities
    if entities.empty:
        return no_data(title)
    scored = entities[entities["sentiment_score"].map(lambda v: v is not None and not pd.isna(v))]
    if scored.empty:
        return no_data(title, "target-dependent sentiment not available")
    scored = scored.assign(_m=pd.to_numeric(scored["mentions"], errors="coerce").fillna(0))
    scored = scored.sort_values(["_m", "first_start"], ascending=[False, True], kind="stable")
    scored = scored.head(top_n)
    names = [label(n) for n in scored["name"]][::-1]
    values = [float(v) for v in scored["sentiment_score"]][::-1]
    # The colour names the score by the same rule as the tables, never a stored label.
    kinds = [target_label(v) for v in values]
    figure, axes = _figure(title, len(names))
    axes.barh(range(len(names)), values, color=[TONE_COLOURS.get(k, BAR) for k in kinds])
    axes.set_yticks(range(len(names)), labels=names)
    axes.axvline(0, color="#666", linewidth=0.6)
    axes.set_xlabel("model score")
    axes.spines[["top", "right"]].set_visible(False)
    return figure
