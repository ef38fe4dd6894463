"""The code passes ruff's checks and formatting, as the pre-commit hooks demand."""

from __future__ import annotations

import re
import subprocess
import sys
import tomllib
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]


def _ruff(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "ruff", *args], cwd=ROOT, capture_output=True, text=True
    )


def test_ruff_check():
    result = _ruff("check", "--no-cache", ".")
    assert result.returncode == 0, result.stdout + result.stderr


def test_ruff_format():
    result = _ruff("format", "--check", "--no-cache", ".")
    assert result.returncode == 0, result.stdout + result.stderr


def _hooks() -> dict[str, dict]:
    config = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    return {repo["repo"]: repo for repo in config["repos"]}


def test_pre_commit_uses_ruffs_hook_at_the_pinned_ruff():
    dev = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["optional-dependencies"][
        "dev"
    ]
    (pin,) = [re.sub(r"^ruff==", "", r) for r in dev if r.startswith("ruff")]
    ruff = _hooks()["https://github.com/astral-sh/ruff-pre-commit"]
    assert ruff["rev"] == f"v{pin}"
    assert {hook["id"] for hook in ruff["hooks"]} == {"ruff-check", "ruff-format"}


def test_pre_commit_strips_notebooks_and_needs_no_local_venv():
    nbstripout = _hooks()["https://github.com/kynan/nbstripout"]
    (hook,) = nbstripout["hooks"]
    assert hook["id"] == "nbstripout" and re.match(hook["files"], "notebooks/briefing.ipynb")
    # A fresh clone has no .venv when pre-commit first runs; the hooks bring their own tools.
    hooks = [hook for repo in _hooks().values() for hook in repo["hooks"]]
    assert all(".venv" not in str(hook.get("entry", "")) for hook in hooks)
    assert all(repo != "local" for repo in _hooks())


def test_pre_commit_config_is_valid():
    done = subprocess.run(
        [sys.executable, "-m", "pre_commit", "validate-config", ".pre-commit-config.yaml"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stdout + done.stderr
