"""``-f params.yaml`` is read as untrusted input: small, UTF-8, no aliases, shallow."""

from __future__ import annotations

import os
import re
import time
from pathlib import Path

import pytest

from analysis.cli import main
from analysis.ingest.limits import MAX_NESTING_DEPTH, MAX_PARAMETERS_BYTES
from analysis.parameters import ParameterError
from analysis.report.options import parameters_from_cli, read_parameters_file

NOTEBOOK = Path(__file__).resolve().parents[1] / "fixtures" / "notebooks" / "briefing_min.ipynb"


def billion_laughs() -> str:
    """Nine levels of nine aliases each: 387 million strings once expanded."""
    lines = ["analyst_notes:", "  - &a [x, x, x, x, x, x, x, x, x]"]
    for level in range(1, 9):
        below, name = chr(ord("a") + level - 1), chr(ord("a") + level)
        lines.append(f"  - &{name} [" + ", ".join([f"*{below}"] * 9) + "]")
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize(
    "content, problem",
    [
        (b"title: caf\xe9\n", "not UTF-8 text"),
        (billion_laughs().encode(), "aliases"),
        (b"top_n: &n 3\ntop_entities: *n\n", "aliases"),
        (("x: " + "[" * (MAX_NESTING_DEPTH + 1)).encode(), "nested deeper than"),
        (("x: " + "[" * 100_000 + "]" * 100_000).encode(), "nested deeper than"),
        (b'title: "bad \\ud800"\n', "surrogate"),
        (b"title: " + b"x" * MAX_PARAMETERS_BYTES, "larger than the 1 MiB limit"),
        (b"title: [unclosed\n", "not valid YAML"),
    ],
    ids=["latin-1", "billion-laughs", "alias", "deep", "100000-deep", "surrogate", "big", "bad"],
)
def test_bad_parameter_files_are_refused_at_once(tmp_path, content, problem):
    path = tmp_path / "params.yaml"
    path.write_bytes(content)
    started = time.perf_counter()
    with pytest.raises(ParameterError, match=re.escape(problem)) as info:
        parameters_from_cli([], str(path), NOTEBOOK)
    assert time.perf_counter() - started < 5
    assert str(info.value).startswith(f"{path}: ") and "\n" not in str(info.value)


def test_fifo_parameter_file_is_refused_without_being_opened(tmp_path):
    fifo = tmp_path / "params.yaml"
    os.mkfifo(fifo)
    with pytest.raises(ParameterError, match="FIFO"):
        read_parameters_file(str(fifo))


def test_anchors_alone_and_ordinary_files_still_read(tmp_path):
    path = tmp_path / "params.yaml"
    path.write_text("top_n: &n 3\nanalyst_notes: 'café — checked'\n", encoding="utf-8")
    assert read_parameters_file(str(path)) == {"top_n": 3, "analyst_notes": "café — checked"}


def test_cli_refuses_a_billion_laughs_file_in_one_line(tmp_path, capsys):
    path = tmp_path / "laughs.yaml"
    path.write_text(billion_laughs())
    article = tmp_path / "a.txt"
    article.write_text("Headline\n\nThe minister said the talks were useful.\n")
    status = main(["report", str(article), "-f", str(path), "--out", str(tmp_path / "r")])
    err = capsys.readouterr().err
    assert status == 2 and err.count("\n") == 1 and "laughs.yaml" in err
    assert not (tmp_path / "r").exists()
