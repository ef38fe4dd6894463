"""Shipped notebooks are committed thin: no outputs, a parameters cell, no logic."""

from __future__ import annotations

import ast

import nbformat
import pytest

from analysis.notebooks import NOTEBOOKS, dirty_cells, main, strip

SHIPPED = sorted(NOTEBOOKS.glob("*.ipynb"))


def test_the_three_notebooks_ship():
    assert {p.stem for p in SHIPPED} >= {"briefing", "corpus", "explore"}


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.name)
def test_committed_without_outputs(path):
    assert dirty_cells(path) == []


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.name)
def test_code_cells_hold_no_logic(path):
    notebook = nbformat.read(str(path), as_version=4)
    tagged = [c for c in notebook.cells if "parameters" in c.metadata.get("tags", [])]
    assert len(tagged) == 1, "exactly one cell tagged parameters"
    for cell in notebook.cells:
        if cell.cell_type != "code":
            continue
        tree = ast.parse(cell.source)
        for node in ast.walk(tree):
            assert not isinstance(
                node, (ast.FunctionDef, ast.ClassDef, ast.For, ast.While, ast.Lambda)
            ), f"logic belongs in analysis/, found {type(node).__name__} in:\n{cell.source}"


def test_strip_and_check(tmp_path):
    notebook = nbformat.v4.new_notebook()
    cell = nbformat.v4.new_code_cell("1 + 1")
    cell.outputs = [nbformat.v4.new_output("execute_result", data={"text/plain": "2"})]
    cell.execution_count = 1
    notebook.cells.append(cell)
    path = tmp_path / "dirty.ipynb"
    nbformat.write(notebook, str(path))
    assert main(["--check", str(path)]) == 1
    assert strip(path) is True
    assert dirty_cells(path) == []
    assert main(["--check", str(path)]) == 0
