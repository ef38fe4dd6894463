"""Ingestion: each reader, each refusal, and the whitespace and date rules."""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

import pytest

from analysis.article import IngestError
from analysis.ingest.files import (
    article_from_record,
    iter_articles,
    load_article,
    looks_like_byline,
)
from analysis.ingest.textio import iso_date, normalise

INGEST = Path(__file__).resolve().parents[1] / "fixtures" / "ingest"
ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "data" / "articles" / "china-russia-joint-exercise.txt"


def refused(path: Path | str) -> IngestError:
    with pytest.raises(IngestError) as info:
        load_article(path)
    message = str(info.value)
    assert message.startswith(f"{path}: ")
    assert "\n" not in message
    return info.value


# -- plain text -------------------------------------------------------------------------


def test_sample_article_headline_byline_and_body():
    sample_path = SAMPLE
    article = load_article(sample_path)
    assert article.title == (
        "China and Russia will hold a joint military exercise in strategic waters near Japan."
    )
    assert article.byline == "Minnie Chan"
    assert article.text.startswith("Russia will send troops from its air force and navy")
    assert article.text.endswith("had not agreed on the boundaries of the zone.")
    assert "Minnie Chan" not in article.text
    assert article.id == "china-russia-joint-exercise"
    assert article.source_path == str(sample_path)
    assert article.sha256 == hashlib.sha256(sample_path.read_bytes()).hexdigest()
    # The no-break spaces become plain spaces one for one; nothing is collapsed.
    assert "\u00a0" not in article.text
    assert "in a  China-led joint military exercise" in article.text
    assert "“North/Interaction-2023”" in article.text
    assert article.text.count("\n\n") == 12


def test_text_with_byline_at_the_end():
    article = load_article(INGEST / "ferry-timetable.txt")
    assert article.title == "Island ferry timetable cut as diesel costs climb"
    assert article.byline == "Rosa Delgado Vance"
    assert article.text.startswith("The operator of the Skerry Isles ferry")
    assert article.text.endswith("impossible to commute to the mainland.")
    assert "director.  He said" in article.text


def test_text_without_byline_keeps_last_sentence():
    article = load_article(INGEST / "council-vote.txt")
    assert article.title == "Council delays vote on new tram line"
    assert article.byline is None
    assert article.text.endswith("the line would still open in 2027.")
    assert article.text.split("\n\n")[0].startswith("The city council postponed")


def test_markdown_with_by_line_under_headline_and_crlf():
    article = load_article(INGEST / "library-hours.md")
    assert article.title == "Library opens late on Sundays"
    assert article.byline == "Jonas Ek and Priya Raman"
    assert "\r" not in article.text
    assert article.text == (
        "The central library will open from noon to six on Sundays, starting in May.\n\n"
        "Librarians said the change followed a survey of 3,000 readers."
    )


def test_cp1252_text_is_decoded_by_fallback():
    article = load_article(INGEST / "cafe-cp1252.txt")
    assert article.title == "Café owners protest new pavement rules"
    assert article.byline == "Marta Sørensen"
    assert "“unworkable” – and" in article.text


def test_latin1_and_bom_text(tmp_path):
    latin = tmp_path / "latin.txt"
    latin.write_bytes("Señor Núñez speaks\n\nHe said the façade was unsafe.\n".encode("latin-1"))
    assert load_article(latin).title == "Señor Núñez speaks"
    bom = tmp_path / "bom.txt"
    bom.write_bytes(b"\xef\xbb\xbfHeadline here\n\nBody text follows.\n")
    assert load_article(bom).title == "Headline here"
    utf16 = tmp_path / "utf16.txt"
    utf16.write_bytes("Zürich votes\n\nTurnout was high.\n".encode("utf-16"))
    assert load_article(utf16).title == "Zürich votes"


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Minnie Chan", "Minnie Chan"),
        ("By Ana de la Cruz", "Ana de la Cruz"),
        ("Jonas Ek and Priya Raman", "Jonas Ek and Priya Raman"),
        ("Beijing denied it.", None),
        ("Read More", None),
        ("Chan", None),
        ("The two countries have not agreed on the boundaries", None),
    ],
)
def test_byline_recognition(line, expected):
    assert looks_like_byline(line) == expected


# -- HTML --------------------------------------------------------------------------------


def test_html_article_with_metadata():
    article = load_article(INGEST / "harbour-strike.html")
    assert article.title == "Harbour pilots strike over night shifts"
    assert article.byline == "Ada Lindqvist"
    assert article.published == "2024-03-09"
    assert article.outlet == "The Coastal Courier"
    assert article.url == "https://courier.example/harbour-pilots-strike"
    paragraphs = article.text.split("\n\n")
    assert len(paragraphs) == 3
    assert paragraphs[0].startswith("Harbour pilots in Port Elin walked out")
    assert paragraphs[1].startswith("“We are not asking for more money")
    assert paragraphs[2].endswith("four hundred thousand euros a day.")
    assert "Privacy" not in article.text and "Home" not in article.text


def test_html_is_recognised_by_content(tmp_path):
    page = tmp_path / "saved-page"
    shutil.copy(INGEST / "harbour-strike.html", page)
    assert load_article(page).byline == "Ada Lindqvist"


def test_script_only_html_is_refused():
    error = refused(INGEST / "script-only.html")
    assert error.problem == "no article text found in HTML"


def test_html_date_comes_from_markup_not_a_copyright_line(tmp_path):
    page = (INGEST / "harbour-strike.html").read_text(encoding="utf-8")
    undated = tmp_path / "undated.html"
    undated.write_text(
        "\n".join(line for line in page.split("\n") if "published_time" not in line),
        encoding="utf-8",
    )
    assert "© 2024" in undated.read_text(encoding="utf-8")
    assert load_article(undated).published is None


def test_html_in_declared_windows_charset(tmp_path):
    page = (INGEST / "harbour-strike.html").read_text(encoding="utf-8")
    legacy = tmp_path / "legacy.htm"
    legacy.write_bytes(page.replace("utf-8", "windows-1252").encode("cp1252"))
    assert "“We are not asking for more money" in load_article(legacy).text


# -- JSON --------------------------------------------------------------------------------


def test_json_article_with_aliased_fields():
    article = load_article(INGEST / "bridge-repairs.json")
    assert article.id == "bridge-2024-05"
    assert article.title == "Old bridge to close for six weeks of repairs"
    assert article.byline == "Lena Kask, Omar Haddad"
    assert article.published == "2024-05-21"
    assert article.outlet == "The Valley Post"
    assert article.text.split("\n\n")[1].startswith("Drivers will be sent")


def test_truncated_json_is_refused():
    assert "truncated JSON" in refused(INGEST / "truncated.json").problem


def test_invalid_json_names_the_position(tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text('{"text": "fine", oops}\n')
    assert "invalid JSON" in refused(bad).problem


def test_json_without_text_is_refused():
    assert "no article text" in refused(INGEST / "no-text.json").problem


# -- refusals ----------------------------------------------------------------------------


def test_empty_whitespace_missing_and_directory_are_refused(tmp_path):
    assert refused(INGEST / "empty.txt").problem == "empty file"
    assert "whitespace only" in refused(INGEST / "whitespace.txt").problem
    assert "no such file" in refused(tmp_path / "absent.txt").problem
    assert "directory" in refused(tmp_path).problem


@pytest.mark.parametrize(
    ("content", "kind"),
    [
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n", "PDF"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "PNG"),
        (b"\x1f\x8b\x08\x00\x00\x00\x00\x00", "gzip"),
        (b"Headline\n\nSome text\x00\x00\x01 more", "NUL"),
        (bytes(range(1, 9)) * 40 + b"a few letters", "control"),
    ],
)
def test_binary_input_is_refused(tmp_path, content, kind):
    path = tmp_path / "article.txt"
    path.write_bytes(content)
    error = refused(path)
    assert "binary" in error.problem and kind in error.problem


# -- many articles -----------------------------------------------------------------------


def test_jsonl_keeps_text_exactly_and_survives_bad_lines():
    path = INGEST / "rows.jsonl"
    items = list(iter_articles(path))
    assert len(items) == 5
    first, broken, exact, no_text, fifth = items
    assert first.text == "Rain fell\u00a0all day.\r\nThe river rose."
    assert first.published == "2024-02-01"
    assert first.source_path == f"{path}:1"
    row = json.loads(path.read_text().split("\n")[0])
    canonical = json.dumps(row, sort_keys=True, ensure_ascii=False).encode()
    assert first.sha256 == hashlib.sha256(canonical).hexdigest()
    assert isinstance(broken, IngestError) and str(broken).startswith(f"{path}:2: ")
    assert exact.id == "a3" and exact.text == "  Kept   exactly,\twith its spaces.  "
    assert isinstance(no_text, IngestError) and no_text.path == f"{path}:5"
    assert fifth.id == "rows-6" and fifth.text == "A body under another name."
    assert fifth.outlet == "Daily Wire Service"


def test_csv_rows():
    items = list(iter_articles(INGEST / "good.csv"))
    assert [item.id for item in items] == ["c1", "c2"]
    assert items[0].byline == "Ada Lindqvist" and items[0].published == "2024-03-11"
    assert items[1].text == "First paragraph.\n\nSecond paragraph."
    assert items[1].byline is None and items[1].published is None


def test_broken_csv_rows_are_errors_and_good_rows_still_come():
    path = INGEST / "broken-quote.csv"
    good, broken = list(iter_articles(path))
    assert good.text == "A complete row."
    assert isinstance(broken, IngestError) and str(broken).startswith(f"{path}:3: broken CSV")
    path = INGEST / "wrong-columns.csv"
    items = list(iter_articles(path))
    assert [type(item).__name__ for item in items] == ["IngestError", "Article", "IngestError"]
    assert items[0].path == f"{path}:2" and "expected 3 fields, found 4" in items[0].problem
    assert items[2].path == f"{path}:4"
    with pytest.raises(IngestError, match="broken CSV"):
        load_article(path)


def test_csv_without_text_column():
    (error,) = list(iter_articles(INGEST / "no-text-column.csv"))
    assert isinstance(error, IngestError) and "no 'text' or 'body' column" in error.problem


def test_folder_in_name_order_skipping_hidden_and_unknown(tmp_path):
    for name in ["council-vote.txt", "good.csv", "empty.txt", "harbour-strike.html"]:
        shutil.copy(INGEST / name, tmp_path / name)
    (tmp_path / ".gitkeep").write_text("")
    (tmp_path / ".draft.txt").write_text("Hidden\n\nNot to be read.")
    (tmp_path / "notes.docx").write_bytes(b"PK\x03\x04")
    items = list(iter_articles(tmp_path))
    assert isinstance(items[1], IngestError) and items[1].path == str(tmp_path / "empty.txt")
    assert [getattr(item, "id", None) for item in items] == [
        "council-vote",
        None,
        "c1",
        "c2",
        "harbour-strike",
    ]


def test_iter_articles_on_one_file_and_missing_path(tmp_path):
    (article,) = list(iter_articles(INGEST / "council-vote.txt"))
    assert article.title == "Council delays vote on new tram line"
    with pytest.raises(IngestError, match="no such file"):
        iter_articles(tmp_path / "nowhere")


def test_article_from_record_direct():
    record = {"Headline": "Hi", "Content": "Body\u00a0text\r\n", "doc_id": 7}
    article = article_from_record(record, "feed.json", "ab" * 32, exact_text=False)
    assert (article.id, article.title, article.text) == ("7", "Hi", "Body text")
    with pytest.raises(IngestError, match="feed.json: expected a JSON object"):
        article_from_record(["not", "a", "dict"], "feed.json", "", exact_text=True)


# -- helpers -----------------------------------------------------------------------------


def test_normalise_keeps_length_of_odd_spaces():
    text = "a\u00a0b\tc\u2009d\u200be “q”\r\nnext\u00adline"
    assert normalise(text) == "a b c d e “q”\nnextline"
    assert normalise("one\n \n\t\n\ntwo") == "one\n\ntwo"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2023-07-15T23:30:00-05:00", "2023-07-15"),
        ("15 July 2023", "2023-07-15"),
        ("Sat, 15 Jul 2023 10:00:00 GMT", "2023-07-15"),
        ("July 2023", None),
        ("not a date", None),
        (1689379200, "2023-07-15"),
        (None, None),
    ],
)
def test_iso_date(value, expected):
    assert iso_date(value) == expected
