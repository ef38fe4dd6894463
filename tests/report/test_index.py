"""The reports index: every report listed, newest first, escaped, written atomically."""

from __future__ import annotations

import json
import re
from pathlib import Path

from analysis import cli
from analysis.report.index import collect, report_counts, write_index


def make_report(
    root: Path,
    name: str,
    title: str,
    published: str | None,
    status: str = "ok",
    outlet: str | None = "Harbour Gazette",
    n_sources: int = 2,
    tone: float | None = 0.2,
) -> Path:
    folder = root / name
    (folder / "tables").mkdir(parents=True)
    article = {"title": title, "published": published, "outlet": outlet, "text": "Body."}
    sources = [{"source_id": i + 1, "name": f"S{i}"} for i in range(n_sources)]
    sentences = [{"text": "Body.", "polarity": 0.5}]
    (folder / "analysis.json").write_text(
        json.dumps(
            {
                "schema": "newsbrief/1",
                "article": article,
                "sources": sources,
                "sentences": sentences,
                "tone": {"polarity": 0.5, "subjectivity": 0.4},
            }
        ),
        encoding="utf-8",
    )
    manifest = {
        "status": status,
        "error": None if status == "ok" else "ValueError: top_n must be at least 1",
        "article": {"title": title, "published": published, "outlet": outlet},
        "parameters": {"negative_below": -0.05, "positive_above": 0.05},
    }
    if tone is not None:
        manifest["summary"] = {"n_sources": n_sources, "tone": tone, "tone_label": "positive"}
    (folder / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    (folder / "briefing.html").write_text("<html></html>", encoding="utf-8")
    return folder


def test_index_lists_reports_newest_first(tmp_path):
    make_report(tmp_path, "2024-01-02_b_00000002", "Older story", "2024-01-02")
    make_report(tmp_path, "2024-03-01_a_00000001", "Newer story", "2024-03-01")
    make_report(tmp_path, "undated_c_00000003", "Undated story", None, tone=None)
    make_report(tmp_path, "2024-03-01_z_00000004.failed", "Broken story", "2024-03-01", "failed")
    (tmp_path / ".tmp-2024-05-05_x_00000005-123").mkdir()  # a run in progress
    (tmp_path / "notes").mkdir()  # not a report

    entries = collect(tmp_path)
    assert [e.folder for e in entries] == [
        "2024-03-01_a_00000001",
        "2024-03-01_z_00000004.failed",
        "2024-01-02_b_00000002",
        "undated_c_00000003",
    ]
    # Without a summary in the manifest, tone is the one analysis.json records.
    assert entries[-1].tone == 0.5 and entries[-1].tone_label == "positive"

    path = write_index(tmp_path)
    assert path == tmp_path / "index.html"
    page = path.read_text(encoding="utf-8")
    assert page.index("Newer story") < page.index("Older story") < page.index("Undated story")
    assert 'href="2024-03-01_a_00000001/briefing.html"' in page
    assert "Harbour Gazette" in page and "+0.20 positive" in page
    assert re.search(r'class="failed"[^>]*>failed<', page)
    assert ".tmp-" not in page and "notes" not in page
    assert not re.search(r"<script", page, re.I)
    assert sorted(p.name for p in tmp_path.iterdir() if p.is_file()) == ["index.html"]


def test_index_escapes_everything(tmp_path):
    hostile = "<script>alert(1)</script><img src=x onerror=alert(2)>"
    make_report(tmp_path, "2024-01-01_h_00000001", hostile, "2024-01-01", outlet="<b>Out</b>")
    page = write_index(tmp_path).read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=alert(2)&gt;" in page
    assert "&lt;b&gt;Out&lt;/b&gt;" in page
    assert "<script" not in page and "<img" not in page


def test_index_command_prints_the_page(tmp_path, capsys):
    make_report(tmp_path, "2024-01-01_a_00000001", "A story", "2024-01-01")
    assert cli.main(["index", str(tmp_path)]) == 0
    assert capsys.readouterr().out.strip() == str(tmp_path / "index.html")
    assert cli.main(["index", str(tmp_path / "missing")]) == 2


def test_index_counts_good_and_failed_reports_apart(tmp_path):
    make_report(tmp_path, "2024-01-02_b_00000002", "Good one", "2024-01-02")
    make_report(tmp_path, "2024-01-03_c_00000003", "Good two", "2024-01-03")
    make_report(tmp_path, "2024-03-01_z_00000004.failed", "Broken", "2024-03-01", "failed")
    page = write_index(tmp_path).read_text(encoding="utf-8")
    assert "2 reports, 1 failed." in page
    assert "report(s)" not in page
    assert report_counts(collect(tmp_path)[-1:]) == "1 report"
