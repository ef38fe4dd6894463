"""Views across a corpus: the tables and charts that ``notebooks/corpus.ipynb`` shows.

Each function takes a :class:`Corpus` (the parquet tables that ``newsbrief
corpus`` writes) and returns a DataFrame or a graph; :mod:`analysis.corpus.plots`
draws them. A
speaker is the same person across articles when their names match after case
and spacing are folded, a surname-only row counting under the full name it
resolves to (:mod:`analysis.corpus.speakers`); unnamed sources ("defense
experts") are counted by type but never merged across articles.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import combinations
from pathlib import Path

import networkx as nx
import pandas as pd

from analysis.corpus.speakers import fold, speaker_names

TABLES = ("articles", "quotes", "sources", "entities", "sentences")

#: Above this share of an article's quoted words, one source is the article's only voice.
DOMINANT_SHARE = 0.8
#: Entity labels that count as actors or places for co-occurrence.
COOCCURRENCE_LABELS = ("PERSON", "ORG", "GPE", "NORP", "LOC", "FAC")


@dataclass
class Corpus:
    """The corpus tables, one DataFrame each, keyed by ``article_id``."""

    articles: pd.DataFrame
    quotes: pd.DataFrame
    sources: pd.DataFrame
    entities: pd.DataFrame
    sentences: pd.DataFrame


def load_corpus(corpus_dir: str | Path) -> Corpus:
    """Read the parquet tables that ``newsbrief corpus`` wrote.

    Args:
        corpus_dir: The corpus output folder.

    Returns:
        The tables.
    """
    folder = Path(corpus_dir)
    return Corpus(**{name: pd.read_parquet(folder / f"{name}.parquet") for name in TABLES})


def _named(corpus: Corpus) -> pd.DataFrame:
    sources = corpus.sources[corpus.sources["named"].fillna(False).astype(bool)].copy()
    sources["name"] = speaker_names(sources, corpus.entities)
    sources["key"] = sources["name"].map(fold)
    return sources[sources["key"] != ""]


def overview(corpus: Corpus) -> pd.DataFrame:
    """Count articles, outlets, quotes, sources and the date range."""
    articles = corpus.articles
    dates = pd.to_datetime(articles["published"], errors="coerce").dropna()
    return pd.DataFrame(
        {
            "articles": [len(articles)],
            "outlets": [articles["outlet"].nunique()],
            "quotes": [len(corpus.quotes)],
            "sources": [len(corpus.sources)],
            "named speakers": [_named(corpus)["key"].nunique()],
            "first published": [dates.min().date() if len(dates) else None],
            "last published": [dates.max().date() if len(dates) else None],
        }
    )


def top_sources(corpus: Corpus, n: int = 15) -> pd.DataFrame:
    """The named speakers quoted most often across the corpus.

    Args:
        corpus: The corpus tables.
        n: How many rows.

    Returns:
        One row per speaker: name, most common type, quotes, articles and outlets quoting them.
    """
    named = _named(corpus).merge(corpus.articles[["article_id", "outlet"]], on="article_id")
    grouped = named.groupby("key", sort=False)
    table = pd.DataFrame(
        {
            "name": grouped["name"].agg(lambda s: s.mode().iloc[0]),
            "type": grouped["type"].agg(lambda s: s.mode().iloc[0] if s.notna().any() else None),
            "quotes": grouped["n_quotes"].sum().astype(int),
            "articles": grouped["article_id"].nunique(),
            "outlets": grouped["outlet"].agg(lambda s: ", ".join(sorted(set(s.dropna())))),
        }
    )
    table = table.sort_values(["quotes", "articles", "name"], ascending=[False, False, True])
    return table.head(n).reset_index(drop=True)


def source_types(corpus: Corpus) -> pd.DataFrame:
    """Sources and quotes by source type, named and unnamed sources alike."""
    sources = corpus.sources
    table = sources.groupby("type", dropna=False).agg(
        sources=("source_id", "size"),
        quotes=("n_quotes", "sum"),
        articles=("article_id", "nunique"),
    )
    table["share of quotes"] = (table["quotes"] / max(1, table["quotes"].sum())).round(3)
    return table.sort_values(["quotes", "sources"], ascending=False).reset_index()


def speaker_network(corpus: Corpus, min_articles: int = 2) -> nx.Graph:
    """Named speakers linked when they are quoted in the same article.

    Args:
        corpus: The corpus tables.
        min_articles: Keep speakers quoted in at least this many articles; 2 keeps
            only the sources that articles share.

    Returns:
        A graph whose nodes carry ``name``, ``type`` and ``articles``, and whose
        edges carry ``weight``: the number of articles quoting both speakers.
    """
    named = _named(corpus)
    counts = named.groupby("key")["article_id"].nunique()
    keep = set(counts[counts >= min_articles].index)
    graph = nx.Graph()
    for key, rows in named[named["key"].isin(keep)].groupby("key"):
        graph.add_node(
            key,
            name=rows["name"].mode().iloc[0],
            type=rows["type"].mode().iloc[0] if rows["type"].notna().any() else "other",
            articles=int(counts[key]),
        )
    in_articles = named[named["key"].isin(keep)].groupby("article_id")["key"]
    for _, keys in in_articles:
        for a, b in combinations(sorted(set(keys)), 2):
            weight = graph.edges[a, b]["weight"] + 1 if graph.has_edge(a, b) else 1
            graph.add_edge(a, b, weight=weight)
    return graph


def tone_by_outlet(corpus: Corpus) -> pd.DataFrame:
    """Mean word-level tone of each outlet's articles and of the quotes they carry."""
    articles = corpus.articles.assign(outlet=corpus.articles["outlet"].fillna("(unknown)"))
    quotes = corpus.quotes.merge(articles[["article_id", "outlet"]], on="article_id")
    table = articles.groupby("outlet").agg(
        articles=("article_id", "size"), article_tone=("polarity", "mean")
    )
    table["quote_tone"] = quotes.groupby("outlet")["polarity"].mean()
    return table.round(3).sort_values("article_tone").reset_index()


def tone_over_time(corpus: Corpus, freq: str = "D") -> pd.DataFrame:
    """Mean article tone per period of publication (undated articles left out).

    Args:
        corpus: The corpus tables.
        freq: A pandas period alias: ``"D"`` days, ``"W"`` weeks, ``"M"`` months.

    Returns:
        One row per period and outlet, with the article count and mean tone.
    """
    articles = corpus.articles.assign(
        date=pd.to_datetime(corpus.articles["published"], errors="coerce"),
        outlet=corpus.articles["outlet"].fillna("(unknown)"),
    ).dropna(subset=["date"])
    articles["period"] = articles["date"].dt.to_period(freq).dt.start_time
    table = articles.groupby(["period", "outlet"]).agg(
        articles=("article_id", "size"), tone=("polarity", "mean")
    )
    return table.round(3).reset_index()


def entity_cooccurrence(corpus: Corpus, top: int = 12) -> pd.DataFrame:
    """How many articles mention each pair of the most widespread entities.

    Args:
        corpus: The corpus tables.
        top: Keep the entities found in the most articles.

    Returns:
        A square DataFrame, entity names on both axes; the diagonal is the number
        of articles mentioning the entity at all.
    """
    entities = corpus.entities[corpus.entities["label"].isin(COOCCURRENCE_LABELS)]
    pairs = entities[["article_id", "name"]].drop_duplicates()
    spread = pairs.groupby("name")["article_id"].nunique()
    spread = spread.reset_index().sort_values(["article_id", "name"], ascending=[False, True])
    names = list(spread["name"].head(top))
    matrix = pd.DataFrame(0, index=names, columns=names)
    for _, found in pairs[pairs["name"].isin(names)].groupby("article_id")["name"]:
        present = sorted(set(found))
        for name in present:
            matrix.loc[name, name] += 1
        for a, b in combinations(present, 2):
            matrix.loc[a, b] += 1
            matrix.loc[b, a] += 1
    return matrix


def one_sided_articles(corpus: Corpus, dominant_share: float = DOMINANT_SHARE) -> pd.DataFrame:
    """Articles that quote only one side.

    The rule: an article with at least one quote is one-sided when

    * one voice: a single source carries more than ``dominant_share`` of its quoted
      words (this includes an article with a single source);
    * one country: at least two of its sources have a known country, and it is the
      same country for all of them;
    * one type: it has at least two named sources and all are of one type (all
      officials, all experts ...).

    Args:
        corpus: The corpus tables.
        dominant_share: The share of voice above which one source dominates.

    Returns:
        One row per flagged article, with the reasons and its main source.
    """
    rows = []
    articles = corpus.articles.set_index("article_id")
    for article_id, sources in corpus.sources.groupby("article_id", sort=False):
        sources = sources[sources["n_quotes"].fillna(0) > 0]
        if sources.empty:
            continue
        reasons = []
        top = sources.sort_values("share_of_voice", ascending=False).iloc[0]
        if float(top["share_of_voice"] or 0) > dominant_share:
            reasons.append(f"one voice ({top['share_of_voice']:.0%})")
        countries = sources["country"].dropna()
        if len(countries) >= 2 and countries.nunique() == 1:
            reasons.append(f"one country ({countries.iloc[0]})")
        named = sources[sources["named"].fillna(False).astype(bool)]
        if len(named) >= 2 and named["type"].nunique(dropna=False) == 1:
            reasons.append(f"one type ({named['type'].iloc[0]})")
        if reasons:
            meta = articles.loc[article_id]
            rows.append(
                {
                    "article_id": article_id,
                    "title": meta["title"],
                    "outlet": meta["outlet"],
                    "sources": len(sources),
                    "main source": top["name"],
                    "reasons": "; ".join(reasons),
                }
            )
    columns = ["article_id", "title", "outlet", "sources", "main source", "reasons"]
    return pd.DataFrame(rows, columns=columns)


def article_name(title: object, outlet: object = None, published: object = None) -> str:
    """How an article is named to a reader: its title, else what is known of it, never an id.

    Args:
        title: The headline, or None.
        outlet: The outlet, for an untitled article.
        published: The date, for an untitled article.

    Returns:
        The title, or "(untitled, Outlet, 2024-03-01)".
    """

    def known(value: object) -> str | None:
        return None if value is None or pd.isna(value) or not str(value).strip() else str(value)

    if known(title):
        return " ".join(str(title).split())
    details = [str(v)[:10] if i else str(v) for i, v in enumerate((outlet, published)) if known(v)]
    return "(untitled" + "".join(f", {d}" for d in details) + ")"


def one_sided_table(corpus: Corpus, dominant_share: float = DOMINANT_SHARE) -> pd.DataFrame:
    """:func:`one_sided_articles` for reading: each article named by its title, not its id.

    Args:
        corpus: The corpus tables.
        dominant_share: The share of voice above which one source dominates.

    Returns:
        Columns ``article``, ``outlet``, ``published``, ``sources``, ``main source``, ``reasons``.
    """
    flagged = one_sided_articles(corpus, dominant_share)
    columns = ["article", "outlet", "published", "sources", "main source", "reasons"]
    if flagged.empty:
        return pd.DataFrame(columns=columns)
    articles = corpus.articles.set_index("article_id")
    published = (
        articles["published"] if "published" in articles else pd.Series(None, index=articles.index)
    )
    dates = [published.get(article_id) for article_id in flagged["article_id"]]
    names = [
        article_name(title, outlet, date)
        for title, outlet, date in zip(flagged["title"], flagged["outlet"], dates, strict=True)
    ]
    return flagged.assign(article=names, published=dates)[columns]
