"""The command line refuses hostile input and unwritable output in one line, never a traceback.

Exit status 2 with one line on stderr naming the file and the problem; in the
JSONL modes a bad row is one line naming ``file:line``, the others go on, and the
exit status is 1. Inputs are never overwritten by outputs.
"""

from __future__ import annotations

import errno
import json
import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import FIXTURES

from analysis import engines, parameters
from analysis import extract as extract_module
from analysis.cli import main
from analysis.corpus import run as corpus_run
from analysis.report import runner

NOTEBOOK = FIXTURES / "notebooks" / "briefing_min.ipynb"
BODY = (
    "The minister said the talks were useful. Officials told reporters that more "
    "meetings would follow soon after the summit."
)


@pytest.fixture
def fixture_notebook(monkeypatch):
    """Reports run the small fixture notebook, as in tests/report."""
    monkeypatch.setattr(parameters, "DEFAULT_NOTEBOOK", NOTEBOOK)
    monkeypatch.setattr(runner, "DEFAULT_NOTEBOOK", NOTEBOOK)


def article_file(folder: Path, name: str = "article.json", **fields) -> Path:
    path = folder / name
    path.write_text(json.dumps({"text": BODY, **fields}), encoding="utf-8")
    return path


def refusal(capsys, *names: str) -> str:
    """The one stderr line of a refusal, checked to name every given name."""
    err = capsys.readouterr().err
    # What a terminal shows: a progress bar redraws and clears its line with "\r".
    shown = [line.rsplit("\r", 1)[-1] for line in err.split("\n")]
    lines = [line for line in shown if line.strip()]
    assert len(lines) == 1, err
    assert "Traceback" not in err
    for name in names:
        assert name in lines[0], lines[0]
    return lines[0]


# -- hostile input ----------------------------------------------------------------------


def _hostile(tmp_path: Path, kind: str) -> Path:
    path = tmp_path / f"{kind}.json"
    if kind == "deep":
        path.write_text(f'{{"text": "{BODY}", "x": {"[" * 100_000}{"]" * 100_000}}}')
    elif kind == "digits":
        path.write_text(f'{{"text": "{BODY}", "x": 1{"0" * 5000}}}')
    elif kind == "published":
        path.write_text(f'{{"text": "{BODY}", "published": 1{"0" * 400}}}')
    elif kind == "fifo":
        os.mkfifo(path)
    elif kind == "device":
        path.symlink_to("/dev/zero")
    return path


@pytest.mark.parametrize(
    "kind, problem",
    [
        ("deep", "nested deeper than"),
        ("digits", "number longer than"),
        ("published", "number longer than"),
        ("fifo", "FIFO"),
        ("device", "device"),
    ],
)
def test_hostile_input_is_one_line_and_exit_2(tmp_path, capsys, kind, problem):
    path = _hostile(tmp_path, kind)
    assert main(["extract", str(path)]) == 2
    refusal(capsys, str(path), problem)


def test_console_script_prints_no_traceback(tmp_path):
    path = _hostile(tmp_path, "deep")
    done = subprocess.run(
        [sys.executable, "-m", "analysis", "extract", str(path)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 2
    assert done.stderr.count("\n") == 1 and "nested deeper than" in done.stderr


def test_lone_surrogate_in_a_title_is_written(tmp_path, capsys):
    path = tmp_path / "a.json"
    path.write_text(f'{{"title": "bad \\ud800 title", "text": "{BODY}"}}')
    assert main(["extract", str(path), "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["article"]["title"] == "bad \ufffd title"


def test_report_on_a_file_name_that_is_not_utf8(fixture_notebook, tmp_path, capsys):
    # Both the name and a "\ud800" title used to stop the manifest, outside the try.
    path = Path(os.fsdecode(bytes(tmp_path) + b"/caf\xe9.json"))
    path.write_text(f'{{"title": "T \\ud800", "text": "{BODY}"}}')
    out = tmp_path / "reports"
    assert main(["report", str(path), "--out", str(out)]) == 0
    folder = Path(capsys.readouterr().out.strip().splitlines()[-1])
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["status"] == "ok"
    # The name is kept as an escape, so it reads back as the file's own name.
    assert manifest["input"] == str(path)
    assert manifest["article"]["title"] == "T \ufffd"


def test_index_over_manifests_with_wrong_types(tmp_path, capsys):
    bad = [
        {"status": "ok", "article": {"title": 5}, "parameters": "x", "timings": []},
        {"status": 5, "article": "x", "summary": "x", "error": {"x": 1}},
        {"article": {"title": ["a"], "published": 7, "outlet": {}}, "summary": {"tone": "x"}},
        {"summary": {"tone": 0.5, "n_sources": "y"}, "parameters": {"negative_below": "x"}},
    ]
    for n, manifest in enumerate(bad):
        (tmp_path / f"r{n}").mkdir()
        (tmp_path / f"r{n}" / "manifest.json").write_text(json.dumps(manifest))
    (tmp_path / "r4").mkdir()
    (tmp_path / "r4" / "manifest.json").write_text('{"title": "\\ud800", "x": ' + "[" * 5000)
    (tmp_path / "r5").mkdir()
    (tmp_path / "r5" / "analysis.json").write_text('{"sentences": [5, {"polarity": "x"}]}')
    assert main(["index", str(tmp_path)]) == 0
    page = (tmp_path / "index.html").read_text(encoding="utf-8")
    assert page.count("<tr><td>") == 5  # r4 holds nothing readable
    assert "<td>5</td>" in page and "+0.50" in page


def test_dead_scheduler_is_one_line_and_exit_2(tmp_path, capsys, monkeypatch):
    monkeypatch.setattr(engines, "SCHEDULER_CONNECT_TIMEOUT", 1)
    with socket.socket() as probe:  # a port that nothing listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    article_file(tmp_path)
    address = f"tcp://127.0.0.1:{port}"
    args = ["corpus", str(tmp_path), "--out", str(tmp_path / "c"), "--engine", "dask"]
    assert main([*args, "--scheduler", address]) == 2
    refusal(capsys, address, "cannot connect to the Dask scheduler")


# -- outputs that cannot be written -------------------------------------------------------


def _command(kind: str, tmp_path: Path, out: Path) -> list[str]:
    article = article_file(tmp_path / "in")
    return {
        "report": ["report", str(article), "--out", str(out)],
        "batch": ["batch", str(article.parent), "--out", str(out), "--workers", "1"],
        "extract": ["extract", str(article), "--out", str(out)],
        "corpus": ["corpus", str(article.parent), "--out", str(out), "--workers", "1"],
        "index": ["index", str(out)],
    }[kind]


@pytest.fixture
def inbox(tmp_path):
    (tmp_path / "in").mkdir()
    return tmp_path


@pytest.mark.parametrize("kind", ["report", "batch", "extract", "corpus", "index"])
def test_out_that_names_a_file(inbox, capsys, kind):
    out = inbox / "taken"
    out.write_text("not a folder")
    assert main(_command(kind, inbox, out)) == 2
    refusal(capsys, str(out), "is a file")
    assert out.read_text() == "not a folder"


@pytest.mark.parametrize("kind", ["report", "batch", "extract", "corpus"])
def test_read_only_out(inbox, capsys, monkeypatch, kind):
    out = inbox / "locked"
    out.mkdir()
    # Root may write anywhere, so the permission check is made to say no.
    monkeypatch.setattr("analysis.outputs.os.access", lambda path, mode: False)
    assert main(_command(kind, inbox, out)) == 2
    refusal(capsys, str(out), "cannot write into")
    assert list(out.iterdir()) == []


def _no_space(*args, **kwargs):
    raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))


@pytest.mark.parametrize("kind", ["report", "batch", "extract", "index"])
def test_full_disk_is_one_line(fixture_notebook, inbox, capsys, monkeypatch, kind):
    out = inbox / "out"
    out.mkdir()
    command = _command(kind, inbox, out)
    monkeypatch.setattr(Path, "write_text", _no_space)
    monkeypatch.setattr(Path, "write_bytes", _no_space)
    assert main(command) == 2
    if kind == "batch":
        # The article's own failure is reported as it happens; the run then stops on
        # the reports folder itself, in one last line.
        err = capsys.readouterr().err
        lines = [line.rsplit("\r", 1)[-1] for line in err.split("\n")]
        lines = [line for line in lines if line.strip()]
        assert "Traceback" not in err and len(lines) == 2, err
        assert "article.json" in lines[0] and str(out) in lines[1]
        assert "No space left on device" in lines[1]
    else:
        refusal(capsys, str(out), "No space left on device")
    assert not [p for p in out.rglob("*") if p.is_file() and p.suffix in {".json", ".csv"}]


def test_full_disk_in_corpus_and_jsonl(inbox, capsys, monkeypatch):
    out = inbox / "out"
    command = _command("corpus", inbox, out)
    monkeypatch.setattr(corpus_run.TableWriters, "write", _no_space)
    assert main(command) == 2
    refusal(capsys, str(out), "No space left on device")

    class FullDisk:
        def __init__(self, *args, **kwargs):
            pass

        write = _no_space

        def close(self):
            pass

    rows = inbox / "rows.jsonl"
    rows.write_text(json.dumps({"id": "a", "text": BODY}) + "\n")
    monkeypatch.setattr(extract_module, "open", FullDisk, raising=False)
    assert main(["extract", "--jsonl", str(rows), "--out", str(inbox / "o.jsonl")]) == 2
    refusal(capsys, "o.jsonl", "No space left on device")


# -- outputs never overwrite inputs --------------------------------------------------------


def test_jsonl_output_that_is_the_input_is_refused(tmp_path, capsys):
    rows = tmp_path / "rows.jsonl"
    rows.write_text(json.dumps({"id": "a", "text": BODY, "target_start": 4, "target_end": 12}))
    before = rows.read_bytes()
    os.link(rows, tmp_path / "hard.jsonl")
    (tmp_path / "soft.jsonl").symlink_to(rows)
    for out in ("rows.jsonl", "hard.jsonl", "soft.jsonl", "./rows.jsonl"):
        for command in ("extract", "sentiment"):
            assert main([command, "--jsonl", str(rows), "--out", str(tmp_path / out)]) == 2
            refusal(capsys, "rows.jsonl", "would overwrite it")
            assert rows.read_bytes() == before


def test_extract_into_the_articles_own_folder_is_refused(tmp_path, capsys, monkeypatch):
    article = article_file(tmp_path, "article.json", id="article")
    before = article.read_bytes()
    monkeypatch.chdir(tmp_path)
    assert main(["extract", "article.json", "--out", "."]) == 2
    refusal(capsys, "article.json", "would overwrite it")
    quotes = tmp_path / "quotes.csv"
    quotes.write_text(f"text\n{BODY}\n")
    assert main(["extract", "quotes.csv", "--format", "csv", "--out", "."]) == 2
    refusal(capsys, "quotes.csv", "would overwrite it")
    assert article.read_bytes() == before and quotes.read_text() == f"text\n{BODY}\n"


def test_batch_and_corpus_into_their_input_folder_are_refused(tmp_path, capsys):
    article_file(tmp_path)
    assert main(["batch", str(tmp_path), "--out", str(tmp_path)]) == 2
    refusal(capsys, "is the input folder")
    assert main(["corpus", str(tmp_path), "--out", str(tmp_path)]) == 2
    refusal(capsys, "is the input folder")
    failures = tmp_path / "out" / "failures.jsonl"
    failures.parent.mkdir()
    failures.write_text(json.dumps({"text": BODY}) + "\n")
    assert main(["corpus", str(failures), "--out", str(failures.parent)]) == 2
    refusal(capsys, "failures.jsonl", "would overwrite it")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["article.json", "out"]


# -- ids that are paths ---------------------------------------------------------------------


@pytest.mark.parametrize("article_id", ["../../escaped", "a/b", "x" * 5000])
def test_extract_ids_stay_inside_out(tmp_path, capsys, article_id):
    article = article_file(tmp_path, "in.json", id=article_id)
    out = tmp_path / "deep" / "out"
    assert main(["extract", str(article), "--out", str(out)]) == 0
    (written,) = out.iterdir()
    assert Path(capsys.readouterr().out.strip()) == written
    assert json.loads(written.read_text(encoding="utf-8"))["id"] == article_id
    assert sorted(p.name for p in tmp_path.iterdir()) == ["deep", "in.json"]
    assert [p.name for p in (tmp_path / "deep").iterdir()] == ["out"]


# -- CSV cells that a spreadsheet would run ---------------------------------------------------


def test_extract_csv_neutralises_formulas_and_keeps_numbers(tmp_path, capsys):
    text = f'=HYPERLINK("http://x") was the terrible link, a bad sad idea. {BODY}'
    article = article_file(tmp_path, "in.json", id="inj", text=text)
    out = tmp_path / "csv"
    assert main(["extract", str(article), "--format", "csv", "--out", str(out)]) == 0
    first = (out / "sentences.csv").read_text(encoding="utf-8").splitlines()[1]
    assert first.startswith("1,1,0,") and ',"\'=HYPERLINK(""http://x"")' in first
    assert float(first.split(",")[-2]) < 0  # a negative polarity stays a number
    capsys.readouterr()
    assert main(["extract", str(article), "--format", "csv", "--table", "sentences"]) == 0
    assert capsys.readouterr().out.splitlines()[1] == first
    assert main(["extract", str(article), "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["sentences"][0]["text"].startswith("=HYPERLINK")


# -- one bad row in a JSONL file -----------------------------------------------------------------


def _bad_rows() -> list[str]:
    good = {"text": BODY, "target_start": 4, "target_end": 12}
    return [
        json.dumps({"id": "ok1", **good}),
        '{"id": "deep", "text": ' + "[" * 100_000,
        json.dumps({"id": "digits", **good})[:-1] + ', "n": 1' + "0" * 5000 + "}",
        json.dumps({"id": "types", "text": 5, "target_start": "4", "target_end": []}),
        "{not json",
        json.dumps({"id": "ok2", **good, "text": BODY + " \ud800"}),
    ]


@pytest.mark.parametrize("command", ["extract", "sentiment"])
def test_bad_jsonl_rows_are_recorded_and_the_rest_go_on(tmp_path, capsys, command):
    rows = tmp_path / "rows.jsonl"
    rows.write_text("\n".join(_bad_rows()) + "\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    assert main([command, "--jsonl", str(rows), "--out", str(out)]) == 1
    err = [line for line in capsys.readouterr().err.splitlines() if "newsbrief:" in line]
    assert len(err) == 4 and "Traceback" not in "".join(err)
    for line, number in zip(err, (2, 3, 4, 5), strict=True):
        assert f"rows.jsonl:{number}" in line
    results = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert len(results) == 6
    assert ["error" in r for r in results] == [False, True, True, True, True, False]
    assert results[-1]["id"] == "ok2"
