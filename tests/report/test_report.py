"""The report runner: repeatable folders, shareable HTML, manifests, parameters and failures.

Most tests run a small fixture notebook (tests/fixtures/notebooks/briefing_min.ipynb)
so that they exercise the runner, not the briefing's content; one runs the shipped
``notebooks/briefing.ipynb`` end to end.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

from analysis import cli, parameters
from analysis.article import IngestError
from analysis.ingest.files import load_article
from analysis.parameters import ParameterError, effective_parameters
from analysis.report import runner as report
from analysis.report.options import parameters_from_cli
from analysis.report.runner import folder_name, report_key, run_report

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
ARTICLE = FIXTURES / "report" / "harbour.txt"
NOTEBOOK = FIXTURES / "notebooks" / "briefing_min.ipynb"
TABLES = {"sentences.csv", "entities.csv", "quotes.csv", "sources.csv"}


@pytest.fixture(scope="module")
def two_runs(tmp_path_factory):
    """The same article and parameters, run twice into two different reports folders."""
    root = tmp_path_factory.mktemp("reports")
    return [run_report(ARTICLE, out=root / name, notebook=NOTEBOOK) for name in ("a", "b")]


@pytest.fixture
def fixture_notebook(monkeypatch):
    """Make the fixture notebook the default, as the command line would use it."""
    monkeypatch.setattr(parameters, "DEFAULT_NOTEBOOK", NOTEBOOK)
    monkeypatch.setattr(report, "DEFAULT_NOTEBOOK", NOTEBOOK)


def code_inputs(page: str) -> list[str]:
    """Markers of code cell sources in an nbconvert lab page."""
    return re.findall(r'class="[^"]*(?:jp-CodeMirrorEditor|jp-InputPrompt|hl-ipython3)', page)


def test_two_runs_give_the_same_folder_and_identical_data_files(two_runs):
    first, second = two_runs
    assert first.ok and second.ok, (first.error, second.error)
    assert first.folder.name == second.folder.name
    assert (first.folder / "analysis.json").read_bytes() == (
        second.folder / "analysis.json"
    ).read_bytes()
    tables = {p.name for p in (first.folder / "tables").glob("*.csv")}
    assert tables == TABLES
    for name in tables:
        assert (first.folder / "tables" / name).read_bytes() == (
            second.folder / "tables" / name
        ).read_bytes()
    assert (first.folder / "tables.xlsx").read_bytes() == (
        second.folder / "tables.xlsx"
    ).read_bytes()
    # Nothing of the temporary folder is left behind.
    assert [p.name for p in first.folder.parent.iterdir()] == [first.folder.name]


def test_report_folder_holds_a_workbook_of_its_tables(two_runs):
    import openpyxl

    folder = two_runs[0].folder
    book = openpyxl.load_workbook(folder / "tables.xlsx")
    assert book.sheetnames == ["quotes", "sources", "entities", "sentences"]
    analysis = json.loads((folder / "analysis.json").read_text(encoding="utf-8"))
    for sheet in book.sheetnames:
        assert book[sheet].max_row == 1 + len(analysis[sheet]), sheet
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    data = hashlib.sha256((folder / "tables.xlsx").read_bytes()).hexdigest()
    assert manifest["files"]["tables.xlsx"] == data


def test_folder_name_is_date_slug_and_key(two_runs, tmp_path):
    name = two_runs[0].folder.name
    assert re.fullmatch(r"undated_harbour-council-approves-new-sea-wall_[0-9a-f]{8}", name)
    article = load_article(ARTICLE)
    assert folder_name(article, {}, NOTEBOOK) == name
    dated = folder_name(article, {"published": "2024-05-01"}, NOTEBOOK)
    assert dated.startswith("2024-05-01_harbour-council")
    hostile = folder_name(article, {"title": "../../etc/passwd <x>"}, NOTEBOOK)
    assert re.fullmatch(r"undated_etc-passwd-x_[0-9a-f]{8}", hostile)
    empty = folder_name(article, {"title": "…"}, NOTEBOOK)
    assert re.fullmatch(r"undated_article_[0-9a-f]{8}", empty)


def test_report_key_depends_on_input_and_effective_parameters():
    data = ARTICLE.read_bytes()
    sha = hashlib.sha256(data).hexdigest()
    assert report_key(data, {}, NOTEBOOK) == report_key(sha, {}, NOTEBOOK)
    # Setting a parameter to its default names the same report.
    assert report_key(sha, {"top_n": 5}, NOTEBOOK) == report_key(sha, {}, NOTEBOOK)
    assert report_key(sha, {"top_n": 6}, NOTEBOOK) != report_key(sha, {}, NOTEBOOK)
    assert report_key(data + b" ", {}, NOTEBOOK) != report_key(sha, {}, NOTEBOOK)


def test_html_is_shareable_without_code_or_parameters(two_runs):
    page = (two_runs[0].folder / "briefing.html").read_text(encoding="utf-8")
    assert "Harbour Council Approves New Sea Wall" in page
    assert "We were never asked" in page
    assert code_inputs(page) == []
    assert "injected-parameters" not in page and "celltag_parameters" not in page
    assert "analysis_json" not in page and "top_n" not in page
    assert not re.search(r"<script", page, re.I)
    assert not re.search(r"""<(?:link|img|iframe)[^>]+(?:src|href)=["']?https?:""", page, re.I)
    assert not re.search(r"url\(\s*['\"]?https?:", page, re.I)
    assert re.search(r'<img[^>]+src="data:image/png;base64,', page)
    assert "Content-Security-Policy" in page


def test_manifest_records_input_parameters_versions_and_status(two_runs):
    folder = two_runs[0].folder
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["status"] == "ok" and manifest["error"] is None
    assert manifest["input_sha256"] == hashlib.sha256(ARTICLE.read_bytes()).hexdigest()
    assert manifest["parameters"] == effective_parameters({}, NOTEBOOK)
    assert "article" not in manifest["parameters"]
    for package in ("python", "newsbrief", "spacy", "model", "pandas", "papermill", "nbconvert"):
        assert manifest["versions"][package], package
    assert manifest["timings"]["total"] > 0
    data = hashlib.sha256((folder / "analysis.json").read_bytes()).hexdigest()
    assert manifest["files"]["analysis.json"] == data
    assert manifest["summary"]["n_sources"] == len(
        json.loads((folder / "analysis.json").read_text(encoding="utf-8"))["sources"]
    )


def test_executed_notebook_read_the_runners_analysis(two_runs):
    nb = nbformat.read(two_runs[0].folder / "briefing.ipynb", as_version=4)
    injected = [c for c in nb.cells if "injected-parameters" in c.metadata.get("tags", [])]
    assert len(injected) == 1
    source = injected[0].source
    assert 'analysis_json = "analysis.json"' in source
    assert ".tmp-" not in source and "maria lopez" not in source.lower()


def test_parameters_are_typed_from_the_notebook_defaults(tmp_path):
    pairs = [["top_n", "7"], ["show_text", "no"], ["positive_above", "1"], ["title", "42"]]
    typed = parameters_from_cli(pairs, None, NOTEBOOK)
    assert typed == {"top_n": 7, "show_text": False, "positive_above": 1.0, "title": "42"}
    assert isinstance(typed["positive_above"], float)
    for text, value in [("yes", True), ("1", True), ("False", False), ("0", False)]:
        assert parameters_from_cli([["show_text", text]], None, NOTEBOOK) == {"show_text": value}
    yaml_file = tmp_path / "params.yaml"
    yaml_file.write_text("top_n: 3\npublished: 2024-05-01\nanalyst_notes: check\n")
    typed = parameters_from_cli([["top_n", "4"]], str(yaml_file), NOTEBOOK)
    assert typed == {"top_n": 4, "published": "2024-05-01", "analyst_notes": "check"}


@pytest.mark.parametrize(
    "pairs, message",
    [
        ([["nope", "1"]], "unknown parameter 'nope'"),
        ([["top_n", "many"]], "top_n: expected a whole number"),
        ([["top_n", "2.5"]], "top_n: expected a whole number"),
        ([["show_text", "maybe"]], "show_text: expected true or false"),
        ([["negative_below", "nan"]], "negative_below: expected a finite number"),
        ([["article", "x.txt"]], "set by the report runner"),
        ([["analysis_json", "x.json"]], "set by the report runner"),
    ],
)
def test_bad_parameters_are_refused(pairs, message):
    with pytest.raises(ParameterError, match=re.escape(message)):
        parameters_from_cli(pairs, None, NOTEBOOK)


def _notebook_with(tmp_path: Path, source: str) -> Path:
    notebook = nbformat.v4.new_notebook()
    notebook.cells.append(nbformat.v4.new_code_cell(source, metadata={"tags": ["parameters"]}))
    path = tmp_path / "params.ipynb"
    nbformat.write(notebook, str(path))
    return path


def test_rules_are_read_from_the_comments(tmp_path):
    path = _notebook_with(
        tmp_path,
        "ratio: float = 1  # share kept (at most 1)\n"
        'when: str = ""  # day of the story (ISO date)\n'
        "rounds = 3  # no annotation: typed from the default (at least 2)\n"
        "note: str = 'x'  # (a remark in brackets is only help)\n",
    )
    specs = parameters.notebook_parameters(path)
    assert specs["ratio"].kind is float and specs["ratio"].default == 1.0
    assert (specs["ratio"].low, specs["ratio"].high) == (None, 1.0)
    assert specs["when"].date and specs["rounds"].kind is int and specs["rounds"].low == 2
    assert specs["note"].low is None and not specs["note"].date
    checked = parameters.validate({"ratio": "0.5", "when": "2024-05-01", "rounds": 2.0}, path)
    assert checked == {"ratio": 0.5, "when": "2024-05-01", "rounds": 2, "note": "x"}
    for given, problem in [
        ({"ratio": 1.01}, "ratio: must be at most 1, got 1.01"),
        ({"rounds": 1}, "rounds: must be at least 2, got 1"),
        ({"when": "soon"}, "when: expected an ISO date"),
    ]:
        with pytest.raises(ParameterError, match=re.escape(problem)):
            parameters.validate(given, path)


def test_a_rule_that_does_not_fit_the_type_is_refused(tmp_path):
    path = _notebook_with(tmp_path, 'name: str = "x"  # who (at least 1)\n')
    with pytest.raises(ParameterError, match="a range needs an int or float parameter"):
        parameters.notebook_parameters(path)


def test_cli_unknown_parameter_exits_2_with_one_line(fixture_notebook, tmp_path, capsys):
    status = cli.main(["report", str(ARTICLE), "--out", str(tmp_path), "-p", "colour", "red"])
    err = capsys.readouterr().err
    assert status == 2
    assert err.count("\n") == 1 and "unknown parameter 'colour'" in err
    assert list(tmp_path.iterdir()) == []


#: Runs ``newsbrief`` in a fresh interpreter and says whether spaCy or papermill got loaded.
CLI_PROBE = """
import json, sys
from analysis import cli
status = cli.main(sys.argv[1:])
print(json.dumps({"status": status, "loaded": sorted({"spacy", "papermill"} & set(sys.modules))}))
"""


def test_cli_out_of_range_parameter_exits_2_before_any_analysis(tmp_path):
    # The shipped briefing's own contract: top_n is "(at least 1)" in its parameters cell.
    out = tmp_path / "reports"
    probe = subprocess.run(
        [sys.executable, "-c", CLI_PROBE, "report", str(ARTICLE), "--out", str(out)]
        + ["-p", "top_n", "0"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert json.loads(probe.stdout) == {"status": 2, "loaded": []}
    assert probe.stderr == "newsbrief: error: parameter top_n: must be at least 1, got 0\n"
    assert not out.exists()


@pytest.mark.parametrize(
    "command, problem",
    [
        (["report", str(ARTICLE), "-p", "negative_below", "0.3"], "must not be above"),
        (["report", str(ARTICLE), "-p", "positive_above", "2"], "must be from -1 to 1"),
        (["report", str(ARTICLE), "-p", "published", "May 1st"], "ISO date"),
        (["batch", str(FIXTURES / "report"), "-p", "top_entities", "0"], "at least 1"),
    ],
)
def test_cli_bad_values_exit_2_and_write_nothing(tmp_path, capsys, command, problem):
    out = tmp_path / "reports"
    assert cli.main([*command, "--out", str(out)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and problem in err
    assert not out.exists()


def test_cli_bad_value_in_a_parameters_file_exits_2(tmp_path, capsys):
    params = tmp_path / "params.yaml"
    params.write_text("top_n: 0\n", encoding="utf-8")
    out = tmp_path / "reports"
    assert cli.main(["report", str(ARTICLE), "--out", str(out), "-f", str(params)]) == 2
    assert "parameter top_n: must be at least 1, got 0" in capsys.readouterr().err
    assert not out.exists()


def test_unreadable_input_makes_no_folder(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    out = tmp_path / "reports"
    with pytest.raises(IngestError):
        run_report(empty, out=out, notebook=NOTEBOOK)
    assert not out.exists() or list(out.iterdir()) == []


def test_failing_run_keeps_notebook_and_error_page(fixture_notebook, tmp_path, capsys):
    out = tmp_path / "reports"
    status = cli.main(
        ["report", str(ARTICLE), "--out", str(out), "-p", "analyst_notes", "fail here"]
    )
    captured = capsys.readouterr()
    assert status == 1
    folder = Path(captured.out.strip().splitlines()[-1])
    assert folder.name.endswith(".failed") and folder.is_dir()
    assert "the notebook was asked to fail" in captured.err
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["status"] == "failed"
    assert manifest["error"] == "ValueError: the notebook was asked to fail"
    assert (folder / "briefing.ipynb").is_file()
    page = (folder / "briefing.html").read_text(encoding="utf-8")
    # The failing cell shows its code and traceback; other code stays hidden.
    assert "the notebook was asked to fail" in page
    assert "raise" in page and "ValueError" in page
    assert len(code_inputs(page)) == 2  # editor + highlighted source of the one failing cell
    assert "injected-parameters" not in page
    assert not re.search(r"<script", page, re.I)


def test_failed_run_never_replaces_a_good_report(two_runs, tmp_path):
    notebook = tmp_path / "briefing.ipynb"
    shutil.copy(NOTEBOOK, notebook)
    # The good report is one of the module's runs, copied: the same input and
    # parameters, so the same name as this notebook's runs give.
    out = tmp_path / "reports"
    shutil.copytree(two_runs[0].folder.parent, out)
    good = two_runs[0]
    assert good.ok
    good = dataclasses.replace(good, folder=out / good.folder.name)
    before = {p: p.read_bytes() for p in good.folder.rglob("*") if p.is_file()}

    # Same parameters cell (so the same report name), but the notebook now fails.
    nb = nbformat.read(notebook, as_version=4)
    nb.cells[2].source = "raise RuntimeError('the briefing broke')"
    nbformat.write(nb, notebook)
    bad = run_report(ARTICLE, out=out, notebook=notebook)
    assert not bad.ok and bad.error == "RuntimeError: the briefing broke"
    assert bad.folder.name == f"{good.folder.name}.failed"
    assert {p: p.read_bytes() for p in good.folder.rglob("*") if p.is_file()} == before

    # A later good run takes the name back and clears the failed one.
    shutil.copy(NOTEBOOK, notebook)
    again = run_report(ARTICLE, out=out, notebook=notebook)
    assert again.ok and again.folder == good.folder
    assert sorted(p.name for p in out.iterdir()) == [good.folder.name]


def test_shipped_briefing_runs_on_a_fixture(tmp_path):
    result = run_report(ARTICLE, out=tmp_path, parameters={"analyst_notes": "Checked <b>twice</b>"})
    assert result.ok, result.error
    page = (result.folder / "briefing.html").read_text(encoding="utf-8")
    assert "Harbour Council Approves New Sea Wall" in page
    assert "Maria Lopez" in page and "Tom Baker" in page
    assert "Checked &lt;b&gt;twice&lt;/b&gt;" in page
    assert code_inputs(page) == []
    assert "injected-parameters" not in page
    assert not re.search(r"<script", page, re.I)
