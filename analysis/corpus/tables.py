"""Corpus tables on disk: fixed parquet schemas and a writer that appends chunk by chunk.

Each column has one type whatever the values in a given chunk, so that chunks
append to the same file, and a column that is null in every row of one chunk
does not change the file's schema. Files are written under a temporary name
and renamed into place when the run completes, so an interrupted run never
leaves a truncated table where a complete one was.
"""

from __future__ import annotations

from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from analysis.report.workbook import write_workbook
from analysis.tables import COLUMNS

ARTICLE_COLUMNS = {
    "article_id": pa.string(),
    "position": pa.int64(),
    "title": pa.string(),
    "byline": pa.string(),
    "published": pa.string(),
    "outlet": pa.string(),
    "url": pa.string(),
    "source_path": pa.string(),
    "sha256": pa.string(),
    "n_words": pa.int64(),
    "n_sentences": pa.int64(),
    "n_entities": pa.int64(),
    "n_quotes": pa.int64(),
    "n_sources": pa.int64(),
    "n_named_sources": pa.int64(),
    "polarity": pa.float64(),
    "subjectivity": pa.float64(),
    "language": pa.string(),
}
_INTEGER = {
    "sentence_id",
    "paragraph_id",
    "start",
    "end",
    "mentions",
    "first_start",
    "speaker_start",
    "speaker_end",
    "cue_start",
    "cue_end",
    "n_quotes",
    "n_words",
}
_FLOAT = {"polarity", "subjectivity", "share_of_voice", "sentiment_score"}
_BOOL = {"named"}


def _type(column: str) -> pa.DataType:
    if column in _INTEGER:
        return pa.int64()
    if column in _FLOAT:
        return pa.float64()
    if column in _BOOL:
        return pa.bool_()
    return pa.string()


SCHEMAS = {"articles": pa.schema(list(ARTICLE_COLUMNS.items()))} | {
    name: pa.schema([("article_id", pa.string())] + [(c, _type(c)) for c in columns])
    for name, columns in COLUMNS.items()
}
TABLES = tuple(SCHEMAS)


def coerce(value, kind: pa.DataType):
    """Convert a value to the plain Python type of a column (``None`` for null and NaN)."""
    if value is None or (isinstance(value, float) and value != value):
        return None
    if kind == pa.int64():
        return int(value)
    if kind == pa.float64():
        return float(value)
    if kind == pa.bool_():
        return bool(value)
    return str(value)


def table_rows(table: str, article_id: str, frame) -> list[dict]:
    """Turn one article's table (a DataFrame) into typed records keyed by ``article_id``."""
    schema = SCHEMAS[table]
    rows = []
    for record in frame.to_dict(orient="records"):
        record["article_id"] = article_id
        rows.append({f.name: coerce(record.get(f.name), f.type) for f in schema})
    return rows


class TableWriters:
    """One ParquetWriter per table, writing to a temporary file renamed on close.

    Args:
        out: The folder that receives ``<table>.parquet``.
    """

    def __init__(self, out: Path):
        self.out = out
        self.writers = {
            name: pq.ParquetWriter(out / f".{name}.parquet.part", SCHEMAS[name]) for name in TABLES
        }

    def write(self, rows: dict[str, list[dict]]) -> None:
        """Append one chunk's rows, ``{table: [record, ...]}``, to the tables."""
        for name, records in rows.items():
            if records:
                table = pa.Table.from_pylist(records, schema=SCHEMAS[name])
                self.writers[name].write_table(table)

    def close(self, keep: bool) -> None:
        """Close every file; keep them (rename into place) or throw them away."""
        for name, writer in self.writers.items():
            writer.close()
            part = self.out / f".{name}.parquet.part"
            if keep:
                part.replace(self.out / f"{name}.parquet")
            else:
                part.unlink(missing_ok=True)


def _parquet_rows(path: Path, columns: list[str]):
    source = pq.ParquetFile(path)
    for batch in source.iter_batches(batch_size=4096, columns=columns):
        yield from zip(*(batch.column(c).to_pylist() for c in columns), strict=True)


def write_corpus_workbook(out: Path) -> Path:
    """Write ``OUT/tables.xlsx`` from the corpus tables: one sheet per parquet table.

    Rows are streamed from each parquet file, so memory stays flat; a table longer
    than a sheet holds is cut there, and its last row says so.

    Args:
        out: The corpus folder, holding ``<table>.parquet`` for every table.

    Returns:
        The workbook's path.
    """
    sheets = []
    for name in TABLES:
        columns = [f.name for f in SCHEMAS[name]]
        sheets.append((name, columns, _parquet_rows(out / f"{name}.parquet", columns)))
    return write_workbook(sheets, out / "tables.xlsx")
