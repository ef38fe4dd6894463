"""The shipped notebooks run under papermill, from any working folder, on small fixtures."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import nbformat
import papermill
import pytest
from briefing_fixture import HOSTILE_SPEAKER, make_analysis

from analysis.parameters import RUNNER_PARAMETERS, notebook_parameters

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = ROOT / "notebooks"
ARTICLE = Path(__file__).resolve().parent / "fixtures" / "briefing" / "harbour-talks.txt"
COMMAND_TIMEOUT = 300


def _execute(name: str, tmp_path: Path, parameters: dict) -> nbformat.NotebookNode:
    out = tmp_path / f"{name}.out.ipynb"
    papermill.execute_notebook(
        str(NOTEBOOKS / f"{name}.ipynb"),
        str(out),
        parameters=parameters,
        kernel_name="python3",
        cwd=str(tmp_path),
        progress_bar=False,
    )
    return nbformat.read(str(out), as_version=4)


def _outputs(notebook: nbformat.NotebookNode, mime: str) -> list[str]:
    found = []
    for cell in notebook.cells:
        for output in cell.get("outputs", []):
            assert output.get("output_type") != "error", output
            value = output.get("data", {}).get(mime)
            if value is not None:
                found.append(value if isinstance(value, str) else "".join(value))
    return found


@pytest.mark.parametrize("name", ["briefing", "explore"])
def test_committed_notebook_is_stripped_with_python3_kernel(name):
    notebook = nbformat.read(str(NOTEBOOKS / f"{name}.ipynb"), as_version=4)
    assert notebook.metadata.kernelspec.name == "python3"
    assert notebook.cells[0].cell_type == "markdown"
    assert "parameters" in notebook.cells[1].metadata.get("tags", [])
    for cell in notebook.cells:
        if cell.cell_type == "code":
            assert cell.outputs == [] and cell.execution_count is None


@pytest.mark.parametrize("name", ["briefing", "corpus", "explore"])
def test_parameters_cell_declares_types_and_help(name):
    path = NOTEBOOKS / f"{name}.ipynb"
    cell = nbformat.read(str(path), as_version=4).cells[1]
    assigned = [node for node in ast.parse(cell.source).body if isinstance(node, ast.AnnAssign)]
    declared = notebook_parameters(path)
    assert [node.target.id for node in assigned] == list(declared)
    assert all(p.kind in (str, int, float, bool) and p.help for p in declared.values())
    # papermill's own reading of the cell: every parameter typed, every one with its help.
    shown = subprocess.run(
        [sys.executable, "-m", "papermill", "--help-notebook", str(path)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert "Unknown type" not in shown
    for parameter in declared.values():
        assert f"{parameter.name}: {parameter.kind.__name__} (default" in shown
        assert parameter.help in shown


def test_briefing_ranges_come_from_the_parameters_cell():
    declared = notebook_parameters(NOTEBOOKS / "briefing.ipynb")
    assert (declared["top_n"].low, declared["top_n"].high) == (1, None)
    assert (declared["top_entities"].low, declared["top_entities"].high) == (1, None)
    for name in ("negative_below", "positive_above"):
        assert (declared[name].low, declared[name].high) == (-1, 1)
    assert declared["published"].date


def test_readme_lists_the_briefing_parameters_as_the_cell_does():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for parameter in notebook_parameters(NOTEBOOKS / "briefing.ipynb").values():
        if parameter.name not in RUNNER_PARAMETERS:
            row = f"| `{parameter.name}` |"
            assert row in readme, parameter.name
            line = readme[readme.index(row) :].splitlines()[0]
            assert line.endswith(f"| {parameter.help.replace('False', '`false`')} |"), line


def test_briefing_from_analysis_json_with_hostile_text(tmp_path):
    (tmp_path / "analysis.json").write_text(make_analysis().to_json(), encoding="utf-8")
    notebook = _execute(
        "briefing",
        tmp_path,
        {
            "analysis_json": "analysis.json",
            "analyst_notes": "<script>alert('notes')</script>",
            "published": "2023-07-17",
            "top_n": 2,
        },
    )
    html = "\n".join(_outputs(notebook, "text/html"))
    assert "<script" not in html.lower()
    assert "onerror=alert" not in html.replace("onerror=alert(1)&gt;", "").replace(
        "onerror=alert(2)&gt;", ""
    )
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "&lt;script&gt;alert(&#x27;notes&#x27;)&lt;/script&gt;" in html
    assert "Every named source is from China" in html
    assert "Tokyo appears only as a reported claim" in html
    assert "2023-07-15" in html  # "Saturday" resolved against the published date
    assert HOSTILE_SPEAKER.replace("<", "&lt;").replace(">", "&gt;") in html
    assert len(_outputs(notebook, "image/png")) == 6


def test_briefing_under_the_papermill_command_line(tmp_path):
    # The command line hands over "false" as a string and "2024" as an int: the
    # validation cell must read them as the parameters cell declares them.
    out = tmp_path / "briefing.out.ipynb"
    command = [sys.executable, "-m", "papermill", str(NOTEBOOKS / "briefing.ipynb"), str(out)]
    command += ["-k", "python3", "--cwd", str(tmp_path), "--no-progress-bar"]
    for name, value in [
        ("article", str(ARTICLE)),
        ("show_article_text", "false"),
        ("top_n", "3"),
        ("title", "2024"),
        ("published", "2024-03-06"),
        ("outlet", "Harbour News"),
    ]:
        command += ["-p", name, value]
    result = subprocess.run(command, capture_output=True, text=True, timeout=COMMAND_TIMEOUT)
    assert result.returncode == 0, result.stderr[-3000:]
    html = "\n".join(_outputs(nbformat.read(str(out), as_version=4), "text/html"))
    assert ">2024</div>" in html  # the title, as text
    assert "The article text is left out of this briefing." in html
    assert html.count("(sentence ") == 3  # top_n key sentences
    assert "Harbour News" in html and "Jane Doe" in html
    assert "Maria Lopez" in html and "Tom Baker" in html
    assert "2024-03-04" in html  # "on Monday", the Monday before Wednesday 2024-03-06


def test_briefing_rejects_bad_parameters_in_the_validation_cell(tmp_path):
    with pytest.raises(papermill.PapermillExecutionError) as failure:
        _execute("briefing", tmp_path, {"article": str(ARTICLE), "top_n": 0})
    assert failure.value.ename == "ParameterError"
    assert failure.value.evalue == "parameter top_n: must be at least 1, got 0"
    assert "validate_parameters" in failure.value.source


def test_explore_filters_quotes_by_speaker(tmp_path):
    notebook = _execute("explore", tmp_path, {"article": str(ARTICLE), "speaker": "Baker"})
    last = _outputs(notebook, "text/html")[-1]
    assert "Our members will not accept a pay cut" in last
    assert "Maria Lopez" not in last
