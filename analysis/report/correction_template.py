"""The corrections template: every quote and source of an article, as commented YAML lines.

``newsbrief extract ARTICLE --corrections-template`` prints it. Unchanged, the
template corrects nothing (every entry is a comment); an analyst uncomments and
edits the lines that are wrong. Article text reaches the file only inside
comments, one line each, and names are quoted wherever YAML would misread them.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import yaml

from analysis.report.corrections import SUFFIX
from analysis.sources.regroup import SOURCE_TYPES
from analysis.tables import Analysis

FIRST_WORDS = 10
_SPACE = re.compile(r"\s+")


def _one_line(text: object, words: int | None = None) -> str:
    """Text for a comment: one line of printable characters, optionally only its first words."""
    flat = "".join(ch if ch.isprintable() else " " for ch in str(text or ""))
    parts = _SPACE.sub(" ", flat).strip().split(" ")
    if words is not None and len(parts) > words:
        return " ".join(parts[:words]) + " …"
    return " ".join(parts)


def yaml_scalar(text: str) -> str:
    """A name as YAML reads it back unchanged: plain where that is safe, else double-quoted."""
    text = _one_line(text)
    try:
        plain = yaml.safe_load(f"{{k: {text}}}")
    except yaml.YAMLError:
        plain = None
    if isinstance(plain, dict) and plain.get("k") == text:
        return text
    return json.dumps(text, ensure_ascii=False)


def _quote_lines(analysis: Analysis) -> list[str]:
    lines = []
    for row in analysis.quotes.itertuples(index=False):
        speaker = row.speaker if isinstance(row.speaker, str) and row.speaker else "SPEAKER"
        said = _one_line(row.text, FIRST_WORDS)
        lines.append(
            f"  # {row.quote_id}: {{speaker: {yaml_scalar(speaker)}}}  # {row.kind}: {said}"
        )
    return lines or ["  # (no quotes found)"]


def _source_lines(analysis: Analysis) -> list[str]:
    lines = []
    quotes = analysis.quotes
    for row in analysis.sources.itertuples(index=False):
        ids = [str(q) for q in quotes.loc[quotes["source_id"] == row.source_id, "quote_id"]]
        country = yaml_scalar(row.country) if isinstance(row.country, str) else "null"
        entry = f"{{type: {row.type}, country: {country}}}"
        lines.append(f"  # {yaml_scalar(row.name)}: {entry}  # {row.source_id}: {', '.join(ids)}")
    return lines or ["  # (no sources found)"]


def corrections_template(analysis: Analysis, article: str | None = None) -> str:
    """The commented corrections template for an analysis.

    Args:
        analysis: The article's analysis, as the report would extract it.
        article: The article as given on the command line, for the instructions.

    Returns:
        YAML text that corrects nothing until lines are uncommented.
    """
    given = article or analysis.article.source_path or analysis.article.id
    name = Path(given).stem + SUFFIX if "://" not in str(given) else f"<name>{SUFFIX}"
    title = _one_line(analysis.article.title or analysis.article.id)
    head = [
        f"# Corrections for: {title}",
        f"# Article: {_one_line(given)}",
        "#",
        "# Uncomment an entry (remove the '# ' before it), edit it, then run",
        f"#   newsbrief report {_one_line(given)} --corrections {name}",
        f"# newsbrief batch reads it from beside the article when it is named {name}.",
        "#",
        "# quotes: give a quote another speaker (a source below, or a new name),",
        "#   or drop one that is not a statement:  Q4: {drop: true}",
        "quotes:",
    ]
    middle = [
        "",
        "# sources: set a source's type or country (also named, descriptor, affiliation),",
        "#   or merge it into another source:  Song: {merge_into: Song Zhongping}",
        f"#   types: {', '.join(SOURCE_TYPES)}",
        "sources:",
    ]
    return "\n".join([*head, *_quote_lines(analysis), *middle, *_source_lines(analysis)]) + "\n"
