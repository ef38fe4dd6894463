"""Corpus analysis: both engines write identical tables, and the corpus briefing renders."""

from __future__ import annotations

import json
import shutil

import pandas as pd
import pytest
from conftest import FIXTURES

from analysis.article import IngestError
from analysis.corpus import run as corpus
from analysis.corpus import views as corpus_views
from analysis.corpus.tables import TABLES

TALKS = FIXTURES / "corpus" / "talks.jsonl"
N_GOOD = 24


@pytest.fixture(scope="module")
def corpus_input(tmp_path_factory):
    """The 24 fixture articles plus one broken line, which must be recorded, not fatal."""
    path = tmp_path_factory.mktemp("input") / "talks.jsonl"
    shutil.copyfile(TALKS, path)
    with path.open("a", encoding="utf-8") as handle:
        handle.write('{"id": "broken", "text": "an unfinished\n')
    return path


@pytest.fixture(scope="module")
def local_run(corpus_input, tmp_path_factory):
    out = tmp_path_factory.mktemp("local")
    # chunk_size 5 makes several chunks, so ordering across chunks is exercised.
    status = corpus.run_corpus(corpus_input, out=out, engine="local", workers=2, chunk_size=5)
    return status, out


@pytest.fixture(scope="module")
def dask_run(corpus_input, tmp_path_factory):
    out = tmp_path_factory.mktemp("dask")
    status = corpus.run_corpus(
        corpus_input, out=out, engine="dask", workers=2, chunk_size=5, render=False
    )
    return status, out


def _read(out, name):
    return pd.read_parquet(out / f"{name}.parquet")


def test_local_tables_cover_every_good_article(local_run):
    status, out = local_run
    assert status == 1  # the broken line
    articles = _read(out, "articles")
    assert list(articles["article_id"]) == [f"talks-{i:02d}" for i in range(1, N_GOOD + 1)]
    assert list(articles["position"]) == list(range(N_GOOD))
    assert set(articles["outlet"]) == {"Harbour Times", "Daily Ledger", "Continental Wire"}
    for name in TABLES:
        table = _read(out, name)
        assert set(table["article_id"]) <= set(articles["article_id"]), name
    quotes = _read(out, "quotes")
    assert quotes.groupby("article_id").size().min() >= 1
    assert (
        articles["n_quotes"]
        == quotes.groupby("article_id").size()[articles["article_id"]].to_numpy()
    ).all()
    # Rows follow article order, then each article's own order.
    order = articles.set_index("article_id")["position"]
    sentences = _read(out, "sentences")
    keys = list(zip(sentences["article_id"].map(order), sentences["sentence_id"], strict=True))
    assert keys == sorted(keys)


def test_failures_name_the_broken_line(local_run):
    _, out = local_run
    failures = [json.loads(line) for line in (out / "failures.jsonl").read_text().splitlines()]
    assert len(failures) == 1
    assert failures[0]["source"].endswith("talks.jsonl:25")
    assert failures[0]["position"] == N_GOOD


def test_engines_give_identical_tables(local_run, dask_run):
    local_status, local_out = local_run
    dask_status, dask_out = dask_run
    assert local_status == dask_status == 1
    for name in TABLES:
        pd.testing.assert_frame_equal(_read(local_out, name), _read(dask_out, name))
    assert (local_out / "failures.jsonl").read_text() == (dask_out / "failures.jsonl").read_text()
    assert (local_out / "tables.xlsx").read_bytes() == (dask_out / "tables.xlsx").read_bytes()


def test_corpus_workbook_holds_every_table(local_run):
    import openpyxl

    _, out = local_run
    book = openpyxl.load_workbook(out / "tables.xlsx", read_only=True)
    assert book.sheetnames == list(TABLES)
    for name in TABLES:
        rows = list(book[name].iter_rows(values_only=True))
        assert list(rows[0]) == list(_read(out, name).columns), name
        assert len(rows) == 1 + len(_read(out, name)), name
    book.close()


def test_in_process_run_matches_workers(corpus_input, local_run, tmp_path):
    _, out = local_run
    corpus.run_corpus(corpus_input, out=tmp_path, workers=1, chunk_size=32, render=False)
    for name in TABLES:
        pd.testing.assert_frame_equal(_read(out, name), _read(tmp_path, name))


def test_corpus_briefing_renders(local_run):
    _, out = local_run
    page = (out / "corpus.html").read_text(encoding="utf-8")
    for heading in (
        "Who is quoted most",
        "Speakers shared across articles",
        "Tone by outlet",
        "Entities mentioned together",
        "Articles that quote only one side",
    ):
        assert heading in page
    assert "Maria Lopez" in page
    assert page.count("data:image/png;base64") >= 3  # network, tone, co-occurrence
    assert "Traceback" not in page and "corpus_dir =" not in page


def test_views_on_the_corpus(local_run):
    _, out = local_run
    data = corpus_views.load_corpus(out)
    top = corpus_views.top_sources(data, n=6)
    assert top["articles"].iloc[0] >= 8  # each speaker recurs across the 24 articles
    graph = corpus_views.speaker_network(data)
    assert graph.number_of_nodes() >= 5
    assert all(graph.nodes[n]["articles"] >= 2 for n in graph.nodes)
    together = corpus_views.entity_cooccurrence(data, top=8)
    assert (together.to_numpy() == together.to_numpy().T).all()
    assert (together.to_numpy().diagonal() >= together.to_numpy().max(axis=0)).all()
    by_outlet = corpus_views.tone_by_outlet(data)
    assert by_outlet["articles"].sum() == N_GOOD


def test_one_sided_rule(local_run):
    _, out = local_run
    data = corpus_views.load_corpus(out)
    sources = pd.DataFrame(
        [
            ("a1", "S1", "Ann Lee", "official", True, "France", 3, 0.9),
            ("a1", "S2", "Bo Park", "expert", True, None, 1, 0.1),
            ("a2", "S1", "Ann Lee", "official", True, "France", 1, 0.5),
            ("a2", "S2", "Cy Diaz", "expert", True, "Spain", 1, 0.5),
            ("a3", "S1", "Ann Lee", "official", True, "France", 1, 0.5),
            ("a3", "S2", "Di Roy", "official", True, "France", 1, 0.5),
        ],
        columns=[
            "article_id",
            "source_id",
            "name",
            "type",
            "named",
            "country",
            "n_quotes",
            "share_of_voice",
        ],
    )
    articles = pd.DataFrame({"article_id": ["a1", "a2", "a3"], "title": "t", "outlet": "o"})
    data.sources, data.articles = sources, articles
    flagged = corpus_views.one_sided_articles(data).set_index("article_id")["reasons"]
    assert "a2" not in flagged.index
    assert flagged["a1"].startswith("one voice (90%)")
    assert "one country (France)" in flagged["a3"] and "one type (official)" in flagged["a3"]


def test_unreadable_input_is_refused(tmp_path):
    with pytest.raises(IngestError, match="no such file"):
        corpus.run_corpus(tmp_path / "missing.jsonl", out=tmp_path / "out")
    binary = tmp_path / "blob.jsonl"
    binary.write_bytes(bytes(range(256)) * 4)
    with pytest.raises(IngestError, match="blob.jsonl"):
        corpus.run_corpus(binary, out=tmp_path / "out")
    assert not (tmp_path / "out").exists()


def test_engines_agree_on_ambiguous_surnames(tmp_path):
    # Dask workers are fresh interpreters with their own hash seeds, so any result that
    # hangs on set order (two full names sharing a surname) would differ from in-process.
    source = FIXTURES / "determinism" / "ambiguous.jsonl"
    outs = {name: tmp_path / name for name in ("inline", "dask")}
    corpus.run_corpus(source, out=outs["inline"], workers=1, chunk_size=1, render=False)
    corpus.run_corpus(
        source, out=outs["dask"], engine="dask", workers=2, chunk_size=1, render=False
    )
    for name in TABLES:
        pd.testing.assert_frame_equal(_read(outs["inline"], name), _read(outs["dask"], name))
    speakers = set(_read(outs["inline"], "quotes")["speaker"].dropna())
    assert {"Bill Clinton", "Hillary Clinton"} <= speakers
