"""The analyst's corrections: reading the file, applying it, the template, reports and batch."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from conftest import SAMPLE

from analysis import cli
from analysis.article import Article
from analysis.briefing import views
from analysis.briefing.corrections import corrections_html
from analysis.parameters import ParameterError, effective_parameters
from analysis.report.correction_template import corrections_template, yaml_scalar
from analysis.report.corrections import (
    apply_corrections,
    companion_path,
    key_part,
    read_corrections,
)
from analysis.report.inbox import plan
from analysis.tables import Analysis, records_to_frame

NOTEBOOK = Path(__file__).resolve().parents[1] / "fixtures" / "notebooks" / "briefing_min.ipynb"
EXAMPLE = """\
quotes:
  Q7: {speaker: Zhou Chenming}   # set a quote's speaker (a source name or a new one)
  Q10: {drop: true}              # not a statement
sources:
  Defense experts: {type: expert, country: China}
  Song: {merge_into: Song Zhongping}
"""


def _write(tmp_path: Path, text: str, name: str = "fix.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def _quote(qid, speaker, said, sid, text, polarity=0.0):
    return {"quote_id": qid, "kind": "direct", "text": text, "start": 0, "end": 1,
            "speaker": speaker, "speaker_text": said, "source_id": sid,
            "polarity": polarity}  # fmt: skip


def _source(sid, name, kind, n_quotes, country=None, named=True):
    return {"source_id": sid, "name": name, "type": kind, "named": named, "country": country,
            "n_quotes": n_quotes, "sentiment": "neutral", "sentiment_score": 0.1}  # fmt: skip


@pytest.fixture
def small() -> Analysis:
    """A hand-made analysis: a minister (two quotes), an analyst, and 'officials'."""
    quotes = [
        _quote("Q1", "Anna Berg", "Berg", "S1", "one two three four", 0.2),
        _quote("Q2", "Anna Berg", "she", "S1", "five six", -0.2),
        _quote("Q3", "Tom Lee", "Lee", "S2", "seven eight nine ten"),
        _quote("Q4", "Officials", "officials", "S3", "eleven twelve"),
    ]
    sources = [
        _source("S1", "Anna Berg", "politician", 2, "Norway"),
        _source("S2", "Tom Lee", "expert", 1),
        _source("S3", "Officials", "official", 1, named=False),
    ]
    entities = [{"entity_id": "E9", "name": "Oslo Police", "label": "ORG", "mentions": 2,
                 "sentiment": "negative", "sentiment_score": -0.4}]  # fmt: skip
    return Analysis(
        article=Article(id="small", text="x"),
        sentences=records_to_frame("sentences", []),
        entities=records_to_frame("entities", entities),
        quotes=records_to_frame("quotes", quotes),
        sources=records_to_frame("sources", sources),
    )


def _apply(analysis, tmp_path, text):
    return apply_corrections(analysis, read_corrections(_write(tmp_path, text)))


def _by_name(analysis):
    return {row["name"]: row for row in analysis.sources.to_dict(orient="records")}


def test_a_speaker_set_to_a_source_moves_the_quote_and_recounts(small, tmp_path):
    fixed = _apply(small, tmp_path, "quotes:\n  Q3: {speaker: Berg}\n")
    assert list(fixed.quotes["speaker"]) == ["Anna Berg"] * 3 + ["Officials"]
    sources = _by_name(fixed)
    assert set(sources) == {"Anna Berg", "Officials"}  # Tom Lee has no quote left
    assert sources["Anna Berg"]["n_quotes"] == 3 and sources["Anna Berg"]["n_words"] == 10
    assert sources["Anna Berg"]["type"] == "politician"  # what was found about her stays
    assert list(fixed.sources["source_id"]) == ["S1", "S2"]
    assert sum(fixed.sources["share_of_voice"]) == pytest.approx(1.0)
    assert fixed.corrections["changed_quotes"] == ["Q3"]
    assert fixed.corrections["changed_sources"] == ["Anna Berg"]


def test_a_new_speaker_becomes_a_source_typed_from_its_entity(small, tmp_path):
    fixed = _apply(small, tmp_path, "quotes:\n  Q4: {speaker: oslo police}\n  Q2: {drop: true}\n")
    assert list(fixed.quotes["quote_id"]) == ["Q1", "Q3", "Q4"]  # ids never renumbered
    police = _by_name(fixed)["Oslo Police"]
    assert police["type"] == "official" and police["named"] is True
    assert police["sentiment"] == "negative"  # the entity's portrayal
    assert _by_name(fixed)["Anna Berg"]["polarity"] == 0.2
    assert fixed.corrections["dropped_quotes"] == ["Q2"]


def test_source_fields_merges_and_renames(small, tmp_path):
    text = (
        "sources:\n  S3: {merge_into: Tom Lee}\n  Lee: {type: military, country: Denmark}\n"
        "  Anna Berg: {merge_into: Anna Berg-Holm, named: true}\n"
    )
    fixed = _apply(small, tmp_path, text)
    sources = _by_name(fixed)
    assert set(sources) == {"Anna Berg-Holm", "Tom Lee"}
    assert sources["Tom Lee"]["n_quotes"] == 2 and sources["Tom Lee"]["type"] == "military"
    assert sources["Tom Lee"]["country"] == "Denmark"
    assert sources["Anna Berg-Holm"]["type"] == "politician"
    assert list(fixed.quotes["speaker"]) == ["Anna Berg-Holm"] * 2 + ["Tom Lee"] * 2


@pytest.mark.parametrize(
    "text, problem",
    [
        ("quotes:\n  Q99: {drop: true}\n", "no quote Q99 in this article (it has Q1 to Q4)"),
        ("sources:\n  Mayor: {type: official}\n", "no source 'Mayor' in this article"),
        ("quotes:\n  Q1: {speaker: she}\n", None),  # "she" hangs on Anna Berg only
    ],
)
def test_what_the_article_does_not_have_is_an_error_naming_the_file(small, tmp_path, text, problem):
    path = _write(tmp_path, text)
    if problem is None:
        assert apply_corrections(small, read_corrections(path)).quotes["speaker"][0] == "Anna Berg"
        return
    with pytest.raises(ParameterError) as caught:
        apply_corrections(small, read_corrections(path))
    assert str(caught.value) == f"{path}: {problem}"


@pytest.mark.parametrize(
    "text, problem",
    [
        ("- Q1\n", "expected a mapping with quotes: and sources:"),
        ("speakers: {}\n", "unknown section 'speakers'"),
        ("quotes:\n  Q1: {speaker: A, colour: red}\n", "unknown field 'colour'"),
        ("quotes:\n  Q1: {drop: false}\n", "drop takes true"),
        ("quotes:\n  Q1: {speaker: ''}\n", "speaker is empty"),
        ("quotes:\n  Q1: Anna\n", "expected a mapping"),
        ("sources:\n  A: {type: spy}\n", "type must be one of official"),
        ("sources:\n  A: {named: maybe}\n", "named must be true or false"),
        ("a: &x [1]\nb: *x\n", "aliases"),
        ("quotes: [\n", "not valid YAML"),
    ],
)
def test_a_bad_file_is_one_line_naming_it(tmp_path, text, problem):
    path = _write(tmp_path, text)
    with pytest.raises(ParameterError) as caught:
        read_corrections(path)
    message = str(caught.value)
    assert message.startswith(f"{path}: ") and problem in message and "\n" not in message


def test_an_empty_file_corrects_nothing(small, tmp_path):
    corrections = read_corrections(_write(tmp_path, "# nothing yet\nquotes:\nsources:\n"))
    assert key_part(corrections) is None
    assert apply_corrections(small, corrections) is small


def test_corrections_travel_in_analysis_json(small, tmp_path):
    assert "corrections" not in small.to_dict()
    fixed = _apply(small, tmp_path, "quotes:\n  Q2: {drop: true}\n")
    again = Analysis.from_dict(json.loads(fixed.to_json()))
    assert again.corrections == fixed.corrections
    assert again.corrections["applied"] == [
        "Q2: dropped, not a statement (was attributed to Anna Berg)"
    ]


def test_the_briefing_marks_corrected_rows_and_escapes_the_note(small, tmp_path):
    fixed = _apply(small, tmp_path, 'quotes:\n  Q3: {speaker: "<b>Eve</b>"}\n')
    speakers = list(views.quotes_table(fixed)["Speaker"])
    assert speakers[2] == "<b>Eve</b> (corrected)" and speakers[0] == "Anna Berg"
    assert "<b>Eve</b> (corrected)" in list(views.sources_table(fixed)["Source"])
    note = corrections_html(fixed).data
    assert "Corrected by the analyst" in note and "&lt;b&gt;Eve&lt;/b&gt;" in note
    assert "<b>Eve" not in note
    assert corrections_html(small).data == ""


def test_template_lists_everything_and_corrects_nothing(small):
    text = corrections_template(small, "inbox/small.txt")
    assert yaml.safe_load(text) == {"quotes": None, "sources": None}
    assert "# Q3: {speaker: Tom Lee}  # direct: seven eight nine ten" in text
    assert "# Officials: {type: official, country: null}  # S3: Q4" in text
    assert "small.corrections.yaml" in text
    # Uncommenting a line gives a working correction.
    edited = text.replace("  # Q3: {speaker: Tom Lee}", "  Q3: {speaker: Anna Berg}")
    assert yaml.safe_load(edited)["quotes"] == {"Q3": {"speaker": "Anna Berg"}}


def test_template_keeps_hostile_text_in_comments_and_quotes_odd_names():
    assert yaml_scalar("Song Zhongping") == "Song Zhongping"
    for name in ("a: b", "x #y", "[list]", "*star", "yes", "123", "'quoted'"):
        assert yaml.safe_load(f"k: {{v: {yaml_scalar(name)}}}")["k"]["v"] == name
    quote = _quote("Q1", "Eve: #1", "Eve", "S1", "first\nline\x1b]0;\nquotes: {Q1: {drop: true}}")
    analysis = Analysis(
        article=Article(id="h", text="x", title="T\nquotes: bad"),
        sentences=records_to_frame("sentences", []),
        entities=records_to_frame("entities", []),
        quotes=records_to_frame("quotes", [quote]),
        sources=records_to_frame("sources", [_source("S1", "Eve: #1", "other", 1)]),
    )
    text = corrections_template(analysis, "h.txt")
    assert yaml.safe_load(text) == {"quotes": None, "sources": None}
    assert "\x1b" not in text


def test_companion_file_name():
    assert companion_path("inbox/story.txt") == Path("inbox/story.corrections.yaml")
    assert companion_path("story.v2.html").name == "story.v2.corrections.yaml"


def test_batch_reads_the_file_beside_the_article_into_its_key(tmp_path):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "story.txt").write_bytes(SAMPLE.read_bytes())
    parameters = effective_parameters({}, NOTEBOOK)
    (plain,), settled = plan(inbox, parameters, NOTEBOOK)
    assert plain.corrections is None and settled == []
    _write(inbox, EXAMPLE, "story.corrections.yaml")
    _write(inbox, EXAMPLE, "orphan.corrections.yaml")
    (job,), settled = plan(inbox, parameters, NOTEBOOK)
    assert job.corrections == str(inbox / "story.corrections.yaml") and job.key != plain.key
    assert [(o.source, o.status) for o in settled] == [
        (str(inbox / "orphan.corrections.yaml"), "skipped")
    ]
    _write(inbox, "quotes: [\n", "story.corrections.yaml")
    jobs, settled = plan(inbox, parameters, NOTEBOOK)
    failed = [o for o in settled if o.status == "failed"]
    assert (
        jobs == []
        and len(failed) == 1
        and "story.corrections.yaml: not valid YAML" in failed[0].error
    )


@pytest.fixture(scope="module")
def sample_analysis(nlp):
    from analysis.ingest.files import load_article
    from analysis.pipeline import analyze

    return analyze(load_article(SAMPLE))


def test_the_example_on_the_sample(sample_analysis, tmp_path):
    # As extracted: Q7 is Song's direct quote, Q10 is Tokyo's claim about its EEZ.
    quotes = sample_analysis.quotes.set_index("quote_id")
    assert (
        quotes.loc["Q7", "speaker"] == "Song Zhongping" and quotes.loc["Q10", "speaker"] == "Tokyo"
    )
    fixed = _apply(sample_analysis, tmp_path, EXAMPLE)
    quotes = fixed.quotes.set_index("quote_id")
    assert quotes.loc["Q7", "speaker"] == "Zhou Chenming"
    assert "Q10" not in quotes.index
    sources = _by_name(fixed)
    assert "Tokyo" not in sources
    assert sources["Zhou Chenming"]["n_quotes"] == 3
    assert sources["Song Zhongping"]["n_quotes"] == 1
    assert sources["Defense experts"]["country"] == "China"
    assert sum(fixed.sources["share_of_voice"]) == pytest.approx(1.0, abs=1e-3)
    # The template lists the ids the report uses.
    template = corrections_template(sample_analysis, str(SAMPLE))
    for qid in sample_analysis.quotes["quote_id"]:
        assert f"# {qid}: " in template


def _layer_item(aid, act, qid, speaker, said):
    return {"attribution_id": aid, "act": act, "quote_id": qid, "kind": "indirect",
            "text": "x", "start": 0, "end": 1,
            "speaker": speaker, "speaker_text": said}  # fmt: skip


def test_the_attribution_layer_follows_the_corrected_quotes(small, tmp_path):
    # A5 is a belief (no quote); the others are the statements Q1 to Q4.
    items = [
        _layer_item("A1", "speech", "Q1", "Anna Berg", "Berg"),
        _layer_item("A2", "speech", "Q2", "Anna Berg", "she"),
        _layer_item("A3", "position", "Q3", "Tom Lee", "Lee"),
        _layer_item("A4", "speech", "Q4", "Officials", "officials"),
        _layer_item("A5", "belief", None, "Tom Lee", "Lee"),
    ]
    small.attributions = records_to_frame("attributions", items)
    text = (
        "quotes:\n  Q3: {speaker: Berg}\n  Q2: {drop: true}\n"
        "sources:\n  S3: {merge_into: Tom Lee}\n"
    )
    fixed = _apply(small, tmp_path, text)
    layer = fixed.attributions.set_index("attribution_id")
    assert list(layer.index) == ["A1", "A2", "A3", "A4", "A5"]  # every item stays
    assert (layer.loc["A2", "act"], layer.loc["A2", "quote_id"]) == ("non_speech", None)
    assert layer.loc["A3", "speaker"] == "Anna Berg"
    assert layer.loc["A4", "speaker"] == "Tom Lee"  # merged with its source
    assert (layer.loc["A5", "act"], layer.loc["A5", "speaker"]) == ("belief", "Tom Lee")
    quotes = fixed.quotes.set_index("quote_id")
    linked = layer[layer["quote_id"].notna()]
    assert sorted(linked["quote_id"]) == sorted(quotes.index)
    for _aid, item in linked.iterrows():
        assert item["speaker"] == quotes.loc[item["quote_id"], "speaker"]
    assert list(small.attributions["speaker"])[2] == "Tom Lee"  # the input is not changed


def test_the_example_corrects_the_samples_layer(sample_analysis, tmp_path):
    fixed = _apply(sample_analysis, tmp_path, EXAMPLE)
    layer = fixed.attributions.set_index("attribution_id")
    assert layer.loc["A7", "speaker"] == "Zhou Chenming"
    assert (layer.loc["A10", "act"], layer.loc["A10", "quote_id"]) == ("non_speech", None)
    quotes = fixed.quotes.set_index("quote_id")
    linked = layer[layer["quote_id"].notna()]
    assert sorted(linked["quote_id"]) == sorted(quotes.index)
    assert all(
        item["speaker"] == quotes.loc[item["quote_id"], "speaker"] for _, item in linked.iterrows()
    )


def test_report_with_corrections_records_them_in_the_manifest(tmp_path):
    from analysis.report.runner import run_report

    path = _write(tmp_path, EXAMPLE)
    plain = run_report(SAMPLE, out=tmp_path / "reports", notebook=NOTEBOOK)
    result = run_report(SAMPLE, out=tmp_path / "reports", notebook=NOTEBOOK, corrections=path)
    assert result.ok, result.error
    assert result.folder.name != plain.folder.name  # corrected and uncorrected reports both stand
    manifest = json.loads((result.folder / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["corrections"]["file"] == str(path)
    assert manifest["corrections"]["quotes"] == {
        "Q7": {"speaker": "Zhou Chenming"},
        "Q10": {"drop": True},
    }
    assert manifest["corrections"]["dropped_quotes"] == ["Q10"]
    data = json.loads((result.folder / "analysis.json").read_text(encoding="utf-8"))
    assert [s["n_quotes"] for s in data["sources"] if s["name"] == "Zhou Chenming"] == [3]
    assert "corrections" not in json.loads((plain.folder / "manifest.json").read_text("utf-8"))


def test_cli_unknown_quote_is_exit_2_and_writes_nothing(tmp_path, capsys):
    path = _write(tmp_path, "quotes:\n  Q40: {drop: true}\n")
    out = tmp_path / "reports"
    assert cli.main(["report", str(SAMPLE), "--out", str(out), "--corrections", str(path)]) == 2
    err = capsys.readouterr().err.strip()
    assert err == f"newsbrief: error: {path}: no quote Q40 in this article (it has Q1 to Q12)"
    assert not any(out.iterdir()) if out.exists() else True


def test_cli_template_and_extract_with_corrections(tmp_path, capsys):
    assert cli.main(["extract", str(SAMPLE), "--corrections-template"]) == 0
    template = capsys.readouterr().out
    assert "# Q10: {speaker: Tokyo}" in template
    path = _write(tmp_path, EXAMPLE)
    assert cli.main(["extract", str(SAMPLE), "--corrections", str(path)]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [q["quote_id"] for q in data["quotes"]].count("Q10") == 0
    assert data["corrections"]["changed_quotes"] == ["Q7"]
    assert cli.main(["extract", str(SAMPLE), "--corrections-template", "--out", str(tmp_path)]) == 0
    written = tmp_path / "china-russia-joint-exercise.corrections.yaml"
    assert capsys.readouterr().out.strip() == str(written) and written.read_text() == template
