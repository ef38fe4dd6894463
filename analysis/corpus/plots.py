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


def _label(text: object) -> str:
    # Matplotlib reads "$...$" as maths; names from articles are plain text.
    return str(text).replace("$", r"\$")


def draw_speaker_network(graph: nx.Graph) -> Figure:
    """Draw a speaker network: node size by articles, colour by type, edge width by weight."""
    fig, ax = plt.subplots(figsize=(9, 6))
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
    ax.legend(title="source type", loc="best", fontsize=8)
    ax.set_title("Speakers quoted in more than one article")
    return fig


def plot_tone(corpus: Corpus, freq: str = "D") -> Figure:
    """Draw tone by outlet (bars) and tone over time per outlet (lines)."""
    fig, (left, right) = plt.subplots(1, 2, figsize=(12, 4))
    by_outlet = tone_by_outlet(corpus)
    left.barh([_label(o) for o in by_outlet["outlet"]], by_outlet["article_tone"])
    left.axvline(0, color="grey", linewidth=0.8)
    left.set_xlabel("mean sentence polarity (TextBlob, word-level)")
    left.set_title("Tone by outlet")
    over_time = tone_over_time(corpus, freq)
    for outlet, rows in over_time.groupby("outlet"):
        right.plot(rows["period"], rows["tone"], marker="o", label=_label(outlet))
    right.axhline(0, color="grey", linewidth=0.8)
    right.set_title("Tone over time")
    locator = mdates.AutoDateLocator()
    right.xaxis.set_major_locator(locator)
    right.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator))
    if len(over_time):
        right.legend(fontsize=8)
    fig.tight_layout()
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
