"""The real-world attribution benchmark: skipped without its data, figures printed in percent."""

from __future__ import annotations

import importlib.util
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def load_benchmark():
    path = ROOT / "benchmarks" / "realworld_accuracy.py"
    spec = importlib.util.spec_from_file_location("realworld_accuracy", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_skipped_without_data(tmp_path, capsys):
    benchmark = load_benchmark()
    status = benchmark.main([str(tmp_path / "absent.jsonl")])
    assert status == benchmark.SKIPPED == 3
    assert "skipped" in capsys.readouterr().out


def test_summary_lines():
    benchmark = load_benchmark()
    row = {"precision": 0.5, "recall": 0.25, "f1": 1 / 3}
    figures = {
        "overall": row,
        "direct/mixed": row,
        "indirect": row,
        "gold_items": 4,
        "tp": 1,
        "fp": 1,
        "fn": 3,
        "quote_speaker": {"f1": 0.2},
        "resolved_speaker_accuracy": 1.0,
        "sources": {
            "source_recall": 0.5,
            "type_accuracy_strict": 0.5,
            "type_accuracy_lenient": 0.75,
            "junk_sources": 1,
            "predicted_sources": 4,
            "junk_share": 0.25,
            "country_accuracy": 0.6,
            "country_given_where_text_gives_none": 2,
        },
    }
    lines = benchmark.summary(figures)
    assert lines[0].startswith("all          P 50.0 R 25.0 F1 33.3")
    assert "speaker accuracy 100.0" in lines
    assert "junk 1 of 4 (25.0)" in lines[-1]
    assert lines[-1].endswith("country 60.0 (2 given where the text gives none)")
