"""Tests for target-dependent sentiment: the bundled model, the JSONL command and actors."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

import pytest

from analysis import sentiment
from analysis.sentiment import encoder
from analysis.sentiment import target as stance
from analysis.sentiment.cli import sentiment_jsonl
from analysis.sentiment.target import focus

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "sentiment"
ROOT = Path(__file__).resolve().parents[2]
DISPUTE = "The senator accused Brown of lying, but Green was hailed as a hero."
PRAISE = "The senator accused Brown of lying, but praised Green as a hero."


def _signed(text: str, target: str) -> float:
    start = text.index(target)
    p = stance.target_probabilities([(text, start, start + len(target))])[0]
    return float(p[stance.LABELS.index("positive")] - p[stance.LABELS.index("negative")])


def test_model_loads_within_budget_and_is_small():
    encoder.load_encoder.cache_clear()
    started = time.perf_counter()
    model = stance.load_model()
    assert time.perf_counter() - started < 5.0
    assert model is stance.load_model()  # cached for the process
    assert model.weight.shape[0] == len(stance.LABELS) == model.bias.shape[0]
    folder = ROOT / "analysis" / "models"
    files = [folder / name for name in (encoder.ENCODER_FILE, encoder.TOKENIZER_FILE)]
    files += [folder / encoder.HEAD_FILE, folder / encoder.CARD_FILE]
    assert sum(f.stat().st_size for f in files) <= 25 * 1024 * 1024
    card = encoder.model_card()
    assert tuple(card["labels"]) == stance.LABELS
    assert len(card["base"]["sha256"]) == 64


def test_a_mention_scores_the_same_alone_and_among_others():
    """Batching, order and neighbours never change a mention's probabilities."""
    items = [
        (PRAISE, 48, 53),
        (DISPUTE, 20, 25),
        ("Short.", 0, 5),
        ("A much longer sentence about the minister, who spoke at length " * 3, 31, 39),
        (PRAISE, 20, 25),
    ]
    together = stance.target_probabilities(items)
    backwards = stance.target_probabilities(items[::-1])[::-1]
    alone = [stance.target_probabilities([item])[0] for item in items]
    assert together.tolist() == backwards.tolist() == [list(p) for p in alone]


def test_each_distinct_text_is_encoded_once(monkeypatch):
    model = stance.load_model()
    seen = []
    real = type(model)._states

    def counting(self, encodings):
        seen.extend(tuple(e.ids) for e in encodings)
        return real(self, encodings)

    monkeypatch.setattr(type(model), "_states", counting)
    stance.target_probabilities([(PRAISE, 20, 25), (PRAISE, 48, 53), (DISPUTE, 20, 25)])
    assert len(seen) == len(set(seen)) == 2


def test_target_mask_covers_the_target_pieces_only():
    offsets = [(0, 0), (0, 3), (4, 8), (8, 11), (12, 15), (0, 0)]
    assert encoder.target_token_mask(offsets, 4, 11).tolist() == [0, 0, 1, 1, 0, 0]
    assert encoder.target_token_mask(offsets, 5, 6).tolist() == [0, 0, 1, 0, 0, 0]
    # A target no piece covers reads the sentence as a whole, never nothing.
    assert encoder.target_token_mask(offsets, 30, 33).tolist() == [0, 1, 1, 1, 1, 0]


def test_a_sentence_past_the_model_length_is_read_around_its_target():
    words = " ".join(f"word{i}" for i in range(300))
    text = words + " and then Lind was accused of fraud by the auditors."
    start = text.index("Lind")
    model = stance.load_model()
    encoding = model.tokenizer.encode(text)
    assert len(encoding.ids) > encoder.MAX_TOKENS
    pieces = encoding.offsets[1:-1]
    cut, s, e = encoder._window(pieces, [b for _, b in pieces], (text, start, start + 4))
    assert cut[s:e] == "Lind"
    assert len(model.tokenizer.encode(cut).ids) <= encoder.MAX_TOKENS
    (p,) = stance.target_probabilities([(text, start, start + 4)])
    assert p.sum() == pytest.approx(1.0, abs=1e-3)


def test_labels_and_scores_are_well_formed():
    label, score = sentiment.target_sentiment(DISPUTE, 20, 25)
    assert label in stance.LABELS
    assert 1 / 3 <= score <= 1.0
    many = sentiment.target_sentiment_many([(DISPUTE, 20, 25), (DISPUTE, 40, 45)])
    assert many[0] == (label, score)
    assert sentiment.target_sentiment_many([]) == []


def test_same_sentence_different_targets_differ():
    assert sentiment.target_sentiment(PRAISE, 20, 25)[0] == "negative"
    assert sentiment.target_sentiment(PRAISE, 48, 53)[0] == "positive"
    assert _signed(DISPUTE, "Green") - _signed(DISPUTE, "Brown") > 0.5
    war = (
        "Russia was condemned for the brutal invasion, "
        "while Ukraine won praise for its brave resistance."
    )
    assert _signed(war, "Ukraine") - _signed(war, "Russia") > 0.5


def test_negative_and_positive_cues_move_the_score():
    assert _signed("Voters praised Smith for her honest leadership.", "Smith") > 0.3
    assert _signed("Voters blamed Smith for the corrupt deal.", "Smith") < -0.3


def test_long_text_is_cut_to_the_sentence_of_the_target():
    filler = "The weather was mild. " * 40
    text = filler + "Auditors accused Lind of fraud. " + filler
    start = text.index("Lind")
    cut, s, e = focus(text, start, start + 4)
    assert cut.startswith("Auditors") and cut[s:e] == "Lind"
    assert len(cut) < 60


def test_jsonl_good_and_bad_lines(tmp_path, capsys):
    out = tmp_path / "out.jsonl"
    source = FIXTURES / "mentions.jsonl"
    assert sentiment_jsonl(str(source), str(out)) == 1
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [r["id"] for r in rows] == ["m1", "m2", "m3", "bad-span", "m4", None]
    good = {r["id"]: r for r in rows if "error" not in r}
    assert good["m1"]["label"] == "negative" and good["m2"]["label"] == "positive"
    assert all(set(r) == {"id", "label", "score"} for r in good.values())
    errors = capsys.readouterr().err.strip().splitlines()
    assert len(errors) == 2
    assert f"{source}:5:" in errors[0] and "outside the text" in errors[0]
    assert f"{source}:7:" in errors[1] and "not valid JSON" in errors[1]
    assert rows[3]["error"].startswith(f"{source}:5:")


def test_jsonl_all_good_to_stdout(tmp_path, capsys):
    source = tmp_path / "in.jsonl"
    source.write_text(json.dumps({"id": 7, "text": PRAISE, "target_start": 48, "target_end": 53}))
    assert sentiment_jsonl(str(source), None) == 0
    (line,) = capsys.readouterr().out.splitlines()
    assert json.loads(line)["id"] == 7 and json.loads(line)["label"] == "positive"


def test_jsonl_missing_file(tmp_path, capsys):
    assert sentiment_jsonl(str(tmp_path / "nope.jsonl"), None) == 2
    assert "nope.jsonl: no such file" in capsys.readouterr().err


def test_command_line_sentiment(tmp_path):
    out = tmp_path / "out.jsonl"
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "analysis",
            "sentiment",
            "--jsonl",
            str(FIXTURES / "mentions.jsonl"),
            "--out",
            str(out),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 1
    assert "mentions.jsonl:5:" in done.stderr
    assert len(out.read_text(encoding="utf-8").splitlines()) == 6


def _article():
    text = (FIXTURES / "article.txt").read_text(encoding="utf-8")
    sentences, start = [], 0
    for part in text.replace("\n\n", "\n").split("\n"):
        for piece in part.split(". "):
            at = text.index(piece, start)
            sentences.append((at, at + len(piece)))
            start = at + len(piece)
    return text, sentences


def _mentions(text: str, *names: str) -> list[tuple[int, int]]:
    spans = []
    for name in names:
        at = text.find(name)
        while at >= 0:
            spans.append((at, at + len(name)))
            at = text.find(name, at + 1)
    # Keep the longest form where a short one sits inside it ("Lind" in "Mara Lind").
    return sorted(
        m for m in set(spans) if not any(o != m and o[0] <= m[0] and m[1] <= o[1] for o in spans)
    )


def test_actor_sentiment_on_fixture():
    text, sentences = _article()
    lind = _mentions(text, "Mara Lind", "Lind")
    berg = _mentions(text, "Tomas Berg", "Berg")
    result = sentiment.actor_sentiments(text, sentences, {"lind": lind, "berg": berg, "none": []})
    for key, spans in (("lind", lind), ("berg", berg)):
        counts = result[key]["n_negative"] + result[key]["n_neutral"] + result[key]["n_positive"]
        assert counts == len(spans) == 2
        assert -1.0 <= result[key]["sentiment_score"] <= 1.0
    assert result["lind"]["sentiment"] == "negative"
    assert result["berg"]["sentiment"] == "positive"
    assert result["lind"]["sentiment_score"] < 0 < result["berg"]["sentiment_score"]
    assert result["none"] == {
        "sentiment": None,
        "sentiment_score": None,
        "n_negative": 0,
        "n_neutral": 0,
        "n_positive": 0,
    }
    single = sentiment.actor_sentiment(text, sentences, lind)
    assert single == result["lind"]


def test_a_mention_two_actors_share_is_judged_once(monkeypatch):
    text, sentences = _article()
    lind = _mentions(text, "Mara Lind", "Lind")
    seen = []
    real = sentiment.actors.target_probabilities

    def counting(items):
        seen.extend(items)
        return real(items)

    monkeypatch.setattr(sentiment.actors, "target_probabilities", counting)
    # The same person as an entity and as a source: the same two mentions.
    result = sentiment.actor_sentiments(text, sentences, {"entity": lind, "source": lind[::-1]})
    assert len(seen) == len(set(seen)) == 2
    assert result["entity"] == result["source"]
    assert sum(result["source"][f"n_{label}"] for label in stance.LABELS) == 2


def test_the_stated_macro_f1_is_the_shipped_model_s():
    from analysis.sentiment.tone import TARGET_SENTIMENT_MACRO_F1

    card = encoder.model_card()
    assert round(card["dev"]["int8_macro_f1"], 2) == TARGET_SENTIMENT_MACRO_F1
