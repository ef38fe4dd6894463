"""The shipped notebooks: where they live, and keeping them committed without outputs.

Executed copies belong under ``reports/``; the notebooks in ``notebooks/`` hold
narrative and calls only. ``python -m analysis.notebooks --check FILE ...`` fails
when a notebook carries outputs (the pre-commit hook), and ``--strip`` removes them.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import nbformat

NOTEBOOKS = Path(__file__).resolve().parent.parent / "notebooks"


def notebook_path(name: str) -> Path:
    """Return the path of a shipped notebook, e.g. ``notebook_path("briefing")``."""
    return NOTEBOOKS / f"{name}.ipynb"


def dirty_cells(path: str | Path) -> list[int]:
    """Return the indexes of code cells that carry outputs or an execution count."""
    notebook = nbformat.read(str(path), as_version=4)
    return [
        i
        for i, cell in enumerate(notebook.cells)
        if cell.cell_type == "code" and (cell.get("outputs") or cell.get("execution_count"))
    ]


def strip(path: str | Path) -> bool:
    """Remove outputs and execution counts in place.

    Args:
        path: A notebook file.

    Returns:
        True if the file changed.
    """
    if not dirty_cells(path):
        return False
    notebook = nbformat.read(str(path), as_version=4)
    for cell in notebook.cells:
        if cell.cell_type == "code":
            cell.outputs = []
            cell.execution_count = None
    nbformat.write(notebook, str(path))
    return True


def main(argv: list[str] | None = None) -> int:
    """Check or strip notebooks given on the command line."""
    parser = argparse.ArgumentParser(prog="python -m analysis.notebooks")
    parser.add_argument("files", nargs="*", type=Path)
    group = parser.add_mutually_exclusive_group()
    group.add_argument("--check", action="store_true", help="fail if a notebook has outputs")
    group.add_argument("--strip", action="store_true", help="remove outputs in place")
    args = parser.parse_args(argv)
    files = args.files or sorted(NOTEBOOKS.glob("*.ipynb"))
    status = 0
    for path in files:
        if args.strip:
            if strip(path):
                print(f"stripped {path}")
        elif cells := dirty_cells(path):
            print(f"{path}: outputs in cells {cells}; run python -m analysis.notebooks --strip")
            status = 1
    return status


if __name__ == "__main__":
    sys.exit(main())
