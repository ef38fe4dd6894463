"""The briefing's method note: which tools made it, their versions, and their limits.

Versions come from :func:`analysis.versions.versions`, the inventory that report
manifests record too. spaCy and its model parsed the article, which may have
been in another process than this kernel, so when the report's ``manifest.json``
records them, its values are shown; reading package metadata never loads spaCy.
"""

from __future__ import annotations

import importlib
import json
from html import escape
from pathlib import Path

from IPython.display import HTML

from analysis.briefing.summary import NO_MATH
from analysis.versions import MODEL, versions

#: TextBlob's macro-F1 on the NewsMTSC test set (three classes).
TEXTBLOB_MACRO_F1 = 0.42

#: How the note names each inventory key; a key not listed is shown as it is.
LABELS = {
    "python": "Python",
    "spacy": "spaCy",
    MODEL: "spaCy model",
    "onnxruntime": "ONNX Runtime (target sentiment)",
    "textblob": "TextBlob",
}
#: Inventory keys that describe the analysis of the article rather than this kernel.
PARSE_KEYS = ("spacy", MODEL, "onnxruntime")
UNKNOWN = "unknown"


def _recorded(analysis_json: str | None) -> dict:
    """The versions in the manifest beside ``analysis_json``, or nothing."""
    if not analysis_json:
        return {}
    manifest = Path(analysis_json).parent / "manifest.json"
    try:
        recorded = json.loads(manifest.read_text(encoding="utf-8")).get("versions", {})
    except (OSError, ValueError, AttributeError):
        return {}
    return recorded if isinstance(recorded, dict) else {}


def tools(analysis_json: str | None = None) -> dict[str, str]:
    """Tools behind a briefing and their versions, labelled for reading.

    Args:
        analysis_json: The ``analysis.json`` the briefing read, if any; its folder's
            ``manifest.json`` names the spaCy version and model that parsed it.

    Returns:
        Tool label to version text.
    """
    found = versions()
    recorded = _recorded(analysis_json)
    found.update({key: recorded[key] for key in PARSE_KEYS if recorded.get(key)})
    return {LABELS.get(key, key): str(value or UNKNOWN) for key, value in found.items()}


def target_sentiment_f1() -> float | None:
    """The target-dependent sentiment model's measured macro-F1, if the project states one."""
    try:
        sentiment = importlib.import_module("analysis.sentiment.tone")
    except ImportError:
        return None
    value = getattr(sentiment, "TARGET_SENTIMENT_MACRO_F1", None)
    return float(value) if isinstance(value, (int, float)) else None


def method_note(analysis_json: str | None = None) -> HTML:
    """The method note: tools and versions, what each measure means, and its limits.

    Args:
        analysis_json: The ``analysis.json`` the briefing read, if any.

    Returns:
        Escaped HTML.
    """
    listed = "".join(
        f"<li>{escape(name)}: {escape(version)}</li>"
        for name, version in tools(analysis_json).items()
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
        "Target-dependent sentiment (how each actor is portrayed) is a separate measure: a "
        "small transformer (MiniLM, fine-tuned on NewsMTSC news sentences) judges how each "
        "sentence portrays one named actor in it, and an actor's score is the mean over its "
        "mentions. It describes how the article's sentences portray the actor, quoted ones "
        f"included, not the outlet's stance towards it; {target}.",
        "Share of voice is a source's share of all quoted and reported words. Countries and "
        "voice types absent from the sources are listed against the places the article is "
        "about; absence is a prompt to look, not proof of bias.",
        "Dates are found with patterns and resolved against the published date where one is "
        "known; relative dates without a published date stay unresolved.",
    ]
    body = "".join(f'<p style="margin:4px 0">{escape(n)}</p>' for n in notes)
    return HTML(
        f'<div {NO_MATH} style="max-width:52em;font-size:0.95em">{body}'
        f'<p style="margin:8px 0 2px 0"><strong>Tools</strong></p><ul>{listed}</ul></div>'
    )
