"""Same input, same output: whatever the hash seed or the order of the articles."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from analysis.entities.canonical import extract_entities

ROOT = Path(__file__).resolve().parents[1]
AMBIGUOUS = ROOT / "tests" / "fixtures" / "determinism" / "ambiguous.jsonl"


def _extract(jsonl: Path, seed: str) -> dict[str, dict]:
    env = {**os.environ, "PYTHONHASHSEED": seed, "TQDM_DISABLE": "1"}
    done = subprocess.run(
        [sys.executable, "-m", "analysis", "extract", "--jsonl", str(jsonl)],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        check=True,
    )
    rows = [json.loads(line) for line in done.stdout.splitlines() if line.strip()]
    for row in rows:
        # The one field that names where the row came from: file and line number.
        row["article"].pop("source_path")
    return {row["article"]["id"]: row for row in rows}


def test_extract_is_the_same_under_two_hash_seeds_and_reversed_input(tmp_path):
    lines = AMBIGUOUS.read_text(encoding="utf-8").splitlines()
    reversed_input = tmp_path / "reversed.jsonl"
    reversed_input.write_text("\n".join(reversed(lines)) + "\n", encoding="utf-8")
    first = _extract(AMBIGUOUS, "1")
    second = _extract(reversed_input, "2")
    assert sorted(first) == ["clintons", "smiths", "trumps"]
    assert first == second


def test_a_lone_surname_goes_to_the_full_name_mentioned_last_before_it(nlp):
    text = (
        "Bill Clinton spoke in Toledo. Hillary Clinton arrived later. Clinton waved.\n\n"
        "Bill Clinton left early, and Clinton said nothing."
    )
    index = extract_entities(nlp(text))
    owners = {}
    for entity in index:
        for start, end in entity.mentions:
            if text[start:end] == "Clinton":
                owners[start] = entity.name
    assert [owners[k] for k in sorted(owners)] == ["Hillary Clinton", "Bill Clinton"]


def test_a_surname_before_any_full_name_goes_to_the_first_one_after_it(nlp):
    text = "Smith spoke first. Anna Smith, a senator, and John Smith, an economist, then met."
    index = extract_entities(nlp(text))
    smith = next(e for e in index if any(text[s:e] == "Smith" for s, e in e.mentions))
    assert smith.name == "Anna Smith"
