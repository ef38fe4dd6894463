"""Where commands write: output folders checked before use, and inputs never overwritten.

Every command that writes first makes sure its ``--out`` can be a folder (or a
file) and that no output it is about to write is one of its inputs, so that a
mistyped ``--out`` is one line on stderr, never a traceback, and never an input
truncated before it was read.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable
from pathlib import Path

from analysis.article import printable


class OutputError(Exception):
    """An output that cannot or must not be written; printed as one line, exit status 2.

    Args:
        path: The output path (as given).
        problem: What is wrong, in a few words.
    """

    def __init__(self, path: str | Path, problem: str):
        self.path = printable(str(path))
        self.problem = problem
        super().__init__(f"{self.path}: {problem}")


def output_folder(path: str | Path, create: bool = True) -> Path:
    """Make sure ``path`` is a folder that can be written into.

    Args:
        path: The ``--out`` folder.
        create: Create it (and its parents) if missing; with False only check
            that it could be, so that a refused input leaves no empty folder.

    Returns:
        The folder.

    Raises:
        OutputError: If it (or a part of its path) is a file, or it cannot be
            created or written into.
    """
    folder = Path(path)
    existing = next((p for p in (folder, *folder.parents) if p.exists()), Path("."))
    if not existing.is_dir():
        where = "is a file" if existing == folder else f"is under {existing}, a file"
        raise OutputError(path, f"{where}, not a folder (--out names the folder to write into)")
    if not os.access(existing, os.W_OK | os.X_OK):
        raise OutputError(path, f"cannot write into {existing} (permission denied)")
    if create:
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            problem = f"cannot create the folder ({error.strerror or error})"
            raise OutputError(path, problem) from None
    return folder


def same_file(first: str | Path, second: str | Path) -> bool:
    """Tell whether two paths name the same file (or folder), through links.

    Args:
        first: A path; it need not exist.
        second: Another path.

    Returns:
        True if both resolve to the same path, or both exist and are one file
        (a hard link, a bind mount).
    """
    first, second = Path(first), Path(second)
    try:
        if first.resolve() == second.resolve():
            return True
        return first.exists() and second.exists() and os.path.samefile(first, second)
    except (OSError, RuntimeError, ValueError):  # a symlink loop, a NUL byte
        return False


def refuse_overwrite(outputs: Iterable[str | Path], inputs: Iterable[str | Path]) -> None:
    """Refuse, before anything is written, when an output is one of the inputs.

    Args:
        outputs: Every path the command is about to write.
        inputs: Every path it reads.

    Raises:
        OutputError: Naming the input that would be overwritten.
    """
    inputs = list(inputs)
    for output in outputs:
        for given in inputs:
            if same_file(output, given):
                raise OutputError(given, f"is an input; writing {output} would overwrite it")


def json_text(value: object, indent: int | None = None) -> str:
    """Serialise to JSON, non-ASCII kept, with any lone surrogate made writable as UTF-8.

    Args:
        value: A JSON-ready value (a manifest, a result line).
        indent: As for :func:`json.dumps`.

    Returns:
        The JSON text; a lone surrogate (from a ``"\\ud800"`` escape or a file name
        that is not UTF-8) becomes U+FFFD.
    """
    return printable(json.dumps(value, ensure_ascii=False, indent=indent))
