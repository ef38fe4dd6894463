"""The layout: stage packages, data flowing one way, and size limits that keep code readable."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "analysis"

#: Each stage's place in the flow ingest -> nlp -> entities, sentiment, quotes -> sources ->
#: pipeline -> briefing -> report -> corpus -> command line. A module may import its own
#: package and anything of a lower rank, never a higher one or a sibling of the same rank.
RANKS = {
    "analysis": 0,
    "analysis.article": 0,
    "analysis.versions": 0,
    "analysis.outputs": 0.1,
    "analysis.nlp": 0.25,
    # The text's quality reads a parse, as the stages after nlp do, and imports none of them.
    "analysis.quality": 0.3,
    "analysis.notebooks": 0.25,
    "analysis.tables": 0.5,
    "analysis.parameters": 1.5,
    "analysis.ingest": 1,
    "analysis.entities": 2,
    "analysis.sentiment": 3,
    "analysis.quotes": 4,
    "analysis.sources": 5,
    "analysis.pipeline": 6,
    "analysis.workerpool": 6.25,
    "analysis.engines": 6.5,
    "analysis.briefing": 7,
    "analysis.report": 8,
    "analysis.corpus": 9,
    "analysis.extract": 10,
    "analysis.cli": 10.5,
    "analysis.__main__": 11,
}

#: Command-line modules: only the command line itself may import them.
COMMAND_MODULES = {"analysis.extract", "analysis.sentiment.cli"}

MAX_MODULE_LINES = 400
MAX_FUNCTION_LINES = 80
MAX_CORE_MODULES = 13
#: A package past this many modules is split into subpackages by capability.
MAX_PACKAGE_MODULES = 20


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _unit(module: str) -> str:
    """The ranked unit a module belongs to: its stage package, or itself at the top."""
    parts = module.split(".")
    return ".".join(parts[:2])


def _imports(path: Path) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            base = node.module
            found += [base] + [f"{base}.{alias.name}" for alias in node.names]
        elif isinstance(node, ast.Import):
            found += [alias.name for alias in node.names]
    return sorted(name for name in found if name == "analysis" or name.startswith("analysis."))


MODULES = sorted(PACKAGE.rglob("*.py"))


def test_every_unit_has_a_rank():
    units = {_unit(_module_name(path)) for path in MODULES}
    assert units <= set(RANKS), sorted(units - set(RANKS))


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(ROOT)))
def test_imports_flow_one_way(path):
    module = _module_name(path)
    unit = _unit(module)
    for imported in _imports(path):
        target = _unit(imported)
        if target not in RANKS or target == unit or imported == "analysis":
            continue
        assert RANKS[target] < RANKS[unit], f"{module} imports {imported} ({target} is not below)"


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(ROOT)))
def test_no_domain_module_imports_a_command(path):
    module = _module_name(path)
    if module == "analysis.cli":
        return
    for imported in _imports(path):
        assert imported not in COMMAND_MODULES, f"{module} imports the command {imported}"


def test_the_core_stays_small():
    core = [p for p in PACKAGE.glob("*.py") if p.name not in ("__init__.py", "__main__.py")]
    assert len(core) <= MAX_CORE_MODULES, sorted(p.name for p in core)


@pytest.mark.parametrize(
    "package",
    sorted(p.parent for p in PACKAGE.rglob("__init__.py")),
    ids=lambda p: str(p.relative_to(ROOT)),
)
def test_every_package_stays_small(package):
    modules = sorted(p.name for p in package.glob("*.py"))
    assert len(modules) <= MAX_PACKAGE_MODULES, modules


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(ROOT)))
def test_modules_and_functions_stay_short(path):
    source = path.read_text(encoding="utf-8")
    lines = len(source.splitlines())
    assert lines <= MAX_MODULE_LINES, f"{lines} lines"
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            length = node.end_lineno - node.lineno + 1
            assert length <= MAX_FUNCTION_LINES, f"{node.name} is {length} lines"


def test_the_layout_check_sees_an_upward_import(tmp_path):
    # The check must be able to fail: an ingest module that imports the report runner.
    bad = tmp_path / "analysis" / "ingest" / "bad.py"
    bad.parent.mkdir(parents=True)
    bad.write_text("from analysis.report.runner import run_report\n", encoding="utf-8")
    imported = _imports(bad)
    assert "analysis.report.runner" in imported
    assert RANKS[_unit("analysis.report.runner")] > RANKS[_unit("analysis.ingest.bad")]
