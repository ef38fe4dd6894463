"""Every CSV cell newsbrief writes is safe to open in a spreadsheet (OWASP's CSV injection rule)."""

from __future__ import annotations

import csv
import io

import pandas as pd
import pytest

from analysis.article import Article
from analysis.tables import COLUMNS, Analysis, csv_cell, records_to_frame, to_csv

HOSTILE = ["=1+2", "+SUM(A1)", "-2+3", "@cmd", "\tx", "\rx", '=HYPERLINK("http://x")']
#: The csv module leaves a lone "\r" unquoted under a "\n" line end, so a reader
#: splits that row whatever its first character; the table test leaves it out.
IN_TABLE = [cell for cell in HOSTILE if "\r" not in cell]


@pytest.mark.parametrize("cell", HOSTILE)
def test_formula_cells_get_a_leading_quote(cell):
    assert csv_cell(cell) == "'" + cell


@pytest.mark.parametrize("cell", ["plain", " =1", "", "'=1", None, -0.2, -3, True, 1.5])
def test_other_cells_pass_unchanged(cell):
    assert csv_cell(cell) is cell


def _analysis() -> Analysis:
    sentences = [
        {"sentence_id": i, "paragraph_id": 1, "start": 0, "end": 1, "text": t, "polarity": -0.2}
        for i, t in enumerate([*IN_TABLE, "calm"], start=1)
    ]
    sentences[-1]["subjectivity"] = None
    frames = {name: records_to_frame(name, []) for name in COLUMNS}
    frames["sentences"] = records_to_frame("sentences", sentences)
    frames["entities"] = records_to_frame("entities", [{"entity_id": 1, "name": "-Corp"}])
    return Analysis(article=Article(id="x", text="=1+2"), **frames)


def test_report_tables_are_neutralised_and_numbers_stay_numbers(tmp_path):
    analysis = _analysis()
    paths = analysis.write_csv(tmp_path / "tables")
    rows = list(csv.DictReader((tmp_path / "tables" / "sentences.csv").open(newline="")))
    assert [row["text"] for row in rows] == ["'" + cell for cell in IN_TABLE] + ["calm"]
    assert {row["polarity"] for row in rows} == {"-0.2"}
    assert [row["sentence_id"] for row in rows] == [str(i) for i in range(1, len(IN_TABLE) + 2)]
    assert rows[-1]["subjectivity"] == ""
    entities = (tmp_path / "tables" / "entities.csv").read_text().splitlines()
    assert entities[1].startswith("1,'-Corp,")
    assert len(paths) == 4
    # The data itself is untouched: JSON (and so parquet) keep the exact text.
    assert analysis.to_dict()["sentences"][0]["text"] == "=1+2"
    assert analysis.sentences["text"].iloc[0] == "=1+2"


def test_tables_without_formulas_are_written_as_before():
    frame = pd.DataFrame({"a": [1, None, 3], "b": ["x", "y", None]}, dtype=object)
    written, plain = io.StringIO(), io.StringIO()
    to_csv(frame, written)
    frame.to_csv(plain, index=False, lineterminator="\n")
    assert written.getvalue() == plain.getvalue()
