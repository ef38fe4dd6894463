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


def output_folder(path: str | Path) -> Path:
    """Make sure ``path`` is a folder that can be written into, creating it if needed.

    Args:
        path: The ``--out`` folder.

    Returns:
        The folder.

    Raises:
        OutputError: If it is a file, or cannot be created.
    """
    folder = Path(path)
    if folder.exists() and not folder.is_dir():
        raise OutputError(path, "is a file, not a folder (--out names the folder to write into)")
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except FileExistsError:
        raise OutputError(path, "a part of the path is a file, not a folder") from None
    except OSError as error:
        raise OutputError(path, f"cannot create the folder ({error.strerror or error})") from None
    if not os.access(folder, os.W_OK | os.X_OK):
        raise OutputError(path, "the folder is not writable")
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
