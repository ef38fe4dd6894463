"""The reports index: one offline ``index.html`` that lists every briefing in a reports folder.

It is the page to share with a reports folder: title, date, outlet, number of
sources, overall tone, status and a link to each ``briefing.html``. Every value
comes from the report's own ``manifest.json`` and ``analysis.json`` and is escaped;
the page carries no script and its Content-Security-Policy allows none.
"""

from __future__ import annotations

import html
import math
import os
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

from analysis.article import printable
from analysis.ingest.records import parse_json
from analysis.ingest.textio import read_limited
from analysis.outputs import OutputError
from analysis.sentiment.tone import NEGATIVE_BELOW, POSITIVE_ABOVE
from analysis.sentiment.tone import tone_label as label_tone

#: Tone labels use the report's own thresholds when its manifest has them.

_CSP = (
    "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; "
    "form-action 'none'"
)
_STYLE = """
body { font: 15px/1.45 system-ui, sans-serif; margin: 2rem auto; max-width: 72rem;
       padding: 0 1rem; color: #1f2328; }
h1 { font-size: 1.5rem; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; padding: .45rem .6rem; border-bottom: 1px solid #d0d7de;
         vertical-align: top; }
th { background: #f6f8fa; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
.failed { color: #b42318; font-weight: 600; }
.muted { color: #656d76; }
"""


@dataclass
class Entry:
    """One report as the index shows it."""

    folder: str
    title: str
    date: str | None
    outlet: str | None
    n_sources: int | None
    tone: float | None
    tone_label: str
    status: str
    error: str | None
    has_html: bool


def _read_json(path: Path) -> dict:
    # A report folder may hold anything (a FIFO, a huge or hostile file): read it
    # as untrusted input, within the ingest limits, and skip it if it is not an object.
    try:
        data = parse_json(read_limited(path, str(path)).decode("utf-8"), str(path))
    except ValueError:  # IngestError and UnicodeDecodeError among them
        return {}
    return data if isinstance(data, dict) else {}


def _object(value: object) -> dict:
    return value if isinstance(value, dict) else {}


def _text(value: object) -> str | None:
    """A field shown as text: strings and numbers as they are, anything else left out."""
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        return None
    return str(value)


def _number(value: object) -> float | None:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    return value if math.isfinite(value) else None


def recorded_tone(analysis: dict) -> float | None:
    """The word-level tone of the whole body that ``analysis.json`` records, or None.

    Only for reports whose manifest lacks a summary. The tone is read, never computed
    again here: the briefing's own rule (:func:`analysis.briefing.summary.overall_tone`)
    wrote it.
    """
    return _number(_object(analysis.get("tone")).get("polarity"))


def tone_label(tone: float | None, parameters: dict) -> str:
    """Say ``negative``, ``neutral`` or ``positive`` using the report's thresholds."""
    if tone is None:
        return "unknown"
    low = parameters.get("negative_below", NEGATIVE_BELOW)
    high = parameters.get("positive_above", POSITIVE_ABOVE)
    # A hand-edited manifest may hold anything; fall back to the defaults then.
    if not isinstance(low, (int, float)) or isinstance(low, bool):
        low = NEGATIVE_BELOW
    if not isinstance(high, (int, float)) or isinstance(high, bool):
        high = POSITIVE_ABOVE
    return label_tone(tone, low, high)


def read_entry(folder: Path) -> Entry | None:
    """Read one report folder, or return None if it holds no report."""
    manifest = _read_json(folder / "manifest.json")
    analysis = _read_json(folder / "analysis.json")
    if not manifest and not analysis:
        return None
    # Hand-edited or hostile files may give any field any type: each is checked.
    article = _object(analysis.get("article"))
    shown = _object(manifest.get("article"))
    parameters = _object(manifest.get("parameters"))
    summary = _object(manifest.get("summary"))
    tone = _number(summary.get("tone"))
    label = _text(summary.get("tone_label"))
    if tone is None:
        tone = recorded_tone(analysis)
        label = tone_label(tone, parameters)
    sources = analysis.get("sources")
    n_sources = summary.get("n_sources")
    if not isinstance(n_sources, int) or isinstance(n_sources, bool):
        n_sources = len(sources) if isinstance(sources, list) else None
    return Entry(
        folder=folder.name,
        title=_text(shown.get("title")) or _text(article.get("title")) or folder.name,
        date=_text(shown.get("published")) or _text(article.get("published")),
        outlet=_text(shown.get("outlet")) or _text(article.get("outlet")),
        n_sources=n_sources,
        tone=tone,
        tone_label=label or "unknown",
        status=_text(manifest.get("status")) or "unknown",
        error=_text(manifest.get("error")),
        has_html=(folder / "briefing.html").is_file(),
    )


def collect(reports_dir: str | Path) -> list[Entry]:
    """Every report under a folder, newest first, then by folder name.

    Hidden folders (work in progress, ``.tmp-*``) are left out.
    """
    root = Path(reports_dir)
    entries = [
        entry
        for child in sorted(root.iterdir())
        if child.is_dir() and not child.name.startswith(".")
        for entry in [read_entry(child)]
        if entry is not None
    ]
    entries.sort(key=lambda e: e.folder)
    entries.sort(key=lambda e: str(e.date or "")[:10], reverse=True)
    return entries


def _cell(value: object, css: str = "") -> str:
    shown = "" if value is None else html.escape(str(value))
    return f'<td class="{css}">{shown}</td>' if css else f"<td>{shown}</td>"


def _row(entry: Entry) -> str:
    title = html.escape(entry.title)
    if entry.has_html:
        # A folder name that is not UTF-8 links to its own bytes.
        href = quote(entry.folder, errors="surrogateescape") + "/briefing.html"
        href = html.escape(href, quote=True)
        title = f'<a href="{href}">{title}</a>'
    status = html.escape(entry.status)
    if entry.status != "ok":
        status = f'<span class="failed" title="{html.escape(entry.error or "", quote=True)}">'
        status += f"{html.escape(entry.status)}</span>"
    tone = "" if entry.tone is None else f"{entry.tone:+.2f} "
    return (
        "<tr>"
        f"<td>{title}</td>"
        + _cell(str(entry.date)[:10] if entry.date else "undated")
        + _cell(entry.outlet)
        + _cell(entry.n_sources, "num")
        + _cell(f"{tone}{entry.tone_label}")
        + f"<td>{status}</td>"
        + "</tr>"
    )


def report_counts(entries: list[Entry]) -> str:
    """Say how many reports are good and how many failed: ``"28 reports, 2 failed"``.

    A folder whose status is neither ``ok`` nor ``failed`` (a manifest that is
    missing or hand-edited) is counted apart, as ``unknown``.
    """
    good = sum(1 for entry in entries if entry.status == "ok")
    failed = sum(1 for entry in entries if entry.status == "failed")
    other = len(entries) - good - failed
    parts = [f"{good} report" + ("" if good == 1 else "s")]
    if failed:
        parts.append(f"{failed} failed")
    if other:
        parts.append(f"{other} of unknown status")
    return ", ".join(parts)


def render_index(entries: list[Entry], heading: str = "newsbrief reports") -> str:
    """Return the index page for a list of reports."""
    rows = "\n".join(_row(e) for e in entries) or (
        '<tr><td colspan="6" class="muted">No reports yet.</td></tr>'
    )
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="{_CSP}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{html.escape(heading)}</title>
<style>{_STYLE}</style>
</head>
<body>
<h1>{html.escape(heading)}</h1>
<p class="muted">{report_counts(entries)}. Tone is the TextBlob polarity of the
article body, from -1 (negative) to +1 (positive): word-level tone, not stance.</p>
<table>
<thead><tr><th>Title</th><th>Date</th><th>Outlet</th><th>Sources</th><th>Tone</th>
<th>Status</th></tr></thead>
<tbody>
{rows}
</tbody>
</table>
</body>
</html>
"""


def write_index(reports_dir: str | Path = "reports") -> Path:
    """Write ``index.html`` into a reports folder, replacing any earlier one atomically.

    Args:
        reports_dir: The reports folder.

    Returns:
        The path of ``index.html``.
    """
    root = Path(reports_dir)
    if not root.is_dir():
        if root.exists():
            raise OutputError(root, "is a file, not a reports folder")
        raise FileNotFoundError(2, "no such reports folder", str(root))
    page = render_index(collect(root))
    target = root / "index.html"
    partial = root / f".index.html.{os.getpid()}.tmp"
    partial.write_text(printable(page), encoding="utf-8")
    os.replace(partial, target)
    return target
