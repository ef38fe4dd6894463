"""The Analysis record: an article's tables as pandas DataFrames and as schema ``newsbrief/1``.

Column lists are fixed here, so that an article without quotes still yields a
quotes table with the right columns, and so the JSON, the CSV files and the
DataFrames always agree.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from analysis.article import Article

SCHEMA = "newsbrief/1"

COLUMNS = {
    "sentences": [
        "sentence_id",
        "paragraph_id",
        "start",
        "end",
        "text",
        "polarity",
        "subjectivity",
    ],
    "entities": [
        "entity_id",
        "name",
        "label",
        "mentions",
        "first_start",
        "descriptor",
        "polarity",
        "sentiment",
        "sentiment_score",
        "n_negative",
        "n_neutral",
        "n_positive",
    ],
    "quotes": [
        "quote_id",
        "kind",
        "text",
        "start",
        "end",
        "speaker",
        "speaker_text",
        "speaker_start",
        "speaker_end",
        "cue",
        "cue_start",
        "cue_end",
        "source_id",
        "polarity",
        "subjectivity",
    ],
    "sources": [
        "source_id",
        "name",
        "type",
        "named",
        "descriptor",
        "affiliation",
        "country",
        "n_quotes",
        "n_words",
        "share_of_voice",
        "polarity",
        "sentiment",
        "sentiment_score",
        "n_negative",
        "n_neutral",
        "n_positive",
    ],
}
TABLES = tuple(COLUMNS)

#: Layers beside the tables: in the JSON and on the Analysis, never a CSV file of their
#: own. ``attributions`` is everything attributed, beliefs and intentions included, which
#: the quotes table leaves out; its ``quote_id`` links each statement to its quote row.
LAYERS = {
    "attributions": [
        "attribution_id",
        "act",
        "quote_id",
        "kind",
        "text",
        "start",
        "end",
        "speaker",
        "speaker_text",
        "speaker_start",
        "speaker_end",
        "cue",
        "cue_start",
        "cue_end",
    ],
}
COLUMNS.update(LAYERS)

#: A spreadsheet runs a CSV cell that starts with one of these as a formula
#: (OWASP, "CSV Injection"); article text must never become one.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value: object) -> object:
    """Neutralise a text cell that a spreadsheet would run as a formula.

    Such a cell gets a leading single quote, OWASP's rule; numbers, None and other
    text pass unchanged, so a polarity of -0.2 stays a number.

    Args:
        value: One cell.

    Returns:
        The cell as it is written to CSV.
    """
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def to_csv(frame: pd.DataFrame, target) -> None:
    """Write a table as CSV, every text cell passed through :func:`csv_cell`.

    Every CSV file newsbrief writes goes through here. Only columns that hold a
    cell to neutralise are copied, so other columns keep their exact dtype and output.

    Args:
        frame: The table.
        target: A path or an open text file.
    """
    safe = frame
    for column in frame.columns:
        values = frame[column]
        if values.dtype != object or not any(csv_cell(v) is not v for v in values):
            continue
        if safe is frame:
            safe = frame.copy()
        safe[column] = pd.Series([csv_cell(v) for v in values], index=frame.index, dtype=object)
    safe.to_csv(target, index=False, lineterminator="\n")


def _clean(value):
    # NaN and numpy scalars are not JSON; the contract says null and plain numbers.
    kind = type(value)
    if value is None or kind is str or kind is int or kind is bool:
        return value  # the common cases, answered before any other test
    if kind is float:
        return None if math.isnan(value) else value
    if hasattr(value, "item"):
        return _clean(value.item())
    return value


def records_to_frame(table: str, records: list[dict]) -> pd.DataFrame:
    """Build one table's DataFrame with exactly the contract's columns.

    Args:
        table: One of :data:`TABLES`.
        records: Row dictionaries; missing keys become null.

    Returns:
        The DataFrame, columns in contract order.
    """
    columns = COLUMNS[table]
    # Object columns keep None as None and ints as ints, as the contract writes them;
    # NaN becomes None here rather than in a second pass over the frame.
    rows = [[_null_nan(r.get(c)) for c in columns] for r in records]
    return pd.DataFrame(rows, columns=columns, dtype=object)


def _null_nan(value):
    return None if isinstance(value, float) and math.isnan(value) else value


def _records(frame: pd.DataFrame) -> list[dict]:
    """The rows of a table as JSON-ready dictionaries, columns in table order."""
    columns = list(frame.columns)
    return [
        {c: _clean(v) for c, v in zip(columns, row, strict=True)}
        for row in frame.to_numpy(dtype=object).tolist()
    ]


@dataclass
class Analysis:
    """Everything newsbrief finds in one article.

    Attributes:
        article: The article that was analysed.
        sentences: One row per sentence, with TextBlob tone.
        entities: One row per canonical entity.
        quotes: One row per quote or reported statement.
        sources: One row per speaker.
        tone: TextBlob ``(polarity, subjectivity)`` of the whole body, or None when
            it was not computed (the briefing then computes it itself).
        corrections: The analyst's corrections applied to the quotes and sources
            (see :mod:`analysis.report.corrections`), or None.
        attributions: The attribution layer: everything attributed, including beliefs
            and intentions, which the quotes table leaves out, one row per item with
            its ``act``; None when it was not kept (an ``analysis.json`` without it).
        quality: What the pipeline found about the text itself, written as
            ``text_quality``: ``language``, ``garbled`` (sentences that read as
            damaged, with reasons) and ``furniture`` (page lines taken out).
    """

    article: Article
    sentences: pd.DataFrame
    entities: pd.DataFrame
    quotes: pd.DataFrame
    sources: pd.DataFrame
    tone: tuple[float, float] | None = None
    corrections: dict | None = None
    attributions: pd.DataFrame | None = None
    quality: dict | None = None

    def table(self, name: str) -> pd.DataFrame:
        """Return a table by name (``"sentences"``, ``"entities"``, ...)."""
        return getattr(self, name)

    def to_dict(self) -> dict:
        """Return the analysis as a schema ``newsbrief/1`` dictionary."""
        out = {"schema": SCHEMA, "id": self.article.id, "article": self.article.to_dict()}
        if self.tone is not None:
            out["tone"] = {"polarity": self.tone[0], "subjectivity": self.tone[1]}
        if self.quality is not None:
            out["text_quality"] = self.quality
        for name in TABLES:
            out[name] = _records(self.table(name))
        if self.corrections is not None:
            out["corrections"] = self.corrections
        for name in LAYERS:
            frame = getattr(self, name)
            if frame is not None:
                out[name] = _records(frame)
        return out

    def to_json(self, indent: int | None = None) -> str:
        """Serialise to JSON, keys in contract order, non-ASCII kept as is."""
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=indent)

    @classmethod
    def from_dict(cls, data: dict) -> Analysis:
        """Rebuild an Analysis from :meth:`to_dict` output (e.g. a report's ``analysis.json``)."""
        if data.get("schema") != SCHEMA:
            raise ValueError(f"expected schema {SCHEMA}, got {data.get('schema')!r}")
        fields = {k: v for k, v in data["article"].items() if k != "n_words"}
        tables = {name: records_to_frame(name, data.get(name, [])) for name in TABLES}
        for name in LAYERS:
            if isinstance(data.get(name), list):
                tables[name] = records_to_frame(name, data[name])
        body = data.get("tone")
        tone = (body["polarity"], body["subjectivity"]) if isinstance(body, dict) else None
        corrections = data.get("corrections")
        corrections = corrections if isinstance(corrections, dict) else None
        quality = data.get("text_quality")
        quality = quality if isinstance(quality, dict) else None
        return cls(
            article=Article(**fields),
            tone=tone,
            corrections=corrections,
            quality=quality,
            **tables,
        )

    @classmethod
    def read_json(cls, path: str | Path) -> Analysis:
        """Load an ``analysis.json`` file."""
        return cls.from_dict(json.loads(Path(path).read_text(encoding="utf-8")))

    def write_csv(self, folder: str | Path) -> list[Path]:
        """Write every table as ``<folder>/<table>.csv`` and return the paths."""
        folder = Path(folder)
        folder.mkdir(parents=True, exist_ok=True)
        paths = []
        for name in TABLES:
            path = folder / f"{name}.csv"
            to_csv(self.table(name), path)
            paths.append(path)
        return paths
