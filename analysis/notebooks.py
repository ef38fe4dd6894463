"""The shipped notebooks: where they live, and keeping them committed without outputs.

This module is the one place that knows where the notebooks are. In a checkout
they are the top-level ``notebooks/`` folder; a wheel ships that same folder as
the package data ``analysis/_notebooks/`` (see ``package-dir`` in pyproject.toml).

Executed copies belong under ``reports/``; the notebooks in ``notebooks/`` hold
narrative and calls only. ``python -m analysis.notebooks --check FILE ...`` fails
when a notebook carries outputs (the tests use it; the pre-commit hook is nbstripout),
and ``--strip`` removes them.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent
#: Where an installed wheel keeps the notebooks, and where a checkout keeps them.
INSTALLED_NOTEBOOKS = _PACKAGE / "_notebooks"
CHECKOUT_NOTEBOOKS = _PACKAGE.parent / "notebooks"


def notebooks_folder() -> Path:
    """Return the folder of the shipped notebooks: the wheel's copy, else the checkout's."""
    # An editable install maps the package to the checkout, so only the checkout's exists.
    return INSTALLED_NOTEBOOKS if INSTALLED_NOTEBOOKS.is_dir() else CHECKOUT_NOTEBOOKS


NOTEBOOKS = notebooks_folder()


def notebook_path(name: str) -> Path:
    """Return the path of a shipped notebook, e.g. ``notebook_path("briefing")``."""
    return NOTEBOOKS / f"{name}.ipynb"


def dirty_cells(path: str | Path) -> list[int]:
    """Return the indexes of code cells that carry outputs or an execution count."""
    # Imported here: nbformat (with jsonschema) takes a second or more to import, and
    # every command imports this module for the notebooks' location.
    import nbformat

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
    import nbformat

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
