"""The per-article pipeline and the Analysis record."""

from __future__ import annotations

import json

from analysis.article import Article, IngestError
from analysis.pipeline import analyze, analyze_items, paragraph_starts
from analysis.sentiment.tone import ACTOR_LABELS, tone
from analysis.tables import COLUMNS, Analysis

BODY = (
    "The harbour authority said on Tuesday that the talks had stalled. "
    "It was a terrible week.\n\n"
    "“We will not sign a bad deal,” said Maria Lopez, a union organiser."
)


def _article(text=BODY, id="port"):
    return Article(id=id, text=text, title="Port talks stall", sha256="0" * 64)


def test_paragraph_starts():
    assert paragraph_starts("a\n\nb\n \nc") == [0, 3, 7]


def test_sentences_index_the_text_and_carry_paragraphs_and_tone():
    a = analyze(_article())
    rows = a.sentences.to_dict("records")
    assert len(rows) == 3
    for row in rows:
        assert BODY[row["start"] : row["end"]] == row["text"]
    assert [r["paragraph_id"] for r in rows] == [1, 1, 2]
    assert rows[1]["polarity"] < 0  # "a terrible week"
    assert 0 <= rows[1]["subjectivity"] <= 1


def test_tables_have_contract_columns_even_when_empty():
    a = analyze(_article(text="Nothing happened here today.", id="quiet"))
    for name, columns in COLUMNS.items():
        assert list(a.table(name).columns) == columns
    assert a.quotes.empty


def test_json_round_trip_and_schema():
    a = analyze(_article())
    data = json.loads(a.to_json())
    assert data["schema"] == "newsbrief/1"
    assert list(data)[:3] == ["schema", "id", "article"]
    assert data["article"]["n_words"] == a.article.n_words
    again = Analysis.from_dict(data)
    assert again.to_json() == a.to_json()


def test_analysis_is_deterministic():
    assert analyze(_article()).to_json() == analyze(_article()).to_json()


def test_one_bad_item_does_not_stop_the_others():
    items = [_article(id="one"), IngestError("bad.txt", "file is empty"), _article(id="two")]
    outcomes = list(analyze_items(items, batch_size=2))
    assert [o.ok for o in outcomes] == [True, False, True]
    assert outcomes[1].error == "bad.txt: file is empty"
    assert outcomes[2].analysis.article.id == "two"


def test_every_actor_gets_target_sentiment_over_its_mentions():
    a = analyze(_article())
    for row in a.entities.to_dict("records"):
        assert row["sentiment"] in ("negative", "neutral", "positive")
        assert -1 <= row["sentiment_score"] <= 1
        assert row["n_negative"] + row["n_neutral"] + row["n_positive"] == row["mentions"]
    lopez = a.sources[a.sources["name"] == "Maria Lopez"].iloc[0]
    assert lopez["sentiment"] in ("negative", "neutral", "positive")
    assert lopez["n_negative"] + lopez["n_neutral"] + lopez["n_positive"] >= 1


def test_only_actors_are_judged_by_the_target_model():
    text = (
        "Senator Maria Lopez said the Clean Air Act had failed. "
        "She spoke in Lisbon after the Olympic Games."
    )
    rows = analyze(Article(id="acts", text=text)).entities.to_dict("records")
    labels = {row["name"]: row["label"] for row in rows}
    assert labels["Clean Air Act"] == "LAW" and labels["Maria Lopez"] == "PERSON"
    for row in rows:
        counted = row["n_negative"] + row["n_neutral"] + row["n_positive"]
        if row["label"] in ACTOR_LABELS:
            assert row["sentiment"] in ("negative", "neutral", "positive")
            assert counted == row["mentions"]
        else:
            assert row["sentiment"] is None and row["sentiment_score"] is None
            assert counted == 0


def test_whole_body_tone_travels_with_the_analysis():
    a = analyze(_article())
    assert a.tone == tone(BODY)
    data = json.loads(a.to_json())
    assert data["tone"] == {"polarity": a.tone[0], "subjectivity": a.tone[1]}
    assert Analysis.from_dict(data).tone == a.tone
    # Older analysis.json files without the key still load; the briefing then computes it.
    del data["tone"]
    assert Analysis.from_dict(data).tone is None
