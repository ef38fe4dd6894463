"""Pages that read right: tables without an index, legible charts, text-quality notes."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pandas as pd
import pytest
from briefing_fixture import HOSTILE, make_analysis
from matplotlib.figure import Figure

from analysis.article import Article
from analysis.briefing import display, plots, quality, summary, views
from analysis.corpus import plots as corpus_plots
from analysis.corpus import views as corpus_views
from analysis.tables import Analysis, records_to_frame

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "data" / "articles" / "china-russia-joint-exercise.txt"
GARBLED = (
    "Pacific to try to isolate Russia and China.",
    "… House of Representatives The United States, Nancy Pelosi, in August.",
)


class _Cells(HTMLParser):
    """Each row's cells as ``(tag, style, text)``."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.rows, self._cell = [], None

    def handle_starttag(self, tag, attrs):
        if tag == "tr":
            self.rows.append([])
        elif tag in ("td", "th"):
            self._cell = [tag, dict(attrs).get("style", ""), ""]

    def handle_data(self, data):
        if self._cell is not None:
            self._cell[2] += data

    def handle_endtag(self, tag):
        if tag in ("td", "th") and self._cell is not None:
            self.rows[-1].append(tuple(self._cell))
            self._cell = None


def cells(markup: str) -> list[list[tuple[str, str, str]]]:
    parser = _Cells()
    parser.feed(markup)
    return parser.rows


def test_table_has_no_index_column_text_left_numbers_right():
    frame = views.sources_table(make_analysis())
    rows = cells(display.table(frame).data)
    header, first = rows[0], rows[1]
    assert [text for _, _, text in header] == list(frame.columns)
    # No pandas index: every row has exactly the table's columns, the first cell a name.
    assert all(len(row) == len(frame.columns) for row in rows)
    assert first[0][2] == frame.iloc[0, 0]
    by_column = dict(zip(frame.columns, first, strict=True))
    for column in ("Source", "Descriptor", "Word-level tone"):
        assert "text-align:left" in by_column[column][1]
        assert "white-space:normal" in by_column[column][1]
    for column in ("Quotes", "Words", "Share of voice"):
        assert "text-align:right" in by_column[column][1]


def test_table_escapes_article_text():
    markup = display.table(views.quotes_table(make_analysis())).data
    assert "<script>" not in markup and "&lt;script&gt;" in markup
    texts = [text for row in cells(markup) for _, _, text in row]
    assert any(HOSTILE in text for text in texts)
    assert "tex2jax_ignore" in markup
    assert "Nothing to show" in display.table(pd.DataFrame()).data


def test_numeric_columns_are_recognised():
    assert display.is_numeric(pd.Series([1, 2.5, None, "30%", "+0.40", "−0.2"]))
    assert not display.is_numeric(pd.Series(["negative (-0.12)", "3"]))
    assert not display.is_numeric(pd.Series([None, None]))


def _sources(n: int) -> pd.DataFrame:
    rows = [
        {"source_id": f"S{i}", "name": f"Source number {i:02d}", "type": "expert", "named": True,
         "n_quotes": 1, "n_words": 10, "share_of_voice": (n - i) / sum(range(1, n + 1))}
        for i in range(n)
    ]  # fmt: skip
    return records_to_frame("sources", rows)


@pytest.mark.parametrize("n", [1, 12, 13, 50])
def test_voice_by_source_is_legible_with_many_sources(n):
    a = make_analysis()
    many = Analysis(a.article, a.sentences, a.entities, a.quotes, _sources(n))
    axes = plots.voice_by_source(many).axes[0]
    labels = [t.get_text() for t in axes.get_yticklabels()]
    assert len(labels) == min(n, plots.TOP_BARS)
    if n > plots.TOP_BARS:
        assert labels[-1] == f"others ({n - plots.TOP_BARS + 1})"
    assert labels[0] == "Source number 00"


def _outside(figure: Figure, axes) -> bool:
    """True when the axes' legend lies right of its plot area, as drawn."""
    figure.draw_without_rendering()
    return axes.get_legend().get_window_extent().x0 >= axes.get_window_extent().x1


def test_tone_arc_legend_is_outside_the_plot():
    figure = plots.tone_arc(make_analysis())
    assert _outside(figure, figure.axes[0])


def _corpus(n_outlets: int) -> corpus_views.Corpus:
    articles = pd.DataFrame(
        [
            {"article_id": f"{i:064x}", "title": f"Story {i}" if i % 7 else None,
             "outlet": f"Outlet {i % n_outlets:02d}", "published": f"2024-03-{1 + i % 9:02d}",
             "polarity": (i % 5 - 2) / 10}
            for i in range(3 * n_outlets)
        ]
    )  # fmt: skip
    sources = pd.DataFrame(
        [
            {"article_id": a, "source_id": "S1", "name": "Ann Lee", "type": "official",
             "named": True, "country": "France", "n_quotes": 2, "share_of_voice": 1.0}
            for a in articles["article_id"]
        ]
    )  # fmt: skip
    quotes = pd.DataFrame({"article_id": articles["article_id"], "polarity": 0.0})
    empty = pd.DataFrame(columns=["article_id", "name", "label"])
    return corpus_views.Corpus(articles, quotes, sources, empty, empty)


@pytest.mark.parametrize("n_outlets", [1, 26, 50])
def test_corpus_tone_chart_is_legible_with_many_outlets(n_outlets):
    figure = corpus_plots.plot_tone(_corpus(n_outlets))
    assert isinstance(figure, Figure)
    bars, lines = figure.axes
    labels = [t.get_text() for t in bars.get_yticklabels()]
    assert len(labels) == min(n_outlets, corpus_plots.TOP_OUTLETS)
    if n_outlets > corpus_plots.TOP_OUTLETS:
        assert any(label.startswith("others (") for label in labels)
    assert len(lines.get_legend().get_texts()) <= corpus_plots.TOP_OUTLETS
    assert _outside(figure, lines)


def test_corpus_one_sided_table_names_articles_by_title():
    table = corpus_views.one_sided_table(_corpus(3))
    assert "article_id" not in table.columns
    names = list(table["article"])
    assert "Story 1" in names
    assert any(name.startswith("(untitled, Outlet 00, 2024-03-01") for name in names)
    assert not any(re.fullmatch(r"[0-9a-f]{64}", name) for name in names)


GERMAN = (
    "Die Hafenbehörde hat am Dienstag angekündigt, dass das neue Terminal im kommenden Frühjahr "
    "öffnen soll. Ein Sprecher der Behörde sagte, man sei mit dem Ergebnis sehr zufrieden."
)


def test_summary_box_of_a_german_article_says_entities_only():
    empty = {name: records_to_frame(name, []) for name in ("entities", "quotes", "sources")}
    article = Article(id="de", text=GERMAN, title="Neues Terminal", language="de")
    a = Analysis(article, records_to_frame("sentences", []), quality={"language": "de"}, **empty)
    box = summary.summary_box(a).data
    assert "German (de)" in box and "entities" in box
    assert "not scored" in box and "not analysed" in box
    assert "German (de)" in quality.text_quality_html(a).data
    assert summary.overall_tone(a) is None


def test_text_quality_note_lists_what_was_found():
    a = make_analysis()
    found = {
        "language": "en",
        "furniture": ["Thanks for signing up!"],
        "garbled": [
            {"sentence_id": 3, "start": 5, "end": 9, "text": "<b>cut</b> off.", "reasons": ["x"]}
        ],
    }
    note = quality.text_quality_html(Analysis(**{**a.__dict__, "quality": found})).data
    assert "Sentence 3" in note and "&lt;b&gt;cut&lt;/b&gt; off." in note
    assert "Thanks for signing up!" in note
    clean = {"language": "en", "furniture": [], "garbled": []}
    assert (
        "No damaged sentences"
        in quality.text_quality_html(Analysis(**{**a.__dict__, "quality": clean})).data
    )
    assert "not checked" in quality.text_quality_html(a).data


def test_briefing_of_the_sample_reads_right(tmp_path):
    from analysis.report.runner import run_report

    result = run_report(SAMPLE, out=tmp_path, parameters={"show_article_text": False})
    assert result.ok, result.error
    page = (result.folder / "briefing.html").read_text(encoding="utf-8")
    assert "The article text is left out of this briefing." in page
    assert "Text quality" in page
    for sentence in GARBLED:
        assert sentence in page
    # The quotes table: no index column, the quote text left-aligned and wrapping.
    quotes = next(rows for rows in _tables(page) if rows[0][:2] == ("#", "Speaker"))
    assert all(len(row) == 6 for row in quotes)
    assert quotes[1][0] == "Q1"
    assert "text-align:left" in _style(page, quotes[1][3])


def _tables(page: str) -> list[list[tuple[str, ...]]]:
    found = []
    for markup in re.findall(r"<table.*?</table>", page, re.S):
        rows = [tuple(text for _, _, text in row) for row in cells(markup) if row]
        if rows:
            found.append(rows)
    return found


def _style(page: str, text: str) -> str:
    escaped = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    match = re.search(r'<td style="([^"]*)">' + re.escape(escaped[:40]), page)
    assert match, text[:40]
    return match.group(1)
