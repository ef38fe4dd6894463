"""Charts of a corpus: the speaker network, tone by outlet and over time, entities together.

Each function returns a matplotlib Figure drawn from :mod:`analysis.corpus.views`
results. Names from articles are plain text in every label, never maths markup,
and the network layout has a fixed seed so that a re-run draws the same picture.
"""

from __future__ import annotations

import matplotlib.dates as mdates
import matplotlib.pyplot as plt
import networkx as nx
import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from analysis.corpus.views import Corpus, tone_by_outlet, tone_over_time

#: Seed of the network layout, so the drawing is the same on every run.
LAYOUT_SEED = 7
#: Outlets drawn by name in the tone charts; the rest are drawn as "others".
TOP_OUTLETS = 12


def _label(text: object) -> str:
    # Matplotlib reads "$...$" as maths; names from articles are plain text.
    return str(text).replace("$", r"\$")


def draw_speaker_network(graph: nx.Graph) -> Figure:
    """Draw a speaker network: node size by articles, colour by type, edge width by weight."""
    fig, ax = plt.subplots(figsize=(9, 6), layout="constrained")
    ax.set_axis_off()
    if not graph.number_of_nodes():
        ax.text(0.5, 0.5, "No speaker is quoted in more than one article.", ha="center")
        return fig
    nodes = sorted(graph.nodes)
    position = nx.spring_layout(graph.subgraph(nodes), seed=LAYOUT_SEED)
    types = sorted({graph.nodes[n]["type"] for n in nodes})
    palette = plt.get_cmap("tab10")
    colour = {t: palette(i % 10) for i, t in enumerate(types)}
    edges = sorted(graph.edges(data="weight"))
    heaviest = max((w for _, _, w in edges), default=1)
    nx.draw_networkx_edges(
        graph,
        position,
        ax=ax,
        edgelist=[(a, b) for a, b, _ in edges],
        width=[0.5 + 3 * w / heaviest for _, _, w in edges],
        alpha=0.35,
    )
    nx.draw_networkx_nodes(
        graph,
        position,
        ax=ax,
        nodelist=nodes,
        node_size=[150 * graph.nodes[n]["articles"] for n in nodes],
        node_color=[colour[graph.nodes[n]["type"]] for n in nodes],
    )
    nx.draw_networkx_labels(
        graph,
        position,
        ax=ax,
        font_size=8,
        labels={n: _label(graph.nodes[n]["name"]) for n in nodes},
    )
    for t in types:
        ax.scatter([], [], color=colour[t], label=t)
    ax.legend(title="source type", loc="upper left", bbox_to_anchor=(1.0, 1.0), fontsize=8)
    ax.set_title("Speakers quoted in more than one article")
    return fig


def _top_outlets(by_outlet: pd.DataFrame, top_n: int) -> list[str]:
    """The outlets with the most articles (ties by name), at most ``top_n``."""
    ranked = by_outlet.sort_values(["articles", "outlet"], ascending=[False, True])
    return list(ranked["outlet"].head(top_n))


def _outlet_bars(by_outlet: pd.DataFrame, top_n: int) -> pd.DataFrame:
    """Tone by outlet for the ``top_n - 1`` biggest outlets, the rest as one "others" row."""
    if len(by_outlet) <= top_n:
        return by_outlet.sort_values(["article_tone", "outlet"])
    keep = set(_top_outlets(by_outlet, top_n - 1))
    rest = by_outlet[~by_outlet["outlet"].isin(keep)]
    weights = rest["articles"].clip(lower=1)
    tone = float((rest["article_tone"].fillna(0) * weights).sum() / weights.sum())
    others = pd.DataFrame(
        {"outlet": [f"others ({len(rest)} outlets)"], "articles": [int(rest["articles"].sum())],
         "article_tone": [round(tone, 3)]}
    )  # fmt: skip
    kept = by_outlet[by_outlet["outlet"].isin(keep)].sort_values(["article_tone", "outlet"])
    return pd.concat([others, kept[["outlet", "articles", "article_tone"]]], ignore_index=True)


def _short(text: object, width: int = 32) -> str:
    value = " ".join(str(text).split())
    return _label(value if len(value) <= width else value[: width - 1] + "…")


def plot_tone(corpus: Corpus, freq: str = "D", top_n: int = TOP_OUTLETS) -> Figure:
    """Draw tone by outlet (bars, top) and tone over time per outlet (lines, below).

    With more than ``top_n`` outlets, the smaller ones are drawn as one "others"
    bar and one "others" line, so the labels never run into each other. The
    legend sits outside the plot area.
    """
    by_outlet = tone_by_outlet(corpus)
    bars = _outlet_bars(by_outlet, top_n)
    bar_height = max(2.0, 0.3 * len(bars) + 0.8)
    # pyplot, as the other corpus charts: the notebook's inline backend shows the figure.
    fig = plt.figure(figsize=(11, bar_height + 3.6), layout="constrained")
    left, right = fig.subplots(2, 1, height_ratios=[bar_height, 3.6])
    left.barh([_short(o) for o in bars["outlet"]], bars["article_tone"].fillna(0))
    left.axvline(0, color="grey", linewidth=0.8)
    left.set_xlabel("mean sentence polarity (TextBlob, word-level)")
    left.set_title("Tone by outlet", loc="left")
    over_time = tone_over_time(corpus, freq)
    shown = set(_top_outlets(by_outlet, top_n - 1 if len(by_outlet) > top_n else top_n))
    lines = over_time.assign(
        outlet=over_time["outlet"].where(over_time["outlet"].isin(shown), "others")
    )
    for outlet, rows in sorted(lines.groupby("outlet"), key=lambda kv: (kv[0] == "others", kv[0])):
        per_period = rows.groupby("period").apply(
            lambda g: (g["tone"] * g["articles"]).sum() / max(1, g["articles"].sum())
        )
        right.plot(per_period.index, per_period.to_numpy(), marker="o", label=_short(outlet))
    right.axhline(0, color="grey", linewidth=0.8)
    right.set_title("Tone over time", loc="left")
    locator = mdates.AutoDateLocator()
    right.xaxis.set_major_locator(locator)
    right.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator))
    if len(over_time):
        right.legend(fontsize=8, loc="upper left", bbox_to_anchor=(1.01, 1.0), frameon=False)
    return fig


def plot_cooccurrence(matrix: pd.DataFrame) -> Figure:
    """Draw an entity co-occurrence matrix as a heat map with counts; the diagonal is unshaded."""
    fig, ax = plt.subplots(figsize=(1.5 + 0.5 * len(matrix), 1 + 0.5 * len(matrix)))
    counts = matrix.to_numpy().astype(float)
    shade = counts.copy()
    # The diagonal (articles naming the entity at all) would outshine every pair.
    np.fill_diagonal(shade, np.nan)
    ax.imshow(shade, cmap="Blues", vmin=0)
    labels = [_label(name) for name in matrix.index]
    ax.set_xticks(range(len(labels)), labels, rotation=60, ha="right", fontsize=8)
    ax.set_yticks(range(len(labels)), labels, fontsize=8)
    for i in range(len(matrix)):
        for j in range(len(matrix)):
            ax.text(j, i, int(counts[i, j]), ha="center", va="center", fontsize=7)
    ax.set_title("Articles mentioning both")
    fig.tight_layout()
    return fig
