"""Temporal expressions normalized against an anchor date (an article's publication date).

``normalize("on Tuesday", anchor)`` gives the Tuesday of the anchor's week (the last one on or
before the anchor, as news reports past events), ``"next month"`` the month after the anchor,
``"in 2019"`` the year, ``"March 3"`` that day in the anchor's year; weeks ("last week") have
no precision of their own and give ``None``. Each value carries its
precision (day, month or year). Durations ("12-year tenure", "for three days") and expressions
that need an anchor when there is none give ``None``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal

Precision = Literal["day", "month", "year"]

MONTHS = {
    name: n
    for n, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        1,
    )
    for name in names
}
WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
_MONTH = "(" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_YEAR = r"(1[89]\d\d|20\d\d|21\d\d)"
_PATTERNS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"\b(\d{4})-(\d\d)-(\d\d)\b"), "iso"),
    (re.compile(rf"\b{_MONTH}\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+{_YEAR}\b"), "mdy"),
    (re.compile(rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH},?\s+{_YEAR}\b"), "dmy"),
    (re.compile(rf"\b{_MONTH}\s+(\d{{1,2}})(?:st|nd|rd|th)?\b"), "md"),
    (re.compile(rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH}\b"), "dm"),
    (re.compile(rf"\b{_MONTH},?\s+{_YEAR}\b"), "my"),
    (re.compile(r"\b(yesterday|today|tomorrow|tonight)\b"), "rel_day"),
    (re.compile(r"\b(last|next|this)\s+(week|month|year)\b"), "rel_period"),
    (re.compile(r"\b(last|next|this|on)?\s*(" + "|".join(WEEKDAYS) + r")\b"), "weekday"),
    (re.compile(rf"\b{_MONTH}\b"), "m"),
    (re.compile(rf"\b{_YEAR}\b"), "y"),
]
_DURATION = re.compile(r"\b\d+[-\s](?:year|month|week|day|hour)s?[-\s]?(?:old|long)?\b|\bfor\b")


@dataclass(frozen=True, slots=True)
class TimeValue:
    """A normalized date: its first day and its precision."""

    start: date
    precision: Precision

    def __str__(self) -> str:
        """``2019``, ``2019-06`` or ``2019-06-03``."""
        text = self.start.isoformat()
        return {"year": text[:4], "month": text[:7], "day": text}[self.precision]

    def overlaps(self, other: TimeValue) -> bool:
        """Both can be true at once: one contains the other ("2019" and "2019-06-03")."""
        a, b = str(self), str(other)
        return a.startswith(b) or b.startswith(a)


def normalize(expression: str, anchor: date | None = None) -> TimeValue | None:
    """The date an expression names, or None (a duration, or relative without an anchor)."""
    text = expression.casefold().strip()
    if _DURATION.search(text) and not re.search(rf"\b{_YEAR}\b", text):
        return None
    for pattern, kind in _PATTERNS:
        match = pattern.search(text)
        if match is not None and kind == "m" and not expression[match.start()].isupper():
            continue  # "may" the verb, not "May"
        if match is not None:
            value = _value(kind, match.groups(), anchor)
            if value is not None:
                return value
    return None


def _value(kind: str, g: tuple[str | None, ...], anchor: date | None) -> TimeValue | None:
    try:
        if kind == "iso":
            return TimeValue(date(int(g[0] or 0), int(g[1] or 0), int(g[2] or 0)), "day")
        if kind == "mdy":
            return TimeValue(date(int(g[2] or 0), MONTHS[g[0] or ""], int(g[1] or 0)), "day")
        if kind == "dmy":
            return TimeValue(date(int(g[2] or 0), MONTHS[g[1] or ""], int(g[0] or 0)), "day")
        if kind == "my":
            return TimeValue(date(int(g[1] or 0), MONTHS[g[0] or ""], 1), "month")
        if kind == "y":
            return TimeValue(date(int(g[0] or 0), 1, 1), "year")
    except ValueError:
        return None  # "February 30"
    if anchor is None:
        return None
    return _relative(kind, g, anchor)


def _relative(kind: str, g: tuple[str | None, ...], anchor: date) -> TimeValue | None:
    try:
        if kind == "md":
            return TimeValue(date(anchor.year, MONTHS[g[0] or ""], int(g[1] or 0)), "day")
        if kind == "dm":
            return TimeValue(date(anchor.year, MONTHS[g[1] or ""], int(g[0] or 0)), "day")
    except ValueError:
        return None
    if kind == "m":
        return TimeValue(date(anchor.year, MONTHS[g[0] or ""], 1), "month")
    if kind == "rel_day":
        shift = {"yesterday": -1, "today": 0, "tonight": 0, "tomorrow": 1}[g[0] or "today"]
        return TimeValue(anchor + timedelta(days=shift), "day")
    if kind == "rel_period":
        return _period(g[0] or "this", g[1] or "week", anchor)
    if kind == "weekday":
        return TimeValue(_weekday(g[0], WEEKDAYS.index(g[1] or "monday"), anchor), "day")
    return None


def _period(which: str, unit: str, anchor: date) -> TimeValue | None:
    step = {"last": -1, "this": 0, "next": 1}[which]
    if unit == "year":
        return TimeValue(date(anchor.year + step, 1, 1), "year")
    if unit == "month":
        month = anchor.month - 1 + step
        return TimeValue(date(anchor.year + month // 12, month % 12 + 1, 1), "month")
    return None  # a week has no precision of its own here


def _weekday(which: str | None, day: int, anchor: date) -> date:
    """A weekday near the anchor: the last one on or before it, unless "next"."""
    back = (anchor.weekday() - day) % 7
    if which == "next":
        return anchor + timedelta(days=(day - anchor.weekday()) % 7 or 7)
    if which == "last" and back == 0:
        back = 7
    return anchor - timedelta(days=back)
