"""The files of a report folder: its name, its data files, its manifest, and putting it in place.

Data files (``analysis.json``, ``tables/*.csv``, ``tables.xlsx``) are written from the Analysis
alone, so the same input and parameters give the same bytes. The manifest also
records timings, so it is deliberately not one of them. Putting a finished
folder in place is :func:`analysis.report.publish.publish`, re-exported here.
"""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

from analysis.article import Article
from analysis.ingest.textio import slugify
from analysis.report.publish import FAILED_SUFFIX, json_bytes, publish
from analysis.report.workbook import write_analysis_workbook
from analysis.tables import Analysis
from analysis.versions import versions

__all__ = [
    "FAILED_SUFFIX",
    "MANIFEST_SCHEMA",
    "json_bytes",
    "manifest_record",
    "publish",
    "write_data_files",
]

MANIFEST_SCHEMA = "newsbrief-report/1"
SLUG_LENGTH = 60
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}")
_NAME = re.compile(r"^[a-z0-9][a-z0-9_-]*$")


def canonical_json(value: object) -> bytes:
    """Serialise a value the same way every time: sorted keys, no spaces, UTF-8."""
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode(
        "utf-8"
    )


def report_date(article: Article, parameters: dict) -> str:
    """Return the ``YYYY-MM-DD`` a report is filed under, or ``undated``."""
    published = str(parameters.get("published") or article.published or "")
    match = _DATE.match(published.strip())
    return match.group(0) if match else "undated"


def report_slug(article: Article, parameters: dict) -> str:
    """Return a short slug of the report's title: ``[a-z0-9-]``, never empty."""
    title = str(parameters.get("title") or article.title or article.id or "")
    slug = slugify(title, max_length=SLUG_LENGTH) or "article"
    # slugify already keeps only [a-z0-9-]; this guards the folder name on its own.
    slug = re.sub(r"[^a-z0-9-]+", "-", slug).strip("-")[:SLUG_LENGTH].strip("-")
    return slug or "article"


def folder_name_for(article: Article, parameters: dict, key: str) -> str:
    """Assemble ``<published-or-undated>_<slug>_<key>``.

    Args:
        article: The article.
        parameters: Effective parameters.
        key: The report key (eight hex digits).

    Returns:
        The folder name.
    """
    name = f"{report_date(article, parameters)}_{report_slug(article, parameters)}_{key}"
    if not _NAME.match(name):
        raise ValueError(f"unsafe report folder name {name!r}")
    return name


def write_data_files(analysis: Analysis, folder: Path) -> dict[str, str]:
    """Write ``analysis.json``, ``tables/*.csv`` and ``tables.xlsx``.

    Args:
        analysis: The article's Analysis.
        folder: The report folder being written.

    Returns:
        ``{relative path: sha256}`` of every data file, in writing order.
    """
    data = folder / "analysis.json"
    data.write_text(analysis.to_json(indent=2) + "\n", encoding="utf-8")
    paths = [data, *analysis.write_csv(folder / "tables")]
    paths.append(write_analysis_workbook(analysis, folder / "tables.xlsx"))
    return {
        path.relative_to(folder).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in paths
    }


def summary_record(analysis: Analysis, parameters: dict) -> dict:
    """Key figures for the reports index, computed as the briefing computes them."""
    from analysis.briefing.summary import overall_tone
    from analysis.sentiment.tone import tone_label

    polarity = overall_tone(analysis)
    low, high = parameters.get("negative_below"), parameters.get("positive_above")
    thresholds = [v for v in (low, high) if isinstance(v, (int, float))]
    if polarity is None:  # an article not in English is not scored
        label = "not scored"
    else:
        polarity = round(polarity, 4)
        label = tone_label(polarity, *thresholds) if len(thresholds) == 2 else tone_label(polarity)
    return {
        "n_words": analysis.article.n_words,
        "n_sentences": len(analysis.sentences),
        "n_sources": len(analysis.sources),
        "n_quotes": len(analysis.quotes),
        "tone": polarity,
        "tone_label": label,
    }


def manifest_record(
    name: str,
    article: Article,
    given: str,
    input_sha256: str,
    parameters: dict,
    notebook: Path,
    files: dict[str, str],
    summary: dict,
    timings: dict[str, float],
    error: str | None,
    corrections: dict | None = None,
) -> dict:
    """Build ``manifest.json``: what went in, with what, how long it took and how it ended.

    ``corrections`` (the analyst's corrections file, its hash and what was applied) is
    recorded when given.
    """
    record = {
        "schema": MANIFEST_SCHEMA,
        "name": name,
        "status": "ok" if error is None else "failed",
        "error": error,
        "input": given,
        "input_sha256": input_sha256,
        "article": {
            "id": article.id,
            "title": parameters.get("title") or article.title,
            "published": parameters.get("published") or article.published,
            "outlet": parameters.get("outlet") or article.outlet,
        },
        "summary": summary,
        "parameters": parameters,
        "notebook": notebook.name,
        "files": files,
        "versions": versions(),
        "timings": timings,
    }
    if corrections is not None:
        record["corrections"] = corrections
    return record
