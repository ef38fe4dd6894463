"""Notebook parameters: one contract, read from the notebook's ``parameters`` cell.

The cell is the single source of every parameter's name, default, type, help and
range, one line per parameter::

    top_n: int = 5  # key sentences in the summary (at least 1)

- The annotation (``str``, ``int``, ``float`` or ``bool``) is the type; without one,
  the default's type is used.
- The comment is the help, as ``papermill --help-notebook`` shows it.
- A comment that ends in one of these fixed forms also states a rule:
  ``(LOW to HIGH)``, ``(at least LOW)`` or ``(at most HIGH)`` for a number, bounds
  included; ``(ISO date)`` for text that is empty or a date such as 2023-07-15.

Ranges are read from the comment rather than kept in a table here, so the help an
analyst reads cannot disagree with the check and a new parameter is one line in the
notebook. The one rule that joins two parameters cannot be said on one line; it is
:data:`ORDERED`.

:func:`validate` is the one check. The report runner applies it (through
:func:`effective_parameters`) to ``-p``/``-f`` values before it loads the article;
the notebook's validation cell applies it to what papermill injected, so plain
papermill, whose command line passes ``-p show_article_text false`` as a string and
``-p title 2024`` as an int, meets the same rules. ``article`` and ``analysis_json``
are set by the report runner and cannot be overridden there.

The notebook kernel imports this module: it must stay light (no spaCy, pandas or
papermill).
"""

from __future__ import annotations

import ast
import datetime as dt
import functools
import io
import json
import math
import re
import tokenize
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import yaml

from analysis.notebooks import notebook_path

#: Parameters that the report runner fills in itself.
RUNNER_PARAMETERS = ("article", "analysis_json")
DEFAULT_NOTEBOOK = notebook_path("briefing")
#: ``(low, high)`` pairs where low may not exceed high, checked when a notebook has both.
ORDERED = (("negative_below", "positive_above"),)

_TRUE = {"true", "yes", "y", "on", "1"}
_FALSE = {"false", "no", "n", "off", "0"}
_TYPES = {"str": str, "int": int, "float": float, "bool": bool}
_NUMBER = r"[-+]?\d+(?:\.\d+)?"
_RULE = re.compile(
    rf"\((?:(?P<low>{_NUMBER}) to (?P<high>{_NUMBER})|at least (?P<min>{_NUMBER})"
    rf"|at most (?P<max>{_NUMBER})|(?P<date>ISO date))\)\s*$"
)


class ParameterError(ValueError):
    """A parameter that the notebook does not have, or a value of the wrong type or range."""


@dataclass(frozen=True)
class Parameter:
    """One line of a ``parameters`` cell.

    Attributes:
        name: The variable.
        default: Its value in the cell.
        kind: The type from the annotation, else the default's type.
        help: The comment, rule included.
        low: The smallest value allowed, or None.
        high: The largest value allowed, or None.
        date: True when the value must be empty or an ISO date.
    """

    name: str
    default: object
    kind: type
    help: str = ""
    low: float | None = None
    high: float | None = None
    date: bool = False


def _comments(source: str) -> dict[int, str]:
    """Map line numbers to the text of the comment on that line."""
    found = {}
    tokens = tokenize.generate_tokens(io.StringIO(source).readline)
    for token in tokens:
        if token.type == tokenize.COMMENT:
            found[token.start[0]] = token.string.lstrip("#").strip()
    return found


def _parameter(name: str, default: object, annotation: str | None, help_: str) -> Parameter:
    kind = _TYPES.get(annotation or "", type(default))
    if kind is float and isinstance(default, int) and not isinstance(default, bool):
        default = float(default)
    rule = _RULE.search(help_)
    if rule is None:
        return Parameter(name, default, kind, help_)
    if rule["date"]:
        if kind is not str:
            raise ParameterError(f"parameter {name}: (ISO date) needs a str parameter")
        return Parameter(name, default, kind, help_, date=True)
    if kind not in (int, float):
        raise ParameterError(f"parameter {name}: a range needs an int or float parameter")
    low, high = rule["low"] or rule["min"], rule["high"] or rule["max"]
    return Parameter(
        name,
        default,
        kind,
        help_,
        low=float(low) if low is not None else None,
        high=float(high) if high is not None else None,
    )


@functools.lru_cache(maxsize=8)
def _inspect(path: str, mtime: float) -> dict[str, Parameter]:
    # Read the cell with json, ast and tokenize rather than papermill.inspect_notebook:
    # importing papermill costs seconds, and a batch with nothing to do should not pay them.
    notebook = json.loads(Path(path).read_text(encoding="utf-8"))
    cells = [
        c
        for c in notebook.get("cells", [])
        if c.get("cell_type") == "code" and "parameters" in c.get("metadata", {}).get("tags", [])
    ]
    if not cells:
        return {}
    source = cells[0]["source"]
    source = "".join(source) if isinstance(source, list) else source
    comments = _comments(source)
    found: dict[str, Parameter] = {}
    for node in ast.parse(source).body:
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
        # As papermill does, the help is the comment on the definition's last line.
        help_ = comments.get(node.end_lineno, "")
        found[target.id] = _parameter(target.id, value, declared, help_)
    return found


def _notebook_file(notebook: str | Path | None) -> Path:
    if notebook is None:
        return Path(DEFAULT_NOTEBOOK)
    if isinstance(notebook, str) and "/" not in notebook and not notebook.endswith(".ipynb"):
        return notebook_path(notebook)  # a shipped notebook by name: "briefing", "corpus"
    return Path(notebook)


def notebook_parameters(notebook: str | Path | None = None) -> dict[str, Parameter]:
    """Return every parameter of a notebook's ``parameters`` cell.

    Args:
        notebook: A notebook file, or a shipped notebook's name; the briefing when None.

    Returns:
        ``{name: Parameter}`` in the cell's order, runner parameters included.

    Raises:
        FileNotFoundError: If there is no such notebook.
        ParameterError: If a comment states a rule that does not fit the type.
    """
    path = _notebook_file(notebook)
    if not path.is_file():
        raise FileNotFoundError(2, "no such notebook", str(path))
    return dict(_inspect(str(path.resolve()), path.stat().st_mtime))


def notebook_defaults(notebook: str | Path | None = None) -> dict[str, object]:
    """Return every parameter of a notebook's ``parameters`` cell with its default.

    Args:
        notebook: A notebook file, or a shipped notebook's name; the briefing when None.

    Returns:
        ``{name: default}`` in the cell's order, runner parameters included.
    """
    return {name: p.default for name, p in notebook_parameters(notebook).items()}


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
    if value is None:
        return ""
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, (dict, list)):
        raise ParameterError(f"parameter {name}: expected text, got {value!r}")
    # The papermill command line turns "-p title 2024" into an int: text is what was meant.
    return str(value)


_CONVERTERS = {bool: _to_bool, int: _to_int, float: _to_float, str: _to_str}


def _to_other(name: str, value: object, default: object) -> object:
    """Keep a value for a parameter whose default is a list, dict or None."""
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


def iso_date(value: str | dt.date | None) -> str | None:
    """Normalise a date to ``YYYY-MM-DD``.

    Args:
        value: An ISO date or date-time, a ``date``, or empty.

    Returns:
        The ISO date, or None for empty input.

    Raises:
        ValueError: If the value is not an ISO date.
    """
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, dt.date):
        return value.isoformat()[:10]
    text = str(value).strip()
    try:
        return dt.datetime.fromisoformat(text.replace("Z", "+00:00")).date().isoformat()
    except ValueError:
        pass
    try:
        return dt.date.fromisoformat(text[:10]).isoformat()
    except ValueError:
        problem = f"expected an ISO date such as 2023-07-15 or empty, got {value!r}"
        raise ValueError(problem) from None


def _check(spec: Parameter, value: object) -> object:
    """Give a value the parameter's type, then hold it to the parameter's rule."""
    converter = _CONVERTERS.get(spec.kind)
    if converter is None:
        return _to_other(spec.name, value, spec.default)
    value = converter(spec.name, value)
    too_low = spec.low is not None and value < spec.low
    too_high = spec.high is not None and value > spec.high
    if too_low or too_high:
        if spec.low is not None and spec.high is not None:
            allowed = f"from {spec.low:g} to {spec.high:g}"
        else:
            allowed = f"at least {spec.low:g}" if too_low else f"at most {spec.high:g}"
        raise ParameterError(f"parameter {spec.name}: must be {allowed}, got {value!r}")
    if spec.date:
        try:
            iso_date(value)
        except ValueError as error:
            raise ParameterError(f"parameter {spec.name}: {error}") from None
    return value


def validate(
    params: Mapping[str, object] | None = None, notebook: str | Path | None = None
) -> dict[str, object]:
    """Type and check a notebook's parameters: the one check for runner, kernel and papermill.

    Args:
        params: ``{name: value}`` to set; values may be the strings of a command line.
            Parameters not given take the notebook's default, which is checked too.
        notebook: A notebook file, or a shipped notebook's name; the briefing when None.

    Returns:
        Every parameter of the notebook, typed, in the cell's order.

    Raises:
        ParameterError: For an unknown name, or a value of the wrong type or range.
    """
    specs = notebook_parameters(notebook)
    params = dict(params or {})
    unknown = [name for name in params if name not in specs]
    if unknown:
        raise ParameterError(
            f"unknown parameter {unknown[0]!r} (the notebook takes: {', '.join(specs)})"
        )
    values = {name: _check(spec, params.get(name, spec.default)) for name, spec in specs.items()}
    for low, high in ORDERED:
        if low in values and high in values and values[low] > values[high]:
            raise ParameterError(
                f"parameter {low} ({values[low]}) must not be above {high} ({values[high]})"
            )
    return values


def from_namespace(namespace: Mapping[str, object], notebook: str | Path | None = None) -> dict:
    """Validate the notebook's parameters as a kernel holds them after papermill injected its own.

    Args:
        namespace: The kernel's ``globals()``; names that are not parameters are ignored.
        notebook: A notebook file, or a shipped notebook's name; the briefing when None.

    Returns:
        What :func:`validate` returns.
    """
    specs = notebook_parameters(notebook)
    return validate({name: namespace[name] for name in specs if name in namespace}, notebook)


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
    specs = notebook_parameters(notebook)
    overrides = dict(overrides or {})
    for name in overrides:
        if name in RUNNER_PARAMETERS:
            raise ParameterError(f"parameter {name} is set by the report runner, not by -p")
        if name not in specs:
            known = ", ".join(n for n in specs if n not in RUNNER_PARAMETERS)
            raise ParameterError(f"unknown parameter {name!r} (the notebook takes: {known})")
    values = validate(overrides, notebook)
    return {name: value for name, value in values.items() if name not in RUNNER_PARAMETERS}
