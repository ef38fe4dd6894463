"""Fetching an article's page from a URL: served here by a loopback http.server."""

from __future__ import annotations

import json
import socket
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from analysis import cli
from analysis.article import IngestError
from analysis.ingest.fetch import fetch_page, is_url, load_url

NOTEBOOK = Path(__file__).resolve().parents[1] / "fixtures" / "notebooks" / "briefing_min.ipynb"

STORY = """<!doctype html>
<html><head><meta charset="utf-8">
<title>Harbour council approves sea wall | Harbour Times</title>
<meta property="og:site_name" content="Harbour Times">
</head><body><nav>Home | News | Sport</nav>
<article><h1>Harbour council approves sea wall</h1>
<p>The harbour council approved a new sea wall on Tuesday after a long debate about cost.</p>
<p>"We have waited ten years for this wall," said Maria Lopez, who chairs the council.</p>
<p>Fishermen said the work would close the old slipway for most of the summer season.</p>
</article><footer>Copyright Harbour Times</footer></body></html>
"""

PAGES = {
    "/story.html": (200, "text/html; charset=utf-8", STORY.encode()),
    "/notes.txt": (
        200,
        "text/plain",
        b"Notes\n\nThe harbour council met on Tuesday evening "
        b"and approved the wall after a long and heated debate.\n",
    ),  # fmt: skip
    "/report.pdf": (200, "application/pdf", b"%PDF-1.4 not a page"),
    "/empty.html": (200, "text/html", b""),
    "/menu.html": (200, "text/html", b"<html><body><nav>Home News</nav></body></html>"),
}


class _Handler(BaseHTTPRequestHandler):
    def log_message(self, *args):  # keep the test output clean
        pass

    def do_GET(self):  # noqa: N802 - http.server's name
        if self.path == "/slow.html":
            time.sleep(2)
        if self.path == "/to-ftp":
            self.send_response(302)
            self.send_header("Location", "ftp://127.0.0.1/story.html")
            self.end_headers()
            return
        if self.path == "/moved":
            self.send_response(301)
            self.send_header("Location", "/story.html")
            self.end_headers()
            return
        status, kind, body = PAGES.get(self.path, (404, "text/html", b"<p>not found</p>"))
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


class _Server(ThreadingHTTPServer):
    def handle_error(self, request, client_address):
        pass  # a client that gave up (the timeout test) is not an error here


@pytest.fixture(scope="module")
def server():
    httpd = _Server(("127.0.0.1", 0), _Handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_urls_are_told_from_files():
    assert is_url("http://example.org/a") and is_url("HTTPS://example.org")
    assert is_url("ftp://example.org/a")  # a URL, refused when fetched
    assert not is_url("data/articles/story.txt") and not is_url("C:\\story.txt")


def test_a_page_is_read_as_a_saved_page_and_keeps_its_url(server):
    article = load_url(f"{server}/story.html")
    assert article.url == article.source_path == f"{server}/story.html"
    assert article.id == "story"
    assert article.title.startswith("Harbour council approves sea wall")
    assert "Maria Lopez" in article.text and "Home | News" not in article.text
    assert len(article.sha256) == 64


def test_redirects_are_followed_and_plain_text_is_read(server):
    assert "Maria Lopez" in load_url(f"{server}/moved").text
    notes = load_url(f"{server}/notes.txt")
    assert notes.title == "Notes" and "approved the wall" in notes.text


@pytest.mark.parametrize(
    "path, problem",
    [
        ("/missing.html", "HTTP 404"),
        ("/report.pdf", "not a web page (the server sent application/pdf)"),
        ("/empty.html", "empty page"),
        ("/menu.html", "no article text found"),
        ("/to-ftp", "redirected to a ftp: URL"),
    ],
)
def test_what_cannot_be_read_is_one_line_naming_the_url(server, path, problem):
    with pytest.raises(IngestError) as caught:
        load_url(f"{server}{path}")
    message = str(caught.value)
    assert message.startswith(f"{server}{path}: ") and problem in message
    assert "\n" not in message


def test_a_slow_server_and_a_big_page_hit_their_limits(server):
    with pytest.raises(IngestError, match="no answer within 0.5 seconds"):
        fetch_page(f"{server}/slow.html", timeout=0.5)
    with pytest.raises(IngestError, match="larger than"):
        fetch_page(f"{server}/story.html", limit=100)


@pytest.mark.parametrize(
    "url, problem",
    [
        ("file:///etc/passwd", "only http:// and https:// URLs"),
        ("ftp://127.0.0.1/story.html", "only http:// and https:// URLs"),
        ("http:///story.html", "no host"),
    ],
)
def test_other_schemes_are_refused_before_anything_is_fetched(url, problem):
    with pytest.raises(IngestError, match=problem):
        fetch_page(url)


def test_extract_url_prints_the_analysis(server, capsys):
    url = f"{server}/story.html"
    assert cli.main(["extract", url, "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["article"]["url"] == url and data["article"]["source_path"] == url
    # The page's <title> ends in the site's name; the article's title does not.
    assert data["article"]["title"] == "Harbour council approves sea wall"
    assert any(q["speaker"] == "Maria Lopez" for q in data["quotes"])


def test_unreachable_server_is_one_line_and_exit_2(capsys):
    url = f"http://127.0.0.1:{_closed_port()}/story.html"
    assert cli.main(["extract", url]) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith(f"newsbrief: error: {url}: cannot fetch") and "\n" not in err
    assert cli.main(["report", url, "--out", "reports-never-written"]) == 2
    assert not Path("reports-never-written").exists()


def test_report_url_records_the_url(server, tmp_path):
    from analysis.report.runner import run_report

    url = f"{server}/story.html"
    result = run_report(url, out=tmp_path, notebook=NOTEBOOK)
    assert result.ok, result.error
    manifest = json.loads((result.folder / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["input"] == url
    analysis = json.loads((result.folder / "analysis.json").read_text(encoding="utf-8"))
    assert analysis["article"]["url"] == url
