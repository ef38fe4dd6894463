"""The Dask engine keeps the per-article time limit: a stuck article fails, the run goes on."""

from __future__ import annotations

import json
import threading
import time

import pandas as pd
import pytest

from analysis import engines, pipeline
from analysis.corpus import run as corpus
from analysis.workerpool import Failed

#: Seconds per article; the good ones take well under a second once the model is loaded.
LIMIT = 3
#: A stuck step waits in short naps, as Python code does between instructions.
NAP = 0.02


def _stuck(_chunk):
    while True:
        time.sleep(NAP)


def test_call_limited_stops_a_stuck_task():
    started = time.perf_counter()
    result = engines.call_limited(_stuck, 0.2, None)
    assert isinstance(result, Failed) and result.timed_out
    assert result.error == "timed out after 0.2 s"
    assert time.perf_counter() - started < 5


def test_call_limited_passes_results_and_errors_through():
    assert engines.call_limited(len, 5, [1, 2, 3]) == 3
    assert engines.call_limited(len, None, [1]) == 1
    with pytest.raises(TypeError):
        engines.call_limited(len, 5, 42)
    # A limit that never fired leaves nothing behind to go off later in this thread.
    time.sleep(0.1)


def test_a_limit_reached_as_the_task_ends_never_goes_off_later():
    # With a limit this short the stop often comes while the task is returning: the
    # task then counts as timed out or as done, and either way nothing is raised after.
    for _ in range(200):
        result = engines.call_limited(sorted, 0.0001, [3, 1, 2])
        assert result == [1, 2, 3] or (isinstance(result, Failed) and result.timed_out)
    for _ in range(20):
        time.sleep(0.005)  # a stop left pending would be raised here


def test_dask_corpus_fails_the_stuck_article_alone(tmp_path, monkeypatch):
    from dask.distributed import LocalCluster

    real = pipeline.analyze_doc

    def analyze_doc(article, doc, *args, **kwargs):
        if article.title == "Stuck":
            _stuck(None)
        return real(article, doc, *args, **kwargs)

    # Workers in threads of this process see the patched step.
    monkeypatch.setattr(pipeline, "analyze_doc", analyze_doc)
    rows = [
        {"id": "first", "title": "First", "text": "The port opened at dawn, officials said."},
        {"id": "stuck", "title": "Stuck", "text": "This one never ends, he said."},
        {"id": "third", "title": "Third", "text": "Trains ran late, the operator said."},
    ]
    source = tmp_path / "wire.jsonl"
    source.write_text("".join(json.dumps(row) + "\n" for row in rows), encoding="utf-8")
    out = tmp_path / "out"
    pipeline.analyze(pipeline.Article(id="warm", text="Warm up, she said."))
    with LocalCluster(
        n_workers=1, threads_per_worker=1, processes=False, dashboard_address=None
    ) as cluster:
        status = corpus.run_corpus(
            source,
            out=out,
            engine="dask",
            scheduler=cluster.scheduler_address,
            chunk_size=1,
            render=False,
            timeout=LIMIT,
        )
    assert status == 1
    failures = [json.loads(line) for line in (out / "failures.jsonl").read_text().splitlines()]
    assert failures == [
        {"position": 1, "source": f"{source}:2", "error": f"{source}:2: timed out after {LIMIT} s"}
    ]
    articles = pd.read_parquet(out / "articles.parquet")
    assert list(articles["article_id"]) == ["first", "third"]
    assert not [
        t
        for t in threading.enumerate()
        if t.name.startswith("Thread") and t.daemon and "Timer" in type(t).__name__
    ]
