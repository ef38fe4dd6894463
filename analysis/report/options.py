"""The runner's parameter options: ``-f params.yaml`` read safely, and ``-p NAME VALUE`` pairs.

Both are typed and checked by :func:`analysis.parameters.effective_parameters`, the
one check that the notebook's validation cell applies too.
"""

from __future__ import annotations

from pathlib import Path

import yaml

from analysis.parameters import ParameterError, effective_parameters


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
