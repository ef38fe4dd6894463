"""``newsbrief extract`` and the command line's exit codes."""

from __future__ import annotations

import json
import subprocess
import sys

from conftest import FIXTURES

from analysis.cli import main

CLI = FIXTURES / "cli"


def test_extract_json_prints_schema(capsys, sample_path):
    assert main(["extract", str(sample_path), "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["schema"] == "newsbrief/1"
    assert data["article"]["title"].startswith("China and Russia will hold")
    assert data["article"]["byline"] == "Minnie Chan"
    text = data["article"]["text"]
    for quote in data["quotes"]:
        assert text[quote["start"] : quote["end"]] == quote["text"]


def test_extract_csv_to_folder(tmp_path, capsys):
    assert (
        main(
            ["extract", str(CLI / "two_paragraphs.txt"), "--format", "csv", "--out", str(tmp_path)]
        )
        == 0
    )
    names = sorted(p.name for p in tmp_path.iterdir())
    assert names == ["entities.csv", "quotes.csv", "sentences.csv", "sources.csv"]
    assert "Maria Lopez" in (tmp_path / "quotes.csv").read_text()


def test_extract_jsonl_keeps_going_past_a_bad_line(tmp_path, capsys):
    out = tmp_path / "out.jsonl"
    assert main(["extract", "--jsonl", str(CLI / "three_lines.jsonl"), "--out", str(out)]) == 1
    lines = [json.loads(line) for line in out.read_text().splitlines()]
    assert len(lines) == 3
    assert lines[0]["id"] == "a1" and lines[0]["schema"] == "newsbrief/1"
    assert "error" in lines[1]
    assert lines[2]["id"] == "a3"
    source = json.loads((CLI / "three_lines.jsonl").read_text().splitlines()[0])["text"]
    assert lines[0]["article"]["text"] == source
    err = capsys.readouterr().err
    assert "three_lines.jsonl:2" in err


def test_unreadable_input_is_one_line_and_exit_2(tmp_path, capsys):
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    assert main(["extract", str(empty)]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "empty.txt" in err[0]
    assert main(["extract", str(tmp_path / "missing.txt")]) == 2
    assert "missing.txt" in capsys.readouterr().err


def test_python_dash_m_is_the_same_program():
    done = subprocess.run(
        [sys.executable, "-m", "analysis", "extract", str(CLI / "two_paragraphs.txt")],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["article"]["byline"] == "Daniel Reyes"
