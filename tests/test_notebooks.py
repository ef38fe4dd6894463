"""The shipped notebooks run under papermill, from any working folder, on small fixtures."""

from __future__ import annotations

import ast
from pathlib import Path

import nbformat
import papermill
import pytest
from briefing_fixture import HOSTILE_SPEAKER, make_analysis

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = ROOT / "notebooks"
ARTICLE = Path(__file__).resolve().parent / "fixtures" / "briefing" / "harbour-talks.txt"


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


def test_briefing_notebook_parameters_match_validation():
    from analysis.briefing.brief import DEFAULTS

    notebook = nbformat.read(str(NOTEBOOKS / "briefing.ipynb"), as_version=4)
    assigned = {
        node.targets[0].id: ast.literal_eval(node.value)
        for node in ast.parse(notebook.cells[1].source).body
        if isinstance(node, ast.Assign)
    }
    assert assigned == DEFAULTS
    assert all(type(assigned[k]) is type(v) for k, v in DEFAULTS.items())


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


def test_briefing_on_a_plain_text_article(tmp_path):
    notebook = _execute(
        "briefing",
        tmp_path,
        {"article": str(ARTICLE), "published": "2024-03-06", "outlet": "Harbour News"},
    )
    html = "\n".join(_outputs(notebook, "text/html"))
    assert "Port talks stall as unions and ministers trade blame" in html
    assert "Harbour News" in html and "Jane Doe" in html
    assert "Maria Lopez" in html and "Tom Baker" in html
    assert "2024-03-04" in html  # "on Monday", the Monday before Wednesday 2024-03-06


def test_briefing_rejects_bad_parameters(tmp_path):
    with pytest.raises(papermill.PapermillExecutionError, match="top_n"):
        _execute("briefing", tmp_path, {"article": str(ARTICLE), "top_n": 0})


def test_explore_filters_quotes_by_speaker(tmp_path):
    notebook = _execute("explore", tmp_path, {"article": str(ARTICLE), "speaker": "Baker"})
    last = _outputs(notebook, "text/html")[-1]
    assert "Our members will not accept a pay cut" in last
    assert "Maria Lopez" not in last
