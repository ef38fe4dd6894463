"""Target-dependent sentiment: accuracy on NewsMTSC and the time it adds per article.

Accuracy: macro-F1 and accuracy on the NewsMTSC dev split
(``../shared/data/newsmtsc/dev.jsonl``) for the bundled model and two sentence-level
baselines, TextBlob polarity and VADER compound, each cut into three classes at
+-0.05 (the sentence's score stands for the target's, since neither reads targets).

Speed, against a named baseline: the spaCy parse of the same article. For the bundled
sample article and, when ``../shared/data/polnear/dev.jsonl`` is there, for each
PolNeAR dev article, the article goes through the whole pipeline once to collect the
mentions it asks the model about (every entity's and source's); the model over those
mentions is then timed against the parse, each the best of ``--repeat`` runs, in the
same process. The dev run is timed too.

Exits 1 when the model's macro-F1 is below ``--min-f1`` (0.78) or the added time is
above ``--max-overhead`` (30 % of the parse); 3 when the NewsMTSC data is missing.
Usage: ``python benchmarks/sentiment_eval.py [--data DIR] [--repeat 5]``.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data"
SAMPLE = ROOT / "data" / "articles" / "china-russia-joint-exercise.txt"
sys.path.insert(0, str(ROOT))

from analysis.sentiment.tone import tone, tone_label  # noqa: E402


def _rows(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]


def macro_f1(gold: list[str], pred: list[str]) -> float:
    """Mean F1 over the labels that occur in gold or in pred."""
    scores = []
    for label in sorted(set(gold) | set(pred)):
        tp = sum(g == p == label for g, p in zip(gold, pred, strict=True))
        found, wanted = pred.count(label), gold.count(label)
        scores.append(2 * tp / (found + wanted) if found + wanted else 0.0)
    return sum(scores) / len(scores)


def accuracy_of(gold: list[str], pred: list[str]) -> float:
    return sum(g == p for g, p in zip(gold, pred, strict=True)) / len(gold)


def cold_load_seconds() -> float:
    """Seconds from a fresh interpreter to a loaded model, imports included."""
    code = (
        "import time; t = time.perf_counter(); from analysis.sentiment import load_model; "
        "load_model(); print(time.perf_counter() - t)"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    )
    return float(done.stdout.strip())


def accuracy(dev: list[dict]) -> tuple[dict[str, tuple[float, float]], float, float]:
    """Score the model and both baselines on NewsMTSC rows.

    Returns:
        ``({name: (macro-F1, accuracy)}, seconds to load the model, seconds for the
        model over all rows)``.
    """
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    from analysis import sentiment

    started = time.perf_counter()
    sentiment.load_model()
    load_s = time.perf_counter() - started
    gold = [r["label"] for r in dev]
    vader = SentimentIntensityAnalyzer()
    started = time.perf_counter()
    found = sentiment.target_sentiment_many(
        [(r["text"], r["target_start"], r["target_end"]) for r in dev]
    )
    run_s = time.perf_counter() - started
    predictions = {
        "target model": [label for label, _ in found],
        "TextBlob (sentence)": [tone_label(tone(r["text"])[0]) for r in dev],
        "VADER (sentence)": [tone_label(vader.polarity_scores(r["text"])["compound"]) for r in dev],
    }
    scores = {
        name: (macro_f1(gold, pred), accuracy_of(gold, pred)) for name, pred in predictions.items()
    }
    return scores, load_s, run_s


def _best_of(repeat: int, work) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        work()
        times.append(time.perf_counter() - started)
    return min(times)


def article_times(text: str, repeat: int) -> tuple[float, float, int]:
    """Time the spaCy parse of one article and the model over the mentions the pipeline asks.

    Returns:
        ``(parse seconds, model seconds, number of mentions)``, each the best of ``repeat``.
    """
    from analysis.article import Article
    from analysis.nlp import get_nlp
    from analysis.pipeline import analyze_doc
    from analysis.sentiment import actors

    nlp = get_nlp()
    doc = nlp(text)
    asked: list = []
    real = actors.target_probabilities

    def recording(items):
        asked.extend(items)
        return real(items)

    actors.target_probabilities = recording
    try:
        analyze_doc(Article(id="timed", text=text), doc)
    finally:
        actors.target_probabilities = real
    parse_s = _best_of(repeat, lambda: nlp(text))
    model_s = _best_of(repeat, lambda: real(asked))
    return parse_s, model_s, len(asked)


#: Exit status for "the evaluation data is not here", which run_all.py counts apart.
SKIPPED = 3


def main(argv: list[str] | None = None) -> int:
    """Print the accuracy table and the time added; return the exit status."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--min-f1", type=float, default=0.78)
    parser.add_argument("--max-overhead", type=float, default=0.30)
    args = parser.parse_args(argv)
    dev_path = args.data / "newsmtsc" / "dev.jsonl"
    if not dev_path.is_file():
        print(f"sentiment_eval: skipped: {dev_path}: not found (pass --data)", file=sys.stderr)
        return SKIPPED
    dev = _rows(dev_path)
    scores, load_s, run_s = accuracy(dev)
    print(f"NewsMTSC dev, {len(dev)} target mentions")
    print(f"{'method':<22}{'macro-F1':>9}{'accuracy':>10}")
    for name, (f1, acc) in scores.items():
        print(f"{name:<22}{f1:>9.3f}{acc:>10.3f}")
    print(f"model load: {load_s:.2f} s warm, {cold_load_seconds():.2f} s from a fresh process")
    print(
        f"model over the {len(dev)} dev mentions: {run_s:.2f} s "
        f"({run_s / len(dev) * 1e3:.1f} ms a mention)"
    )

    articles = [(SAMPLE.name, SAMPLE.read_text(encoding="utf-8"))]
    polnear = args.data / "polnear" / "dev.jsonl"
    if polnear.is_file():
        articles += [(r.get("doc_id", "polnear"), r["text"]) for r in _rows(polnear)]
    timed = [article_times(text, args.repeat) for _, text in articles]
    parse_s, model_s, n = timed[0]
    print(
        f"{SAMPLE.name}: spaCy parse {parse_s * 1e3:.1f} ms, model over {n} mentions "
        f"{model_s * 1e3:.1f} ms (+{model_s / parse_s:.0%})"
    )
    total_parse = sum(t[0] for t in timed)
    total_model = sum(t[1] for t in timed)
    mentions = statistics.mean(t[2] for t in timed)
    print(
        f"{len(timed)} articles: mean spaCy parse {total_parse / len(timed) * 1e3:.1f} ms, "
        f"mean model {total_model / len(timed) * 1e3:.1f} ms over {mentions:.0f} mentions "
        f"(+{total_model / total_parse:.0%} per article)"
    )
    failed = []
    if scores["target model"][0] < args.min_f1:
        failed.append(f"macro-F1 {scores['target model'][0]:.3f} < {args.min_f1}")
    if total_model / total_parse > args.max_overhead:
        failed.append(f"time added {total_model / total_parse:.0%} > {args.max_overhead:.0%}")
    for reason in failed:
        print(f"sentiment_eval: FAIL: {reason}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
