"""The text itself: mojibake repaired, page furniture out, the language recorded, damage listed."""

from __future__ import annotations

import json

import pytest

from analysis import nlp
from analysis.ingest.files import load_article
from analysis.ingest.furniture import drop_furniture, is_furniture
from analysis.ingest.language import detect_language, language_name
from analysis.pipeline import analyze
from analysis.quality import garbled_sentences

STORY = (
    "The port authority said on Tuesday that the new terminal would open next spring, after "
    "two years of delays and a dispute over its cost."
)
GERMAN = (
    "Die Hafenbehörde hat am Dienstag angekündigt, dass das neue Terminal im kommenden Frühjahr "
    "öffnen soll. „Wir sind mit dem Ergebnis sehr zufrieden“, sagte ein Sprecher der Behörde. "
    "Nach zwei Jahren Verzögerung und einem Streit über die Kosten sei der Weg nun frei."
)


def test_mojibake_is_repaired_and_curly_quotes_stay(tmp_path):
    path = tmp_path / "story.txt"
    broken = "Port to open\n\nThe mayor said: “It’s done.” Itâ€™s the â€œbest newsâ€\x9d yet.\n"
    path.write_text(broken, encoding="utf-8")
    text = load_article(path).text
    assert "â€" not in text
    assert "It’s the “best news” yet." in text
    assert "“It’s done.”" in text


def test_record_text_and_title_are_repaired(tmp_path):
    path = tmp_path / "story.json"
    record = {"title": "Itâ€™s open", "text": "The mayor said itâ€™s open."}
    path.write_text(json.dumps(record, ensure_ascii=False), encoding="utf-8")
    article = load_article(path)
    assert article.title == "It’s open" and article.text == "The mayor said it’s open."


@pytest.mark.parametrize(
    "line",
    [
        "Thanks for signing up!",
        "Sign up for our morning newsletter and get the news delivered to your inbox.",
        "By signing up, you agree to our Privacy Policy and Terms of Use.",
        "Follow us on Twitter",
        "Advertisement",
        "Share Tweet Email",
    ],
)
def test_furniture_lines_are_recognised(line):
    assert is_furniture(line)


@pytest.mark.parametrize(
    "line",
    [
        STORY,
        "Officials said they would sign up more workers before the opening.",
        "The newsletter industry has grown fast, an analyst said.",
    ],
)
def test_story_lines_are_not_furniture(line):
    assert not is_furniture(line)


def test_furniture_is_dropped_before_analysis(tmp_path):
    path = tmp_path / "story.txt"
    path.write_text(
        f"Port to open\n\n{STORY}\n\nThanks for signing up!\n\nOfficials said ships would "
        "arrive in April.\n\nSign up for our newsletter to get the news delivered to your inbox.\n",
        encoding="utf-8",
    )
    article = load_article(path)
    assert "signing up" not in article.text and "newsletter" not in article.text
    assert article.text == f"{STORY}\n\nOfficials said ships would arrive in April."
    assert article.furniture[0] == "Thanks for signing up!"
    assert len(article.furniture) == 2
    assert drop_furniture("Thanks for signing up!") == ("", ["Thanks for signing up!"])


def test_language_is_detected_and_recorded(tmp_path):
    assert detect_language(STORY) == "en"
    assert detect_language(GERMAN) == "de"
    japanese = "港湾局は火曜日、新しいターミナルが来年の春に開業すると発表した。"
    assert detect_language(japanese) == "ja"
    assert detect_language("2019-11-20 10:32") is None
    assert language_name("de") == "German"
    path = tmp_path / "bericht.txt"
    path.write_text(f"Neues Terminal\n\n{GERMAN}\n", encoding="utf-8")
    article = load_article(path)
    assert article.language == "de"
    assert article.to_dict()["language"] == "de"


def test_an_article_not_in_english_gets_entities_only(tmp_path):
    path = tmp_path / "bericht.txt"
    path.write_text(f"Neues Terminal\n\n{GERMAN}\n", encoding="utf-8")
    result = analyze(load_article(path))
    assert result.quotes.empty and result.sources.empty
    assert result.tone is None
    assert result.sentences["polarity"].isna().all()
    assert result.quality["language"] == "de"
    assert json.loads(result.to_json())["text_quality"]["language"] == "de"


def test_garbled_sentences_are_found_and_sound_ones_are_not():
    text = (
        "Zhou Chenming, a researcher, said the United States was working with Japan and South "
        "Korea. Pacific to try to isolate Russia and China.\n\n"
        "Tokyo said missiles landed during drills held after a visit by the former speaker of "
        "the Japanese House of Representatives The United States, Nancy Pelosi, in August.\n\n"
        "The ministry said the drills would focus on the security of sea corridors. Follow us "
        "on our website for more news and analysis.\n\nChina and Russia to hold joint drills"
    )
    found = garbled_sentences(nlp.parse(text).sents)
    texts = [item["text"] for item in found]
    assert texts[0] == "Pacific to try to isolate Russia and China."
    assert texts[1].endswith("House of Representatives The United States, Nancy Pelosi, in August.")
    assert len(found) == 2
    assert all(item["reasons"] for item in found)


def test_the_garbled_rules_name_their_reasons():
    from analysis import quality

    assert set(quality.REASONS) == {"no_verb", "lowercase_start", "run_together"}
    assert all(isinstance(text, str) and text for text in quality.REASONS.values())


def test_the_quality_module_loads_no_spacy():
    import subprocess
    import sys

    code = "import sys, analysis.quality; print('spacy' in sys.modules)"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False"
