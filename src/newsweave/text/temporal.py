"""Temporal expressions normalized against an anchor date (an article's publication date).

``normalize("on Tuesday", anchor)`` gives the Tuesday of the anchor's week (the last one on or
before the anchor, as news reports past events), ``"next month"`` the month after the anchor,
``"in 2019"`` the year, ``"March 3"`` that day in the anchor's year; a week ("last week") has
no precision of its own and gives the month that holds it (or the year, when it straddles two
months). Each value carries its precision (day, month or year). Durations ("12-year tenure",
"for three days") and expressions that need an anchor when there is none give ``None``.

:func:`find` finds the expressions of a whole text, with their offsets (for timelines).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
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
    (re.compile(rf"\b{_MONTH}\s+(last|next|this)\s+year\b"), "m_rel_year"),
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
    if kind == "m_rel_year":
        step = {"last": -1, "this": 0, "next": 1}[g[1] or "this"]
        return TimeValue(date(anchor.year + step, MONTHS[g[0] or ""], 1), "month")
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
    monday = anchor - timedelta(days=anchor.weekday()) + timedelta(weeks=step)
    sunday = monday + timedelta(days=6)
    if monday.month == sunday.month:
        return TimeValue(monday.replace(day=1), "month")
    if monday.year == sunday.year:
        return TimeValue(date(monday.year, 1, 1), "year")
    return None  # the week of New Year: no single month or year holds it


def _weekday(which: str | None, day: int, anchor: date) -> date:
    """A weekday near the anchor: the last one on or before it, unless "next"."""
    back = (anchor.weekday() - day) % 7
    if which == "next":
        return anchor + timedelta(days=(day - anchor.weekday()) % 7 or 7)
    if which == "last" and back == 0:
        back = 7
    return anchor - timedelta(days=back)


@dataclass(frozen=True, slots=True)
class DateMention:
    """A temporal expression found in a text: its offsets, its words and its value."""

    start: int
    end: int
    expression: str
    value: TimeValue


#: Words before a bare year that make it a time ("in 2019"), not a count ("2019 people").
_TIME_WORDS = frozenset(
    [
        "in",
        "since",
        "by",
        "until",
        "till",
        "from",
        "before",
        "after",
        "of",
        "during",
        "early",
        "late",
        "mid",
        "end",
        "back",
        "around",
    ]
)
_PLURAL_NEXT = re.compile(r"\s+[a-z]+s\b")
_WORD_BEFORE = re.compile(r"([a-z]+)\W*$")


def find(text: str, anchor: date | None = None) -> list[DateMention]:
    """Every date a text names, normalized against the anchor, in text order.

    Longer, more precise expressions win over the parts they contain ("March 3, 2019" is one
    mention, not a month and a year). Month names count only when capitalized ("May", not the
    verb "may"; "March", not "march"); a bare year followed by a plural noun ("1900 troops")
    counts only after a time word ("in", "since", ...). Durations are not dates.
    """
    low = "".join(c.lower() if len(c.lower()) == 1 else c for c in text)  # same offsets
    taken: list[tuple[int, int]] = []
    found: list[DateMention] = []
    for pattern, kind in _PATTERNS:
        for match in pattern.finditer(low):
            start, end = match.span()
            while start < end and text[start].isspace():
                start += 1
            if any(start < b and a < end for a, b in taken) or not _plausible(text, kind, match):
                continue
            value = _value(kind, match.groups(), anchor)
            if value is None:
                continue
            past = kind in _YEARLESS and anchor is not None and value.start > anchor
            if past and not _FUTURE.search(text):
                value = _year_before(value)
            taken.append((start, end))
            found.append(DateMention(start, end, text[start:end], value))
    return sorted(found, key=lambda m: m.start)


def _year_before(value: TimeValue) -> TimeValue:
    start = value.start
    try:
        return TimeValue(start.replace(year=start.year - 1), value.precision)
    except ValueError:  # February 29
        return TimeValue(start.replace(year=start.year - 1, day=28), value.precision)


def _plausible(text: str, kind: str, match: re.Match[str]) -> bool:
    if kind in _MONTH_KINDS and not any(_capital_month(text, match.start(), match.end())):
        return False
    if kind == "y":
        before = _WORD_BEFORE.search(text[max(0, match.start() - 20) : match.start()].lower())
        after_plural = _PLURAL_NEXT.match(text, match.end()) is not None
        return not after_plural or (before is not None and before.group(1) in _TIME_WORDS)
    return True


_MONTH_KINDS = frozenset({"mdy", "dmy", "md", "dm", "my", "m", "m_rel_year"})
#: A day or month named without its year, later than the anchor, is last year's unless the
#: sentence speaks of the future ("in November" in a May article: last November).
_YEARLESS = frozenset({"md", "dm", "m"})
_FUTURE = re.compile(
    r"\b(will|shall|next|expected|expects|plans?|planned|scheduled|due|upcoming|coming|from)\b"
    r"|\bto be\b|\bgoing to\b",
    re.IGNORECASE,
)
_MONTH_WORD = re.compile(_MONTH, re.IGNORECASE)


def _capital_month(text: str, start: int, end: int) -> Iterator[bool]:
    for word in _MONTH_WORD.finditer(text, start, end):
        yield word.group(0)[0].isupper()
