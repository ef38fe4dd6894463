"""Charts: a Figure for every input, 'no data' for empty input, same picture every time."""

from __future__ import annotations

import io

import pytest
from briefing_fixture import empty_analysis, make_analysis
from matplotlib.figure import Figure

from analysis.briefing import plots
from analysis.tables import Analysis

CHARTS = [
    plots.voice_by_source,
    plots.voice_by_type,
    plots.voice_by_country,
    plots.tone_arc,
    plots.entity_mentions,
    plots.portrayal,
]


def _texts(figure: Figure) -> list[str]:
    texts = [t.get_text() for t in figure.texts]
    for axes in figure.axes:
        texts += [t.get_text() for t in axes.texts]
        texts += [t.get_text() for t in axes.get_yticklabels()]
        texts.append(axes.get_title(loc="left"))
    return texts


def _png(figure: Figure) -> bytes:
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", metadata={"Software": None})
    return buffer.getvalue()


@pytest.mark.parametrize("chart", CHARTS, ids=lambda c: c.__name__)
def test_chart_draws_for_fixture_and_empty(chart):
    full = chart(make_analysis(with_sentiment=True))
    empty = chart(empty_analysis())
    assert isinstance(full, Figure) and isinstance(empty, Figure)
    assert tuple(full.get_size_inches()) == plots.FIGSIZE
    assert not any("no data" in t or "not available" in t for t in _texts(full))
    assert any("no data" in t for t in _texts(empty))
    assert _png(full)[:4] == b"\x89PNG" and _png(empty)[:4] == b"\x89PNG"


@pytest.mark.parametrize("chart", CHARTS, ids=lambda c: c.__name__)
def test_chart_is_deterministic(chart):
    assert _png(chart(make_analysis(with_sentiment=True))) == _png(
        chart(make_analysis(with_sentiment=True))
    )


def test_voice_by_source_orders_by_share():
    axes = plots.voice_by_source(make_analysis()).axes[0]
    labels = [t.get_text() for t in axes.get_yticklabels()]
    assert labels[0].startswith("Evil") and labels[-1] == "Tokyo"
    # The largest share sits at the top.
    assert list(axes.get_yticks()) == [3, 2, 1, 0]


def test_voice_by_country_uses_inferred_countries():
    labels = _texts(plots.voice_by_country(make_analysis()))
    assert {"China", "Japan", "unknown"} <= set(labels)


def test_portrayal_without_model_scores_says_not_available():
    assert any("not available" in t for t in _texts(plots.portrayal(make_analysis())))


def test_dollar_signs_in_names_draw_as_text():
    a = make_analysis()
    sources = a.sources.copy()
    sources.loc[0, "name"] = "$x$ paid $5 and \\frac{1}{0} $"
    figure = plots.voice_by_source(Analysis(a.article, a.sentences, a.entities, a.quotes, sources))
    assert _png(figure)[:4] == b"\x89PNG"
    assert plots.label("a $b$ c") == r"a \$b\$ c"
    assert plots.label("x" * 100).endswith("…") and len(plots.label("x" * 100)) == plots.MAX_LABEL
