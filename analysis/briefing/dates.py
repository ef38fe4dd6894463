"""Dates mentioned in an article, resolved against its published date.

News dates events relative to the day it appears: "announced Saturday", "last
month", "in September". Patterns find these phrases, and the published date
turns them into calendar dates: a weekday is the most recent such day on or
before publication, a bare month the most recent such month, "last month" the
month before. Years and full dates resolve on their own; anything relative
stays unresolved (null) when the published date is unknown.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

import pandas as pd

from analysis.tables import Analysis

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")  # fmt: skip
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
COLUMNS = ["text", "start", "end", "resolved", "granularity", "note"]

_MONTH = r"(?P<month>" + "|".join(MONTHS) + r"|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.)"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>1[89]\d\d|20\d\d)"
_LEAD = (
    r"(?:(?P<lead>[Ss]ince|[Ii]n|[Bb]y|[Uu]ntil|[Ff]rom|[Bb]efore|[Aa]fter|[Ee]arly|[Ll]ate|[Oo]n)"
    r"\s+)?"
)
_SHIFT = r"(?:(?P<shift>[Ll]ast|[Nn]ext|[Tt]his)\s+)?"
_NO_WORD_BEFORE = r"(?<![\w/-])"
_NO_WORD_AFTER = r"(?![\w-])"

# Order matters only for ties: the longest match at a position wins.
_PATTERNS = [
    ("iso", rf"{_NO_WORD_BEFORE}{_YEAR}-(?P<mnum>[01]\d)-(?P<day>[0-3]\d){_NO_WORD_AFTER}"),
    ("month_day", rf"{_LEAD}{_MONTH}\s+{_DAY}(?:,?\s+{_YEAR})?{_NO_WORD_AFTER}"),
    ("day_month", rf"{_LEAD}{_NO_WORD_BEFORE}{_DAY}\s+{_MONTH}(?:,?\s+{_YEAR})?{_NO_WORD_AFTER}"),
    ("month_year", rf"{_LEAD}{_MONTH},?\s+{_YEAR}{_NO_WORD_AFTER}"),
    ("weekday", rf"{_SHIFT}\b(?P<weekday>{'|'.join(WEEKDAYS)})(?:['’]s)?\b"),
    ("relative", r"\b(?P<rel>(?:[Ll]ast|[Nn]ext|[Tt]his|[Ee]arlier this|[Ll]ater this)\s+"
                 r"(?:week|month|year)|[Yy]esterday|[Tt]oday|[Tt]omorrow)\b"),
    ("month", rf"(?:{_LEAD}|{_SHIFT}){_MONTH}{_NO_WORD_AFTER}"),
    ("year", rf"{_LEAD}{_NO_WORD_BEFORE}{_YEAR}{_NO_WORD_AFTER}"),
]  # fmt: skip
_COMPILED = [(kind, re.compile(pattern)) for kind, pattern in _PATTERNS]


def _month_number(name: str) -> int:
    name = name.rstrip(".")[:3]
    return next(i for i, m in enumerate(MONTHS, start=1) if m.startswith(name))


def _months_back(d: date, n: int) -> tuple[int, int]:
    index = d.year * 12 + d.month - 1 - n
    return index // 12, index % 12 + 1


def _resolve(kind: str, m: re.Match, pub: date | None) -> tuple[str | None, str, str]:
    """Return (resolved, granularity, note) for one match."""
    g = m.groupdict()
    lead = (g.get("lead") or "").lower()
    since = "period starting then" if lead in ("since", "from") else ""
    if kind == "iso":
        return _safe_date(int(g["year"]), int(g["mnum"]), int(g["day"]), since)
    if kind in ("month_day", "day_month"):
        month, day = _month_number(g["month"]), int(g["day"])
        if g.get("year"):
            return _safe_date(int(g["year"]), month, day, since)
        if pub is None:
            return None, "day", "no year and no published date"
        year = pub.year if (month, day) <= (pub.month, pub.day) else pub.year - 1
        return _safe_date(year, month, day, "year taken from the published date")
    if kind == "month_year":
        return f"{int(g['year']):04d}-{_month_number(g['month']):02d}", "month", since
    if kind == "year":
        return g["year"], "year", since
    if pub is None:
        unit = {"weekday": "day", "month": "month"}.get(kind) or _unit(g.get("rel") or "")
        return None, unit, "relative to a published date that is not known"
    if kind == "weekday":
        shift = (g.get("shift") or "").lower()
        target = WEEKDAYS.index(g["weekday"])
        if shift == "next":
            ahead = (target - pub.weekday()) % 7 or 7
            return (
                (pub + timedelta(days=ahead)).isoformat(),
                "day",
                "next such day after publication",
            )
        back = (pub.weekday() - target) % 7
        if shift == "last" and back == 0:
            back = 7
        return (pub - timedelta(days=back)).isoformat(), "day", "most recent such day"
    if kind == "month":
        month, shift = _month_number(g["month"]), (g.get("shift") or "").lower()
        if shift == "next":
            year = pub.year if month > pub.month else pub.year + 1
        elif shift == "this":
            year = pub.year
        else:
            year = pub.year if month <= pub.month else pub.year - 1
        return f"{year:04d}-{month:02d}", "month", since or "most recent such month"
    return _relative(g["rel"].lower(), pub)


def _unit(phrase: str) -> str:
    last = phrase.lower().split()[-1] if phrase.strip() else "day"
    return last if last in ("week", "month", "year") else "day"


def _relative(phrase: str, pub: date) -> tuple[str | None, str, str]:
    days = {"yesterday": -1, "today": 0, "tomorrow": 1}
    if phrase in days:
        return (pub + timedelta(days=days[phrase])).isoformat(), "day", ""
    shift = {"last": -1, "next": 1}.get(phrase.split()[0], 0)
    unit = phrase.split()[-1]
    if unit == "year":
        return f"{pub.year + shift:04d}", "year", ""
    if unit == "month":
        year, month = _months_back(pub, -shift)
        return f"{year:04d}-{month:02d}", "month", ""
    monday = pub - timedelta(days=pub.weekday()) + timedelta(weeks=shift)
    iso = monday.isocalendar()
    return f"{iso[0]:04d}-W{iso[1]:02d}", "week", f"week starting {monday.isoformat()}"


def _safe_date(year: int, month: int, day: int, note: str) -> tuple[str | None, str, str]:
    try:
        return date(year, month, day).isoformat(), "day", note
    except ValueError:
        return None, "day", "not a valid calendar date"


def find_dates(text: str, published: str | date | None = None) -> pd.DataFrame:
    """Find date phrases in a text and resolve them.

    Args:
        text: The article body.
        published: The published date (ISO), against which relative dates resolve.

    Returns:
        One row per phrase in text order: ``text``, ``start``, ``end``, ``resolved``
        (ISO date, ``YYYY-MM``, ``YYYY``, ``YYYY-Www`` or null), ``granularity``, ``note``.
    """
    pub = date.fromisoformat(str(published)[:10]) if published else None
    found = []
    for kind, pattern in _COMPILED:
        for m in pattern.finditer(text or ""):
            if kind == "month" and m.group(0) == "May":
                continue  # a bare "May" is far more often the verb
            found.append((m.start(), -(m.end() - m.start()), kind, m))
    rows, taken_until = [], -1
    for start, _, kind, m in sorted(found, key=lambda f: f[:2]):
        if start < taken_until:
            continue
        taken_until = m.end()
        resolved, granularity, note = _resolve(kind, m, pub)
        rows.append([m.group(0), m.start(), m.end(), resolved, granularity, note])
    return pd.DataFrame(rows, columns=COLUMNS)


def mentioned_dates(analysis: Analysis) -> pd.DataFrame:
    """Dates mentioned in an article, resolved against its published date where known.

    Args:
        analysis: The article's analysis.

    Returns:
        See :func:`find_dates`.
    """
    return find_dates(analysis.article.text, analysis.article.published)
