"""The briefing's content: parameters, loading, HTML safety, tables, perspective and dates."""

from __future__ import annotations

import re
import subprocess
import sys
from html.parser import HTMLParser

import pytest
from briefing_fixture import HOSTILE, HOSTILE_SPEAKER, empty_analysis, make_analysis

import analysis.sentiment.tone
from analysis.briefing import brief, dates, highlight, method, perspective, summary, views
from analysis.tables import Analysis, records_to_frame

#: The only markup newsbrief writes itself; anything else came from the article.
ALLOWED_TAGS = {
    "div", "span", "mark", "table", "thead", "tbody", "tr", "th", "td", "ol", "ul", "li",
    "p", "em", "strong", "b", "u", "br",
}  # fmt: skip
ALLOWED_ATTRS = {"style", "title", "class", "border", "halign", "valign"}
PANDAS = frozenset({"style", "scoped"})


class _Markup(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags, self.attrs, self.text = set(), set(), []

    def handle_starttag(self, tag, attrs):
        self.tags.add(tag)
        self.attrs |= {name for name, _ in attrs}

    def handle_data(self, data):
        self.text.append(data)


def _check_safe(markup: str, extra: frozenset = frozenset()) -> str:
    """Assert that markup holds only newsbrief's own tags; return its visible text."""
    parser = _Markup()
    parser.feed(markup)
    parser.close()
    assert parser.tags <= ALLOWED_TAGS | extra, parser.tags - ALLOWED_TAGS
    assert parser.attrs <= ALLOWED_ATTRS | extra, parser.attrs - ALLOWED_ATTRS
    assert "<script" not in markup.lower()
    return "".join(parser.text)


@pytest.fixture
def fixture_analysis():
    return make_analysis()


def test_every_html_function_escapes_hostile_text(fixture_analysis):
    a = fixture_analysis
    pieces = {
        "summary": summary.summary_box(a).data,
        "notes": summary.notes_html(HOSTILE).data,
        "key sentences": summary.key_sentences_html(a, top_n=20).data,
        "highlight": highlight.highlighted_html(a).data,
        "perspective": perspective.perspective_html(a).data,
        "method": method.method_note().data,
    }
    for name, markup in pieces.items():
        text = _check_safe(markup)
        if name != "method":
            # The hostile text is still shown, as text.
            assert "<script>alert(1)</script>" in text or HOSTILE_SPEAKER in text, name
    assert "{{7*7}}" in _check_safe(pieces["highlight"])
    assert "__import__('os')" in _check_safe(pieces["highlight"])


def test_tables_render_hostile_text_escaped(fixture_analysis):
    brief.setup_notebook()
    for frame in (
        views.sources_table(fixture_analysis),
        views.quotes_table(fixture_analysis),
        views.portrayal_table(fixture_analysis),
        dates.mentioned_dates(fixture_analysis),
    ):
        markup = frame._repr_html_()
        # pandas writes its own scoped stylesheet ahead of the table.
        _check_safe(markup, PANDAS)
        assert "tex2jax_ignore" in markup
    shown = _check_safe(views.quotes_table(fixture_analysis)._repr_html_(), PANDAS)
    assert HOSTILE_SPEAKER in shown


def test_highlight_colours_quotes_by_speaker(fixture_analysis):
    markup = highlight.highlighted_html(fixture_analysis).data
    colours = highlight.speaker_colours(fixture_analysis)
    assert list(colours)[:3] == ["Li Wei", "Wang Fang", "Tokyo"]
    assert len(set(colours.values())) == len(colours)
    # Both of Wang Fang's quotes carry Wang Fang's colour.
    assert markup.count(f"background:{colours['Wang Fang']};padding:0 1px") == 2
    assert "Wang Fang (2)" in markup
    assert "omitted" not in markup
    assert "left out" in highlight.highlighted_html(fixture_analysis, show_text=False).data


def test_highlight_keeps_every_character_of_the_text(fixture_analysis):
    text = _check_safe(highlight.highlighted_html(fixture_analysis).data)
    assert fixture_analysis.article.text in text


def test_summary_box_counts_and_labels_tone(fixture_analysis):
    text = _check_safe(summary.summary_box(fixture_analysis).data)
    assert "The Fixture Times" in text and "2023-07-17" in text
    assert "4 (3 named, 1 unnamed)" in text
    assert "5 (3 direct, 2 indirect)" in text
    assert "word-level tone (TextBlob)" in text


def test_notes_are_escaped_or_absent():
    assert "No analyst notes" in summary.notes_html("  ").data
    markup = summary.notes_html("line one\n<b>two</b>").data
    assert "&lt;b&gt;two&lt;/b&gt;" in markup and "line one<br>" in markup


def test_key_sentences_in_text_order_and_limited(fixture_analysis):
    picked = summary.key_sentences(fixture_analysis, top_n=3)
    assert len(picked) == 3
    assert list(picked["sentence_id"]) == sorted(picked["sentence_id"])
    # The quote-bearing sentences that name the most-mentioned speaker rank high.
    assert 5 in set(picked["sentence_id"]) or 4 in set(picked["sentence_id"])
    assert picked.equals(summary.key_sentences(fixture_analysis, top_n=3))
    assert summary.key_sentences(empty_analysis(), top_n=3).empty


def test_perspective_finds_single_country_and_reported_claim(fixture_analysis):
    check = perspective.perspective(fixture_analysis)
    findings = " ".join(check["findings"])
    assert "Every named source is from China: Li Wei and Wang Fang." in findings
    assert "Tokyo appears only as a reported claim" in findings
    assert "United States (1 mention)" in findings
    assert check["present_countries"] == ["China"]
    assert set(check["absent_countries"]) == {"Japan", "United States"}
    status = dict(zip(check["countries"]["country"], check["countries"]["status"], strict=True))
    assert status["Japan"] == "reported claim only"
    assert "public" in check["absent_types"] and "expert" in check["present_types"]


def test_perspective_with_sources_from_two_countries():
    a = make_analysis()
    sources = a.sources.copy()
    sources.loc[sources["source_id"] == "S2", "country"] = "United States"
    mixed = Analysis(a.article, a.sentences, a.entities, a.quotes, sources)
    findings = " ".join(perspective.perspective(mixed)["findings"])
    assert "Named sources come from China (1) and United States (1)." in findings
    assert "Discussed but not quoted" not in findings


def test_reported_claim_only_when_no_source_of_its_country_is_quoted_directly():
    a = make_analysis()
    sources = a.sources.copy()
    # Tokyo's one indirect claim, now from a country whose other voices speak in quotes.
    sources.loc[sources["source_id"] == "S3", "country"] = "China"
    shared = Analysis(a.article, a.sentences, a.entities, a.quotes, sources)
    check = perspective.perspective(shared)
    assert "Tokyo appears only as a reported claim" not in " ".join(check["findings"])
    china = check["countries"][check["countries"]["country"] == "China"].iloc[0]
    assert china["status"] == "quoted" and "Tokyo" in china["sources"]


def test_perspective_without_sources():
    assert "quotes no one" in perspective.perspective(empty_analysis())["findings"][0]


def test_sources_table_orders_by_share_and_infers_country(fixture_analysis):
    table = views.sources_table(fixture_analysis)
    assert list(table["Source"]) == [HOSTILE_SPEAKER, "Wang Fang", "Li Wei", "Tokyo"]
    assert table.loc[table["Source"] == "Tokyo", "Country"].item() == "Japan (inferred)"
    assert table.loc[table["Source"] == "Wang Fang", "Share of voice"].item() == "30%"


def test_quotes_by_matches_name_or_mention(fixture_analysis):
    assert list(brief.quotes_by(fixture_analysis, "wang")["#"]) == ["Q2", "Q3"]
    assert list(brief.quotes_by(fixture_analysis, "Tokyo")["#"]) == ["Q4"]
    assert brief.quotes_by(fixture_analysis, "Nobody").empty
    assert len(views.quotes_table(fixture_analysis)) == 5


def test_portrayal_table_says_not_available_unless_scored():
    table = views.portrayal_table(make_analysis())
    assert set(table["Target-dependent sentiment"]) == {views.NOT_AVAILABLE}
    scored = views.portrayal_table(make_analysis(with_sentiment=True)).set_index("Actor")
    assert scored.loc["Li Wei", "Target-dependent sentiment"] == "positive"
    assert scored.loc["Washington", "Model score"] == "-0.40"


def test_method_note_names_tools_and_f1(monkeypatch):
    monkeypatch.delattr(analysis.sentiment.tone, "TARGET_SENTIMENT_MACRO_F1", raising=False)
    text = _check_safe(method.method_note().data)
    assert "0.42" in text and "not been measured" in text
    for tool in ("spaCy", "TextBlob", "pandas", "matplotlib", "newsbrief"):
        assert f"{tool}:" in text
    monkeypatch.setattr(analysis.sentiment.tone, "TARGET_SENTIMENT_MACRO_F1", 0.61, raising=False)
    assert "macro-F1 is 0.61" in method.method_note().data


def test_dates_resolve_against_published(fixture_analysis):
    found = dates.mentioned_dates(fixture_analysis).set_index("text")
    assert found.loc["Saturday", "resolved"] == "2023-07-15"  # 2023-07-17 is a Monday
    assert found.loc["last month", "resolved"] == "2023-06"
    undated = dates.mentioned_dates(make_analysis(published=None)).set_index("text")
    assert undated.loc["Saturday", "resolved"] is None


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        ("announced Saturday", "2024-03-02"),  # published Wednesday 2024-03-06
        ("on Wednesday", "2024-03-06"),
        ("last Wednesday", "2024-02-28"),
        ("In September", "2023-09"),
        ("in March", "2024-03"),
        ("since 2019", "2019"),
        ("on 5 March", "2024-03-05"),
        ("on March 9", "2023-03-09"),
        ("September 5, 2022", "2022-09-05"),
        ("last year", "2023"),
        ("yesterday", "2024-03-05"),
        ("2023-02-30", None),
    ],
)
def test_date_phrases(phrase, expected):
    found = dates.find_dates(f"Officials spoke {phrase} about it.", "2024-03-06")
    assert len(found) == 1, found
    assert found["resolved"].iloc[0] == expected


def test_dates_skip_names_and_modal_may():
    found = dates.find_dates("It may rain at North/Interaction-2023, the Type 055 said.", None)
    assert found.empty


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"top_n": 0}, "top_n: must be at least 1, got 0"),
        ({"top_n": "many"}, "top_n: expected a whole number"),
        ({"top_n": True}, "top_n"),
        ({"top_entities": -3}, "top_entities: must be at least 1"),
        ({"negative_below": 0.2}, "negative_below (0.2) must not be above positive_above"),
        ({"positive_above": 1.5}, "positive_above: must be from -1 to 1, got 1.5"),
        ({"negative_below": float("nan")}, "negative_below: expected a finite number"),
        ({"published": "July 15"}, "ISO date"),
        ({"article": "no/such/file.txt"}, "no/such/file.txt"),
        ({"analysis_json": "missing.json"}, "missing.json"),
        ({"colour": "red"}, "unknown parameter 'colour'"),
        ({"show_article_text": "maybe"}, "show_article_text: expected true or false"),
        ({"title": ["a", "list"]}, "title: expected text"),
    ],
)
def test_validate_parameters_fails_fast(params, message):
    with pytest.raises(ValueError, match=re.escape(message)):
        brief.validate_parameters(**params)


def test_validate_parameters_normalises(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # the sample still resolves against the repo root
    p = brief.validate_parameters(published="2023-07-15T09:30:00Z", negative_below=-0.1)
    assert p["published"] == "2023-07-15"
    assert p["article"].endswith("data/articles/china-russia-joint-exercise.txt")
    assert p["analysis_json"] is None
    assert p["negative_below"] == -0.1 and p["top_n"] == 5
    assert brief.validate_parameters(published="")["published"] is None


def test_validate_parameters_reads_what_the_papermill_command_line_passes():
    # papermill's -p turns "3" into an int and "2024" into an int, and leaves "false" a string.
    p = brief.validate_parameters(
        top_n="3", title=2024, show_article_text="false", positive_above=1, outlet=None
    )
    assert p["top_n"] == 3 and p["title"] == "2024" and p["show_article_text"] is False
    assert p["positive_above"] == 1.0 and isinstance(p["positive_above"], float)
    assert p["outlet"] == ""
    # Equal thresholds leave only that exact tone neutral; it is allowed.
    equal = brief.validate_parameters(negative_below=0.1, positive_above=0.1)
    assert equal["negative_below"] == equal["positive_above"] == 0.1


def test_validate_parameters_takes_the_kernel_namespace():
    namespace = {"top_n": 2, "title": "From the kernel", "In": [], "brief": brief}
    p = brief.validate_parameters(namespace, title="Given by name")
    assert p["top_n"] == 2 and p["title"] == "Given by name"
    with pytest.raises(ValueError, match="top_n: must be at least 1"):
        brief.validate_parameters({"top_n": 0})


def test_load_for_briefing_reads_analysis_json_and_applies_overrides(tmp_path):
    path = tmp_path / "analysis.json"
    path.write_text(make_analysis(published=None).to_json(), encoding="utf-8")
    a = brief.load_for_briefing("", str(path), title="New title", published="2024-01-02")
    assert a.article.title == "New title" and a.article.published == "2024-01-02"
    assert a.article.outlet == "The Fixture Times"
    assert list(a.quotes["quote_id"]) == ["Q1", "Q2", "Q3", "Q4", "Q5"]
    kept = brief.load_for_briefing("", str(path))
    assert kept.article.title.startswith("Drills go ahead")


def test_empty_analysis_renders_everything():
    a = empty_analysis()
    assert "untitled" in summary.summary_box(a).data
    assert "No quotes" in highlight.highlighted_html(a).data
    assert views.sources_table(a).empty and views.quotes_table(a).empty
    assert views.portrayal_table(a).empty
    assert records_to_frame("quotes", []).empty


def test_briefing_modules_do_not_import_spacy():
    # The report runner analyses the article before papermill starts; the kernel
    # only reads analysis.json, so loading spaCy there would be wasted start-up.
    code = (
        "import sys\n"
        "from analysis.briefing import brief, dates, highlight, method, perspective\n"
        "from analysis.briefing import plots, summary, views\n"
        "method.target_sentiment_f1()\n"
        "from analysis import parameters\n"
        "brief.validate_parameters({'top_n': 3})\n"
        "parameters.from_namespace({'corpus_dir': 'x'}, 'corpus')\n"
        "heavy = ('spacy', 'textblob', 'analysis.sentiment.target', 'onnxruntime',\n"
        "         'tokenizers', 'papermill')\n"
        "print(sorted(m for m in heavy if m in sys.modules))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"


def test_overall_tone_is_read_from_the_analysis_when_present():
    a = make_analysis()
    computed = summary.overall_tone(a)
    a.tone = (0.5, 0.25)
    assert summary.overall_tone(a) == 0.5 != computed
    assert "(+0.50)" in summary.summary_box(a).data
