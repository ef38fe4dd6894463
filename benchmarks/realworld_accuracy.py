"""Who said what on real web pages: newsbrief's attributions scored against a hand-made set.

Reads every raw page of the real-world dev set (``pages/<page_id>.html``) through
newsbrief's own ingestion and analysis, writes ``<page_id>.json`` exactly as
``newsbrief extract PAGE --format json`` would, runs the shared scorer
``score_realworld.py`` on them and prints its figures: precision and recall of the
quotes (all, direct/mixed, indirect), quote + speaker F1, speaker accuracy, source
typing and the share of junk sources. Exits 3 (skipped) when the data is absent.

Usage::

    .venv/bin/python benchmarks/realworld_accuracy.py [GOLD.jsonl] [--pages DIR] [--pred DIR]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from analysis.ingest.files import load_article  # noqa: E402
from analysis.pipeline import analyze  # noqa: E402

DATA = ROOT.parent / "shared" / "data" / "realworld"
DEFAULT_GOLD = DATA / "dev.jsonl"
DEFAULT_SCORER = ROOT.parent / "shared" / "eval" / "score_realworld.py"

#: Exit status for "no evaluation data here", which run_all.py counts as skipped.
SKIPPED = 3


def page_ids(gold: Path) -> list[str]:
    """Return the page ids of a gold file, in file order."""
    with gold.open(encoding="utf-8") as fh:
        return [json.loads(line)["page_id"] for line in fh if line.strip()]


def predict(ids: list[str], pages: Path, out: Path) -> None:
    """Analyse each page and write its ``newsbrief extract`` JSON into ``out``.

    Args:
        ids: Page ids; ``pages/<id>.html`` is read for each.
        pages: Folder of the raw pages.
        out: Folder the ``<id>.json`` predictions go to.
    """
    out.mkdir(parents=True, exist_ok=True)
    for page_id in ids:
        analysis = analyze(load_article(str(pages / f"{page_id}.html")))
        (out / f"{page_id}.json").write_text(analysis.to_json(indent=2) + "\n", encoding="utf-8")


def score(gold: Path, scorer: Path, pred: Path) -> dict:
    """Run the shared scorer on a folder of predictions and return its figures."""
    with tempfile.TemporaryDirectory() as tmp:
        figures = Path(tmp) / "figures.json"
        subprocess.run(
            [sys.executable, str(scorer), str(gold), str(pred), "--json", str(figures)],
            capture_output=True,
            text=True,
            check=True,
        )
        return json.loads(figures.read_text(encoding="utf-8"))


def summary(figures: dict) -> list[str]:
    """The figures worth watching, one line each, in percent."""

    def pct(value: float) -> str:
        return f"{100 * value:.1f}"

    overall, sources = figures["overall"], figures["sources"]
    lines = [
        f"all          P {pct(overall['precision'])} R {pct(overall['recall'])} "
        f"F1 {pct(overall['f1'])} (gold {figures['gold_items']}, TP {figures['tp']}, "
        f"FP {figures['fp']}, misses {figures['fn']})"
    ]
    for kind in ("direct/mixed", "indirect"):
        row = figures[kind]
        lines.append(
            f"{kind:12} P {pct(row['precision'])} R {pct(row['recall'])} F1 {pct(row['f1'])}"
        )
    lines.append(f"quote+speaker F1 {pct(figures['quote_speaker']['f1'])}")
    lines.append(f"speaker accuracy {pct(figures['resolved_speaker_accuracy'])}")
    lines.append(
        f"sources: recall {pct(sources['source_recall'])}, type strict "
        f"{pct(sources['type_accuracy_strict'])}, lenient {pct(sources['type_accuracy_lenient'])}, "
        f"junk {sources['junk_sources']} of {sources['predicted_sources']} "
        f"({pct(sources['junk_share'])}), country {pct(sources['country_accuracy'])} "
        f"({sources['country_given_where_text_gives_none']} given where the text gives none)"
    )
    return lines


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark; return the exit status."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("gold", nargs="?", type=Path, default=DEFAULT_GOLD)
    ap.add_argument("--pages", type=Path, default=None, help="raw pages (default: beside GOLD)")
    ap.add_argument("--scorer", type=Path, default=DEFAULT_SCORER)
    ap.add_argument("--pred", type=Path, default=None, help="keep the predictions here")
    args = ap.parse_args(argv)
    pages = args.pages or args.gold.parent / "pages"
    if not args.gold.is_file() or not args.scorer.is_file() or not pages.is_dir():
        print(f"{args.gold}, {pages} or {args.scorer}: not found; skipped")
        return SKIPPED
    with tempfile.TemporaryDirectory() as tmp:
        pred = args.pred or Path(tmp)
        predict(page_ids(args.gold), pages, pred)
        figures = score(args.gold, args.scorer, pred)
    print(f"real-world {args.gold.name}: scoring the quotes table (statements only)")
    for line in summary(figures):
        print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
