"""The fine-tuning script's own rules, which need no torch: its contract with the runtime."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "train_target_model.py"


@pytest.fixture(scope="module")
def script():
    spec = importlib.util.spec_from_file_location("train_target_model", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    yield module
    del sys.modules[spec.name]


def test_the_script_imports_without_torch():
    # Every heavy import sits inside the function that needs it, so the script's help and
    # its rules load in the runtime environment, where torch is not installed.
    code = (
        "import importlib.util, sys;"
        f"spec = importlib.util.spec_from_file_location('t', {str(SCRIPT)!r});"
        "m = importlib.util.module_from_spec(spec); spec.loader.exec_module(m);"
        "print(sorted({'torch', 'transformers', 'onnxruntime'} & set(sys.modules)))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_the_script_trains_what_the_runtime_reads(script):
    from analysis.sentiment import encoder

    # One contract: the labels, the length and the file names come from the runtime.
    assert script.LABELS is encoder.LABELS
    assert script.RECIPE["max_length"] == encoder.MAX_TOKENS
    assert script.target_token_mask is encoder.target_token_mask
    # The shipped model was made by this recipe.
    assert encoder.model_card()["recipe"] == script.RECIPE


def test_macro_f1_averages_the_three_labels(script):
    assert script.macro_f1([0, 1, 2], [0, 1, 2]) == 1.0
    # negative: P 1/2 R 1 -> 2/3; neutral: P 1 R 1/2 -> 2/3; positive never predicted nor gold -> 0
    assert script.macro_f1([0, 1, 1], [0, 0, 1]) == pytest.approx((2 / 3 + 2 / 3 + 0) / 3)


def test_a_missing_base_package_is_named(script, monkeypatch):
    monkeypatch.setattr(script.importlib.util, "find_spec", lambda name: None)
    with pytest.raises(SystemExit, match="all_minilm_l6_v2: not installed"):
        script.base_zip()


def test_cross_validation_folds_keep_each_sentence_on_one_side(script):
    rows = [{"text": f"sentence {i % 7}", "target_start": 0, "target_end": 8} for i in range(30)]
    folds = script.folds_of(rows, 3)
    assert sorted(map(len, folds)) == sorted(len(f) for f in script.folds_of(rows[::-1], 3))
    assert sum(map(len, folds)) == len(rows)
    sides = [{r["text"] for r in fold} for fold in folds]
    assert all(not (a & b) for i, a in enumerate(sides) for b in sides[i + 1 :])
    assert folds == script.folds_of(rows, 3)  # the same folds every run
