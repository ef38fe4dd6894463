"""Hostile article text stays text: in the report folder, the notebook, and a real browser.

The fixture article carries a script tag, an ``onerror`` handler, a ``javascript:``
link, template syntax and Python code. Each script payload would set a marker
("PWNED", built at run time so the escaped text never contains it) that the
browser test looks for in the DOM that headless Chromium leaves behind.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import nbformat
import pytest

from analysis.report.runner import run_report

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
HOSTILE = FIXTURES / "report" / "hostile.txt"
RAW_NOTEBOOK = FIXTURES / "notebooks" / "briefing_raw_html.ipynb"
MARKER_FILE = Path("/tmp/newsbrief-hostile-marker")  # named in the article's Python payload
MARKER = "PWNED"


def find_chromium() -> str | None:
    """The headless browser, if one is installed (``make browser`` installs Debian's)."""
    for name in ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable"):
        if found := shutil.which(name):
            return found
    return None


def dump_dom(page: Path, profile: Path) -> str:
    """Load a page in headless Chromium, let its scripts run, and return the final DOM."""
    browser = find_chromium()
    command = [
        browser,
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        f"--user-data-dir={profile}",
        "--virtual-time-budget=3000",
        "--dump-dom",
        page.resolve().as_uri(),
    ]
    done = subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout


needs_chromium = pytest.mark.skipif(
    find_chromium() is None,
    reason="headless Chromium not found (make browser installs Debian's chromium package)",
)


@pytest.fixture(scope="module")
def hostile_report(tmp_path_factory):
    MARKER_FILE.unlink(missing_ok=True)
    result = run_report(HOSTILE, out=tmp_path_factory.mktemp("reports"))
    assert result.ok, result.error
    return result.folder


def assert_no_live_markup(page: str) -> None:
    assert not re.search(r"<script", page, re.I)
    assert not re.search(r"<[a-z][^>]*\son[a-z]+\s*=", page, re.I)
    assert not re.search(r"""<a[^>]+href\s*=\s*["']?\s*javascript:""", page, re.I)
    assert not re.search(r"<iframe|<object|<embed", page, re.I)


def test_hostile_text_is_escaped_in_the_report(hostile_report):
    page = (hostile_report / "briefing.html").read_text(encoding="utf-8")
    assert_no_live_markup(page)
    assert "&lt;script&gt;document.body.setAttribute(" in page
    assert "&lt;img src=x onerror=document.title=String.fromCharCode(" in page
    assert "{{ 7*7 }}" in page and "{{ request.application.__globals__ }}" in page
    assert "__import__(&#x27;os&#x27;)" in page or "__import__('os')" in page
    for speaker in ("Maria Lopez", "Tom Baker", "Ana Silva"):
        assert speaker in page
    assert not MARKER_FILE.exists()


def test_hostile_text_never_reaches_notebook_code(hostile_report):
    nb = nbformat.read(hostile_report / "briefing.ipynb", as_version=4)
    code = "\n".join(c.source for c in nb.cells if c.cell_type == "code")
    for fragment in ("fromCharCode", "setAttribute", "request.application", "Maria Lopez"):
        assert fragment not in code


@needs_chromium
def test_chromium_runs_scripts_in_this_setup(tmp_path):
    # Without this control, a browser that never ran scripts would pass the tests below.
    page = tmp_path / "control.html"
    page.write_text(
        "<!DOCTYPE html><html><head><title>x</title></head><body>"
        "<script>document.title = 'PW' + 'NED';</script></body></html>",
        encoding="utf-8",
    )
    assert f"<title>{MARKER}</title>" in dump_dom(page, tmp_path / "profile")


@needs_chromium
def test_nothing_runs_in_chromium(hostile_report, tmp_path):
    dom = dump_dom(hostile_report / "briefing.html", tmp_path / "profile")
    assert MARKER not in dom
    assert "data-x" not in dom.split("<body", 1)[1].split(">", 1)[0]
    assert "&lt;script&gt;document.body.setAttribute(" in dom
    assert "We will not back down" in dom
    for speaker in ("Maria Lopez", "Tom Baker", "Ana Silva"):
        assert speaker in dom


@needs_chromium
def test_raw_html_outputs_are_neutralised(tmp_path):
    # A notebook that (wrongly) shows the article as raw HTML and emits JavaScript:
    # the page sanitiser and the Content-Security-Policy must still stop both.
    result = run_report(HOSTILE, out=tmp_path / "reports", notebook=RAW_NOTEBOOK)
    assert result.ok, result.error
    page = (result.folder / "briefing.html").read_text(encoding="utf-8")
    assert_no_live_markup(page)
    assert "We will not back down" in page
    dom = dump_dom(result.folder / "briefing.html", tmp_path / "profile")
    assert MARKER not in dom
    assert "PWNED-JS" not in dom
