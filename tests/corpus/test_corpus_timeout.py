"""Corpus with a per-article time limit: a stuck article fails alone, its chunk stands."""

from __future__ import annotations

import json
import time

import pandas as pd

from analysis import pipeline
from analysis.corpus import run as corpus

#: Long enough that an article sleeping this long has certainly been stopped.
FOREVER = 3600
#: Seconds per article; the good ones take milliseconds once a worker is warm.
LIMIT = 4


def test_a_stuck_article_fails_alone(tmp_path, monkeypatch):
    real = pipeline.analyze_doc

    def analyze_doc(article, doc, *args, **kwargs):
        if article.title == "Stuck":
            time.sleep(FOREVER)
        return real(article, doc, *args, **kwargs)

    monkeypatch.setattr(pipeline, "analyze_doc", analyze_doc)  # forked workers inherit it
    rows = [
        {"id": "first", "title": "First", "text": "The port opened at dawn, officials said."},
        {"id": "stuck", "title": "Stuck", "text": "This one never ends, he said."},
        {"id": "third", "title": "Third", "text": "Trains ran late, the operator said."},
    ]
    source = tmp_path / "wire.jsonl"
    source.write_text("".join(json.dumps(row) + "\n" for row in rows), encoding="utf-8")
    out = tmp_path / "out"
    status = corpus.run_corpus(
        source, out=out, workers=1, chunk_size=3, render=False, timeout=LIMIT
    )
    assert status == 1
    failures = [json.loads(line) for line in (out / "failures.jsonl").read_text().splitlines()]
    assert failures == [
        {"position": 1, "source": f"{source}:2", "error": f"{source}:2: timed out after {LIMIT} s"}
    ]
    articles = pd.read_parquet(out / "articles.parquet")
    assert list(articles["article_id"]) == ["first", "third"]
