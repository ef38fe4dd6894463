"""Shared fixtures: the spaCy pipeline is loaded once per test session."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).resolve().parent / "fixtures"
SAMPLE = ROOT / "data" / "articles" / "china-russia-joint-exercise.txt"


@pytest.fixture(scope="session")
def nlp():
    from analysis.nlp import get_nlp

    return get_nlp()


@pytest.fixture(scope="session")
def sample_path() -> Path:
    return SAMPLE
