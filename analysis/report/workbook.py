"""Excel workbooks of the tables: ``tables.xlsx`` in a report folder and in a corpus folder.

One sheet per table, header row first and frozen. Text cells go through
:func:`analysis.tables.csv_cell`, the one rule that keeps article text from
becoming a formula, and are always written as text; characters XML cannot
hold (control characters, lone surrogates) become U+FFFD, and a cell longer
than Excel allows is cut with a marker. A sheet longer than Excel's row limit
keeps its first rows and says, in its last row, how many were left out.

The workbook is byte-identical for the same tables: the document's dates and
every zip entry's time are fixed, so ``tables.xlsx`` is a data file like the CSVs.
"""

from __future__ import annotations

import datetime
import io
import math
import os
import re
import zipfile
from collections.abc import Iterable, Iterator
from pathlib import Path

from openpyxl import Workbook
from openpyxl.writer.excel import ExcelWriter

from analysis.tables import Analysis, csv_cell

#: Sheets of a report's workbook, in order.
REPORT_SHEETS = ("quotes", "sources", "entities", "sentences")
#: Excel's limits: characters in a cell, rows in a sheet.
MAX_CELL_CHARS = 32767
MAX_ROWS = 1_048_576
TRUNCATED = " …[cut: longer than an Excel cell holds]"

_FIXED_DATE = datetime.datetime(2000, 1, 1)
_ZIP_TIME = (1980, 1, 1, 0, 0, 0)
# XML 1.0 allows tab, newline and carriage return among the control characters, and
# no lone surrogate; openpyxl refuses the rest.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def sheet_cell(value: object) -> object:
    """One cell as it goes into a sheet: a number, a bool, None, or safe text."""
    if value is None:
        return None
    if hasattr(value, "item") and not isinstance(value, str):
        value = value.item()  # numpy scalars
    if isinstance(value, float) and math.isnan(value):
        return None
    if isinstance(value, (bool, int, float)):
        return value
    text = _NOT_XML.sub("\ufffd", str(csv_cell(str(value))))
    if len(text) > MAX_CELL_CHARS:
        text = text[: MAX_CELL_CHARS - len(TRUNCATED)] + TRUNCATED
    return text


def _fill(sheet, columns: list[str], rows: Iterable[Iterable[object]]) -> None:
    sheet.freeze_panes = "A2"
    sheet.append(sheet_cells(sheet, [sheet_cell(c) for c in columns]))
    written = 1
    left_out = 0
    for row in rows:
        if written >= MAX_ROWS - 1:
            left_out += 1
            continue
        sheet.append(sheet_cells(sheet, [sheet_cell(v) for v in row]))
        written += 1
    if left_out:
        sheet.append([f"{left_out} more rows are left out: Excel holds {MAX_ROWS:,} rows"])


def sheet_cells(sheet, values: list[object]) -> list:
    """Write-only cells for a row; text is typed as text, so nothing is read as a formula."""
    from openpyxl.cell import WriteOnlyCell

    cells = []
    for value in values:
        cell = WriteOnlyCell(sheet, value=value)
        if isinstance(value, str):
            cell.data_type = "s"
        cells.append(cell)
    return cells


def _repacked(data: bytes) -> bytes:
    """The same zip with every entry's time fixed, so equal workbooks have equal bytes."""
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for info in source.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=_ZIP_TIME)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o600 << 16
            target.writestr(entry, source.read(info.filename))
    return out.getvalue()


def write_workbook(
    sheets: Iterable[tuple[str, list[str], Iterable[Iterable[object]]]], path: str | Path
) -> Path:
    """Write tables as one workbook, one sheet each.

    Args:
        sheets: ``(sheet name, column names, rows)`` per sheet, in order; rows may be
            an iterator, consumed once.
        path: The ``.xlsx`` file; written under a temporary name and renamed into place.

    Returns:
        The path written.
    """
    path = Path(path)
    book = Workbook(write_only=True)
    book.properties.creator = "newsbrief"
    book.properties.created = book.properties.modified = _FIXED_DATE
    for name, columns, rows in sheets:
        _fill(book.create_sheet(title=name[:31]), columns, rows)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        ExcelWriter(book, archive).write_data()
    partial = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    partial.write_bytes(_repacked(buffer.getvalue()))
    os.replace(partial, path)
    return path


def _frame_rows(frame) -> Iterator[tuple]:
    return frame.itertuples(index=False, name=None)


def write_analysis_workbook(analysis: Analysis, path: str | Path) -> Path:
    """Write a report's ``tables.xlsx``: quotes, sources, entities and sentences.

    Args:
        analysis: The article's analysis.
        path: The workbook to write.

    Returns:
        The path written.
    """
    sheets = []
    for name in REPORT_SHEETS:
        frame = analysis.table(name)
        sheets.append((name, list(frame.columns), _frame_rows(frame)))
    return write_workbook(sheets, path)
