"""What the briefing notebook calls: parameters, loading, and display-ready tables.

The briefing and explore notebooks stay thin: each code cell makes one call into
``analysis`` and shows what comes back. This module checks the notebook's
parameters, loads the article (or the analysis the report runner already wrote,
so the kernel need not load spaCy) and shapes the sources and quotes tables for
reading. Narrative pieces live in :mod:`analysis.briefing.summary`, the highlighted text
in :mod:`analysis.briefing.highlight`, the perspective check in :mod:`analysis.briefing.perspective`
and dates in :mod:`analysis.briefing.dates`.
"""

from __future__ import annotations

import dataclasses
import math
from datetime import date, datetime
from pathlib import Path

import pandas as pd

from analysis.tables import Analysis

#: The package's parent folder: relative paths also resolve against it, so a
#: notebook run from ``notebooks/`` or a temporary folder still finds the sample.
REPO_ROOT = Path(__file__).resolve().parent.parent.parent

#: The briefing notebook's parameters and their defaults (the report runner
#: checks command-line values against these types).
DEFAULTS = {
    "article": "data/articles/china-russia-joint-exercise.txt",
    "analysis_json": "",
    "title": "",
    "outlet": "",
    "published": "",
    "analyst_notes": "",
    "top_n": 5,
    "top_entities": 10,
    "negative_below": -0.05,
    "positive_above": 0.05,
    "show_article_text": True,
}


def resolve_path(path: str | Path) -> Path:
    """Find a file named relative to the current folder or to the repository root.

    Args:
        path: An absolute path, or one relative to the working folder or the repo root.

    Returns:
        The first candidate that exists, else the path as given relative to the cwd.
    """
    candidate = Path(path).expanduser()
    if candidate.is_absolute():
        return candidate
    for base in (Path.cwd(), REPO_ROOT):
        if (base / candidate).exists():
            return (base / candidate).resolve()
    return Path.cwd() / candidate


def parse_published(value: str | date | None) -> str | None:
    """Normalise a published date to ``YYYY-MM-DD``.

    Args:
        value: An ISO date or date-time, a ``date``, or empty.

    Returns:
        The ISO date, or None for empty input.

    Raises:
        ValueError: If the value is not an ISO date.
    """
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, date):
        return value.isoformat()[:10]
    text = str(value).strip()
    try:
        return datetime.fromisoformat(text.replace("Z", "+00:00")).date().isoformat()
    except ValueError:
        pass
    try:
        return date.fromisoformat(text[:10]).isoformat()
    except ValueError:
        raise ValueError(
            f"published must be an ISO date such as 2023-07-15 or empty, got {value!r}"
        ) from None


def _number(name: str, value: object) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or math.isnan(value):
        raise ValueError(f"{name} must be a number in [-1, 1], got {value!r}")
    if not -1.0 <= value <= 1.0:
        raise ValueError(f"{name} must be in [-1, 1], got {value!r}")
    return float(value)


def _count(name: str, value: object) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise ValueError(f"{name} must be a positive whole number, got {value!r}")
    return value


def validate_parameters(**params) -> dict:
    """Check the briefing notebook's parameters and fail fast with a clear message.

    Args:
        **params: The notebook's parameters (see :data:`DEFAULTS`); missing ones
            take their defaults.

    Returns:
        The parameters, normalised: paths resolved, ``published`` as ISO date or None,
        ``analysis_json`` as a path or None.

    Raises:
        ValueError: On an unknown name, a wrong type or value, or a missing file.
    """
    unknown = sorted(set(params) - set(DEFAULTS))
    if unknown:
        raise ValueError(f"unknown parameter(s): {', '.join(unknown)}")
    p = {**DEFAULTS, **params}
    for name in ("article", "analysis_json", "title", "outlet", "published", "analyst_notes"):
        if p[name] is None:
            p[name] = ""
        if not isinstance(p[name], str):
            raise ValueError(f"{name} must be text, got {type(p[name]).__name__}")
    if not isinstance(p["show_article_text"], bool):
        raise ValueError(f"show_article_text must be true or false, got {p['show_article_text']!r}")
    p["top_n"] = _count("top_n", p["top_n"])
    p["top_entities"] = _count("top_entities", p["top_entities"])
    p["negative_below"] = _number("negative_below", p["negative_below"])
    p["positive_above"] = _number("positive_above", p["positive_above"])
    if not p["negative_below"] < p["positive_above"]:
        raise ValueError(
            f"negative_below ({p['negative_below']}) must be below "
            f"positive_above ({p['positive_above']})"
        )
    p["published"] = parse_published(p["published"])
    if p["analysis_json"].strip():
        path = resolve_path(p["analysis_json"].strip())
        if not path.is_file():
            raise ValueError(f"analysis_json: no such file: {p['analysis_json']}")
        p["analysis_json"] = str(path)
    else:
        p["analysis_json"] = None
        if not p["article"].strip():
            raise ValueError("article must name an article file (or give analysis_json)")
        path = resolve_path(p["article"].strip())
        if not path.is_file():
            raise ValueError(f"article: no such file: {p['article']}")
        p["article"] = str(path)
    return p


def load_for_briefing(
    article: str,
    analysis_json: str | None = None,
    title: str = "",
    outlet: str = "",
    published: str | None = "",
) -> Analysis:
    """Load the analysis a briefing shows, with the analyst's overrides applied.

    Args:
        article: The article file; analysed here when ``analysis_json`` is not given.
        analysis_json: An ``analysis.json`` already written by the report runner.
        title: Replaces the article's headline when not empty.
        outlet: Replaces the outlet when not empty.
        published: Replaces the published date (ISO) when not empty.

    Returns:
        The Analysis.
    """
    if analysis_json:
        result = Analysis.read_json(resolve_path(analysis_json))
    else:
        # Imported here so that a kernel reading analysis.json never loads spaCy.
        from analysis.ingest.files import load_article
        from analysis.pipeline import analyze

        result = analyze(load_article(resolve_path(article)))
    overrides = {
        "title": (title or "").strip() or None,
        "outlet": (outlet or "").strip() or None,
        "published": parse_published(published),
    }
    overrides = {k: v for k, v in overrides.items() if v}
    if overrides:
        result = dataclasses.replace(
            result, article=dataclasses.replace(result.article, **overrides)
        )
    return result


def quotes_by(analysis: Analysis, speaker: str) -> pd.DataFrame:
    """The quotes of one speaker, for the explore notebook.

    Args:
        analysis: The article's analysis.
        speaker: A name or part of one ("Zhou", "Zhou Chenming"), matched without case
            against the canonical speaker and the mention the quote hangs on.

    Returns:
        The matching rows of :func:`analysis.briefing.views.quotes_table`.
    """
    from analysis.briefing.views import quotes_table

    return quotes_table(analysis, speaker=speaker)


def _figure_png(figure) -> bytes:
    import io

    buffer = io.BytesIO()
    # No software tag or timestamp in the file, so the same figure gives the same bytes.
    figure.savefig(buffer, format="png", dpi=100, metadata={"Software": None})
    return buffer.getvalue()


def setup_notebook() -> None:
    """Prepare a notebook kernel: full-width tables and figures shown as PNG.

    Long quotes would otherwise be cut at 50 characters, and a matplotlib Figure
    built without pyplot would show only as its text repr.
    """
    pd.set_option("display.max_colwidth", None)
    pd.set_option("display.max_rows", 500)
    # Marks tables so MathJax leaves a "$" in a quote alone.
    pd.set_option("display.html.use_mathjax", False)
    try:
        from IPython import get_ipython
        from matplotlib.figure import Figure
    except ImportError:  # pragma: no cover - IPython ships with the notebook stack
        return
    shell = get_ipython()
    if shell is not None:
        shell.display_formatter.formatters["image/png"].for_type(Figure, _figure_png)
