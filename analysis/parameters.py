"""Briefing parameters: read from the notebook, typed from its defaults, checked before a run.

The notebook's ``parameters`` cell is the one list of what a briefing accepts;
nothing here repeats it. A value from ``-p NAME VALUE`` or a YAML file takes the
type of the parameter's default (``5`` -> int, ``0.05`` -> float, ``True`` -> bool,
``""`` -> str), so a typo fails before papermill starts a kernel. ``article`` and
``analysis_json`` are set by the report runner and cannot be overridden.
"""

from __future__ import annotations

import ast
import datetime as dt
import functools
import json
import math
from pathlib import Path

import yaml

from analysis.notebooks import notebook_path

#: Parameters that the report runner fills in itself.
RUNNER_PARAMETERS = ("article", "analysis_json")
DEFAULT_NOTEBOOK = notebook_path("briefing")

_TRUE = {"true", "yes", "y", "on", "1"}
_FALSE = {"false", "no", "n", "off", "0"}


class ParameterError(ValueError):
    """A parameter that the notebook does not have, or a value of the wrong type."""


@functools.lru_cache(maxsize=8)
def _inspect(path: str, mtime: float) -> dict[str, object]:
    # Read the cell with json and ast rather than papermill.inspect_notebook: importing
    # papermill costs seconds, and a batch with nothing to do should not pay them.
    notebook = json.loads(Path(path).read_text(encoding="utf-8"))
    cells = [
        c
        for c in notebook.get("cells", [])
        if c.get("cell_type") == "code" and "parameters" in c.get("metadata", {}).get("tags", [])
    ]
    if not cells:
        return {}
    source = cells[0]["source"]
    tree = ast.parse("".join(source) if isinstance(source, list) else source)
    defaults: dict[str, object] = {}
    for node in tree.body:
        if isinstance(node, ast.Assign) and len(node.targets) == 1:
            target, annotation = node.targets[0], None
        elif isinstance(node, ast.AnnAssign) and node.value is not None:
            target, annotation = node.target, node.annotation
        else:
            continue
        if not isinstance(target, ast.Name):
            continue
        try:
            value = ast.literal_eval(node.value)
        except (ValueError, SyntaxError):
            value = ast.unparse(node.value)
        declared = annotation.id if isinstance(annotation, ast.Name) else None
        if declared == "float" and isinstance(value, int) and not isinstance(value, bool):
            value = float(value)
        defaults[target.id] = value
    return defaults


def notebook_defaults(notebook: str | Path | None = None) -> dict[str, object]:
    """Return every parameter of a notebook's ``parameters`` cell with its default.

    Args:
        notebook: The notebook; the shipped briefing when None.

    Returns:
        ``{name: default}`` in the cell's order, runner parameters included.
    """
    path = Path(notebook or DEFAULT_NOTEBOOK)
    if not path.is_file():
        raise FileNotFoundError(2, "no such notebook", str(path))
    return dict(_inspect(str(path.resolve()), path.stat().st_mtime))


def _to_bool(name: str, value: object) -> bool:
    if isinstance(value, bool):
        return value
    if isinstance(value, int) and value in (0, 1):
        return bool(value)
    text = str(value).strip().lower()
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    raise ParameterError(f"parameter {name}: expected true or false, got {value!r}")


def _to_int(name: str, value: object) -> int:
    if isinstance(value, bool):
        raise ParameterError(f"parameter {name}: expected a whole number, got {value!r}")
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, int):
        return value
    try:
        return int(str(value).strip())
    except ValueError:
        raise ParameterError(f"parameter {name}: expected a whole number, got {value!r}") from None


def _to_float(name: str, value: object) -> float:
    if isinstance(value, bool):
        raise ParameterError(f"parameter {name}: expected a number, got {value!r}")
    try:
        number = float(value if isinstance(value, (int, float)) else str(value).strip())
    except ValueError:
        raise ParameterError(f"parameter {name}: expected a number, got {value!r}") from None
    if not math.isfinite(number):
        raise ParameterError(f"parameter {name}: expected a finite number, got {value!r}")
    return number


def _to_str(name: str, value: object) -> str:
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, (dict, list)) or value is None:
        raise ParameterError(f"parameter {name}: expected text, got {value!r}")
    return str(value)


def coerce(name: str, value: object, default: object) -> object:
    """Give a value the type of the parameter's default.

    Args:
        name: The parameter, for error messages.
        value: A string from the command line, or a value from YAML or Python.
        default: The notebook's default for the parameter.

    Returns:
        The typed value.

    Raises:
        ParameterError: If the value cannot take that type.
    """
    if isinstance(default, bool):
        return _to_bool(name, value)
    if isinstance(default, int):
        return _to_int(name, value)
    if isinstance(default, float):
        return _to_float(name, value)
    if isinstance(default, str):
        return _to_str(name, value)
    if default is None and isinstance(value, str) and value.strip().lower() in ("none", "null"):
        value = None
    elif isinstance(default, (list, dict)) and isinstance(value, str):
        try:
            value = yaml.safe_load(value)
        except yaml.YAMLError:
            raise ParameterError(f"parameter {name}: cannot read {value!r}") from None
    if default is not None and not isinstance(value, type(default)):
        kind = type(default).__name__
        raise ParameterError(f"parameter {name}: expected a {kind}, got {value!r}")
    try:
        json.dumps(value)
    except TypeError:
        raise ParameterError(f"parameter {name}: {value!r} cannot be stored") from None
    return value


def effective_parameters(
    overrides: dict | None = None, notebook: str | Path | None = None
) -> dict[str, object]:
    """Merge overrides into the notebook's defaults, typed and checked.

    Applying it twice gives the same result, so callers may pass either overrides
    or an already effective set.

    Args:
        overrides: ``{name: value}`` to change.
        notebook: The notebook; the shipped briefing when None.

    Returns:
        Every parameter except the runner's own, in the notebook's order.

    Raises:
        ParameterError: For an unknown parameter, a runner parameter, or a bad value.
    """
    defaults = notebook_defaults(notebook)
    overrides = dict(overrides or {})
    for name in overrides:
        if name in RUNNER_PARAMETERS:
            raise ParameterError(f"parameter {name} is set by the report runner, not by -p")
        if name not in defaults:
            known = ", ".join(n for n in defaults if n not in RUNNER_PARAMETERS)
            raise ParameterError(f"unknown parameter {name!r} (the notebook takes: {known})")
    return {
        name: coerce(name, overrides[name], default) if name in overrides else default
        for name, default in defaults.items()
        if name not in RUNNER_PARAMETERS
    }


def read_parameters_file(yaml_path: str) -> object:
    """Read a YAML parameters file safely: size-limited, UTF-8, no aliases, shallow.

    Aliases are refused because a few lines of them ("billion laughs") expand to
    billions of values once a value is checked or printed; parameters never need them.

    Args:
        yaml_path: The ``-f`` file.

    Returns:
        The parsed document (plain YAML types only: the safe loader).

    Raises:
        ParameterError: For a file that is not a small regular UTF-8 file, or a
            document that is not valid, uses aliases, or nests too deeply.
    """
    from analysis.article import IngestError, printable
    from analysis.ingest.limits import MAX_NESTING_DEPTH, MAX_PARAMETERS_BYTES
    from analysis.ingest.textio import read_limited

    try:
        text = read_limited(yaml_path, yaml_path, MAX_PARAMETERS_BYTES).decode("utf-8")
        depth = 0
        for event in yaml.parse(text, Loader=yaml.SafeLoader):  # events: no recursion
            if isinstance(event, yaml.AliasEvent):
                raise ParameterError(f"{yaml_path}: YAML aliases (*name) are not allowed")
            if isinstance(event, yaml.ScalarEvent) and printable(event.value) != event.value:
                raise ParameterError(f"{yaml_path}: a lone surrogate escape, not text")
            depth += isinstance(event, yaml.CollectionStartEvent)
            depth -= isinstance(event, yaml.CollectionEndEvent)
            if depth > MAX_NESTING_DEPTH:
                raise ParameterError(f"{yaml_path}: nested deeper than {MAX_NESTING_DEPTH} levels")
        return yaml.safe_load(text)
    except IngestError as error:
        raise ParameterError(str(error)) from None
    except UnicodeDecodeError:
        raise ParameterError(f"{yaml_path}: not UTF-8 text") from None
    except yaml.YAMLError as error:
        problem = str(error).splitlines()[0]
        raise ParameterError(f"{yaml_path}: not valid YAML ({problem})") from None


def parameters_from_cli(
    pairs: list | None, yaml_path: str | None = None, notebook: str | Path | None = None
) -> dict[str, object]:
    """Read ``-f params.yaml`` and ``-p NAME VALUE`` pairs (the pairs win) into typed overrides.

    Args:
        pairs: ``[[name, value], ...]`` as argparse gives them.
        yaml_path: A YAML file holding one mapping of parameters, or None.
        notebook: The notebook; the shipped briefing when None.

    Returns:
        Only the parameters given, each typed from the notebook's default.

    Raises:
        ParameterError: For a bad file, an unknown parameter or a bad value.
    """
    given: dict[str, object] = {}
    if yaml_path:
        loaded = read_parameters_file(yaml_path)
        if loaded is not None and not isinstance(loaded, dict):
            raise ParameterError(f"{yaml_path}: expected a mapping of parameter names to values")
        given.update({str(k): v for k, v in (loaded or {}).items()})
    for name, value in pairs or []:
        given[name] = value
    effective = effective_parameters(given, notebook)
    return {name: effective[name] for name in given}
