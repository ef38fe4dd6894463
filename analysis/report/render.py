"""Render an executed briefing notebook as one self-contained, offline HTML page.

A good report shows outputs only: code, prompts, the ``parameters`` cell and the
cell papermill injects are left out. A failed report keeps the failing cell's
code and traceback, so a reader can see what went wrong without opening Jupyter.

The page is safe to forward. The ``newsbrief`` template (``analysis/report/templates``)
drops every script tag that nbconvert's JupyterLab template would load from a
CDN and sets a Content-Security-Policy that allows no script and no remote
resource. Outputs are sanitised on top: HTML and Markdown outputs pass through
bleach with a list of layout tags and inline styles, and output types that could
carry script (JavaScript, widgets, SVG) are removed. Figures are PNG outputs and
go into the page as ``data:`` URIs.
"""

from __future__ import annotations

import re
from pathlib import Path

import bleach
import nbformat
import tinycss2
from bleach.css_sanitizer import CSSSanitizer
from nbconvert import HTMLExporter
from nbconvert.preprocessors import TagRemovePreprocessor
from nbconvert.preprocessors.sanitize import SanitizeHTML
from traitlets.config import Config

TEMPLATES = Path(__file__).parent / "templates"
TEMPLATE = "newsbrief"

#: Cells with these tags never reach the page.
HIDDEN_CELL_TAGS = {"parameters", "injected-parameters"}
#: Set on code cells of a failed run whose code is not worth showing.
HIDE_INPUT_TAG = "newsbrief-hide-input"

#: Layout tags the briefing's HTML outputs may use; anything else is shown as text.
ALLOWED_TAGS = frozenset(
    "a abbr b blockquote br caption code col colgroup dd del details div dl dt em figcaption "
    "figure h1 h2 h3 h4 h5 h6 hr i ins kbd li mark ol p pre q s small span strong sub summary "
    "sup table tbody td tfoot th thead tr u ul".split()
)
_COMMON_ATTRIBUTES = ["class", "id", "title", "style", "lang", "dir", "role", "aria-label"]
ALLOWED_ATTRIBUTES = {
    "*": _COMMON_ATTRIBUTES,
    "a": [*_COMMON_ATTRIBUTES, "href", "name"],
    "td": [*_COMMON_ATTRIBUTES, "colspan", "rowspan", "align"],
    "th": [*_COMMON_ATTRIBUTES, "colspan", "rowspan", "align", "scope"],
    "col": [*_COMMON_ATTRIBUTES, "span"],
    "ol": [*_COMMON_ATTRIBUTES, "start"],
    "details": [*_COMMON_ATTRIBUTES, "open"],
}
#: Inline CSS properties kept in outputs; a value that calls ``url()`` or any
#: other function than a colour or ``calc`` is dropped, so no style fetches anything.
ALLOWED_STYLES = frozenset(
    "background background-color border border-color border-bottom border-collapse "
    "border-left border-radius border-right border-spacing border-top color display "
    "font-family font-size font-style font-variant font-weight height line-height margin "
    "margin-bottom margin-left margin-right margin-top max-width min-width opacity "
    "outline padding padding-bottom padding-left padding-right padding-top text-align "
    "text-decoration text-transform vertical-align white-space width word-break".split()
)
_STYLE_ELEMENT = re.compile(r"<style\b[^>]*>.*?</style\s*>", re.IGNORECASE | re.DOTALL)
#: Output types shown as they are: text, data and base64 raster images.
SAFE_OUTPUT_KEYS = {"metadata", "text/plain", "image/png", "image/jpeg"}


_CSS_FUNCTIONS = frozenset({"rgb", "rgba", "hsl", "hsla", "calc"})


def _fetches(tokens) -> bool:
    for token in tokens or []:
        if token.type == "url":
            return True
        if token.type == "function" and (
            token.lower_name not in _CSS_FUNCTIONS or _fetches(token.arguments)
        ):
            return True
    return False


class _SafeCSS(CSSSanitizer):
    """bleach's CSS sanitiser, which also drops declarations whose value could load a resource."""

    def sanitize_css(self, style: str) -> str:
        kept = [
            d
            for d in tinycss2.parse_declaration_list(
                style, skip_comments=True, skip_whitespace=True
            )
            if d.type == "declaration" and not _fetches(d.value)
        ]
        return super().sanitize_css("; ".join(tinycss2.serialize([d]) for d in kept))


class _OutputSanitizer(SanitizeHTML):
    """nbconvert's sanitiser, applied to outputs only.

    Markdown cells are part of the notebook (project code), not article data;
    running them through bleach would escape Markdown syntax such as ``>``.
    """

    def preprocess_cell(self, cell, resources, cell_index):
        if cell.cell_type == "markdown":
            return cell, resources
        return super().preprocess_cell(cell, resources, cell_index)

    def sanitize_html_tags(self, html_str):
        # pandas puts a <style scoped> block before each table; the template carries
        # those rules instead, and bleach would otherwise show the CSS as text.
        html_str = _STYLE_ELEMENT.sub("", html_str)
        return bleach.clean(
            html_str,
            tags=self.tags,
            attributes=self.attributes,
            protocols=["http", "https", "mailto"],
            strip=False,
            strip_comments=True,
            css_sanitizer=_SafeCSS(allowed_css_properties=self.styles),
        )


def _exporter(failed: bool) -> HTMLExporter:
    config = Config()
    config.TagRemovePreprocessor.enabled = True
    config.TagRemovePreprocessor.remove_cell_tags = set(HIDDEN_CELL_TAGS)
    config.TagRemovePreprocessor.remove_input_tags = {HIDE_INPUT_TAG}
    exporter = HTMLExporter(
        config=config,
        extra_template_basedirs=[str(TEMPLATES)],
        template_name=TEMPLATE,
        exclude_input=not failed,
        exclude_input_prompt=True,
        exclude_output_prompt=True,
        exclude_anchor_links=True,
        embed_images=True,
        mathjax_url="",
        require_js_url="",
        jquery_url="",
        widget_renderer_url="",
    )
    exporter.register_preprocessor(TagRemovePreprocessor(config=config), enabled=True)
    exporter.register_preprocessor(
        _OutputSanitizer(
            tags=sorted(ALLOWED_TAGS),
            attributes=ALLOWED_ATTRIBUTES,
            styles=sorted(ALLOWED_STYLES),
            safe_output_keys=SAFE_OUTPUT_KEYS,
            sanitized_output_types={"text/html", "text/markdown"},
        ),
        enabled=True,
    )
    return exporter


def failing_cell(nb: nbformat.NotebookNode) -> int | None:
    """Return the index of the cell whose execution raised, or None.

    Papermill marks it in the cell's metadata; an ``error`` output is the fallback.
    """
    for index, cell in enumerate(nb.cells):
        if cell.get("metadata", {}).get("papermill", {}).get("exception"):
            return index
    for index, cell in enumerate(nb.cells):
        if any(out.get("output_type") == "error" for out in cell.get("outputs", [])):
            return index
    return None


def _mark_failure(nb: nbformat.NotebookNode) -> None:
    # In a failed run only the failing cell shows its code, next to its traceback.
    failed = failing_cell(nb)
    for index, cell in enumerate(nb.cells):
        if cell.cell_type != "code" or index == failed:
            continue
        tags = cell.setdefault("metadata", {}).setdefault("tags", [])
        if HIDE_INPUT_TAG not in tags:
            tags.append(HIDE_INPUT_TAG)


def notebook_to_html(nb: nbformat.NotebookNode, title: str, failed: bool = False) -> str:
    """Render a notebook as briefing HTML.

    Args:
        nb: The executed notebook (left unchanged).
        title: The page title (escaped by the template).
        failed: Render a failed run: keep the failing cell's code and traceback.

    Returns:
        The HTML page.
    """
    nb = _copy(nb)
    nb.metadata["title"] = title
    if failed:
        _mark_failure(nb)
    body, _ = _exporter(failed).from_notebook_node(nb, resources={"metadata": {"name": title}})
    return body


def _copy(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    return nbformat.reads(nbformat.writes(nb), as_version=nbformat.NO_CONVERT)


def render_file(notebook: str | Path, html: str | Path, title: str, failed: bool = False) -> Path:
    """Render an executed notebook file to an HTML file.

    Args:
        notebook: The executed ``briefing.ipynb``.
        html: Where to write the page.
        title: The page title.
        failed: Render a failed run (see :func:`notebook_to_html`).

    Returns:
        The path of the HTML file.
    """
    nb = nbformat.read(str(notebook), as_version=4)
    html = Path(html)
    html.write_text(notebook_to_html(nb, title, failed), encoding="utf-8")
    return html
