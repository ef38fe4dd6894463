"""Tables as people read them: no index column, text left and wrapping, numbers right.

pandas shows a DataFrame with its 0…n index beside the table's own columns, and
JupyterLab's stylesheet right-aligns every cell, which makes a column of long
quotes hard to read. :func:`table` writes the HTML itself instead: each cell is
escaped with :func:`html.escape`, a column of numbers is right-aligned and every
other column is left-aligned and wraps. Styles are inline, so the shared page
needs no stylesheet of its own, and the table is marked so that MathJax leaves a
``$`` in a quote alone.
"""

from __future__ import annotations

import math
import numbers
import re
from html import escape

import pandas as pd
from IPython.display import HTML

#: The table's classes: pandas' own (the page styles it) and MathJax's "leave alone".
TABLE_CLASS = "dataframe tex2jax_ignore mathjax_ignore"
_TABLE = "border-collapse:collapse;margin:4px 0 10px 0;table-layout:auto"
_HEAD = "border-bottom:1px solid #999;padding:3px 8px;vertical-align:bottom"
_CELL = "padding:3px 8px;vertical-align:top;border-bottom:1px solid #eee"
LEFT = "text-align:left;white-space:normal;overflow-wrap:anywhere"
RIGHT = "text-align:right;white-space:nowrap"
#: Longest a wrapping text column grows before it wraps, in characters.
TEXT_WIDTH_EM = 36

_NUMBER = re.compile(r"^[+\-−]?\d[\d,]*(?:\.\d+)?%?$")


def _missing(value: object) -> bool:
    if value is None:
        return True
    if isinstance(value, float) and math.isnan(value):
        return True
    try:
        return bool(pd.isna(value)) if not isinstance(value, (list, tuple, dict)) else False
    except (TypeError, ValueError):
        return False


def _is_number(value: object) -> bool:
    if isinstance(value, bool):
        return False
    if isinstance(value, numbers.Number):
        return True
    return isinstance(value, str) and _NUMBER.match(value.strip()) is not None


def is_numeric(column: pd.Series) -> bool:
    """True when every filled cell of a column is a number ("12", "30%", "+0.40" count)."""
    filled = [value for value in column if not _missing(value)]
    return bool(filled) and all(_is_number(value) for value in filled)


def _cell_text(value: object) -> str:
    if _missing(value):
        return ""
    if isinstance(value, float):
        return f"{value:.0f}" if value.is_integer() else f"{value:.3f}".rstrip("0")
    if hasattr(value, "item") and not isinstance(value, str):
        return str(value.item())
    return str(value)


def table_html(frame: pd.DataFrame, empty: str = "Nothing to show.") -> str:
    """The HTML of a table, without its index.

    Args:
        frame: Any DataFrame; its index is left out (make a column of it first if
            it matters), its cells are shown as plain text.
        empty: What to say when the frame has no rows.

    Returns:
        Escaped HTML.
    """
    if frame.empty:
        return f'<p class="{TABLE_CLASS}" style="color:#777"><em>{escape(empty)}</em></p>'
    aligns = [RIGHT if is_numeric(frame.iloc[:, i]) else LEFT for i in range(frame.shape[1])]
    width = f"max-width:{TEXT_WIDTH_EM}em;min-width:6em"
    head = "".join(
        f'<th style="{_HEAD};{align}">{escape(str(name))}</th>'
        for name, align in zip(frame.columns, aligns, strict=True)
    )
    rows = []
    for row in frame.itertuples(index=False, name=None):
        cells = "".join(
            f'<td style="{_CELL};{align}'
            + (f';{width}">' if align == LEFT else '">')
            + escape(_cell_text(value))
            + "</td>"
            for value, align in zip(row, aligns, strict=True)
        )
        rows.append(f"<tr>{cells}</tr>")
    return (
        f'<table class="{TABLE_CLASS}" style="{_TABLE}">'
        f"<thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>"
    )


def table(frame: pd.DataFrame, empty: str = "Nothing to show.") -> HTML:
    """Show a table in a notebook: no index column, text left and wrapping, numbers right.

    Args:
        frame: The table.
        empty: What to say when it has no rows.

    Returns:
        The table as :class:`IPython.display.HTML`.
    """
    return HTML(table_html(frame, empty))
