"""Numbers written in digits or in English words: "seven" = 7, "1,200" = 1200, "two dozen" = 24.

Used by the claims stage to compare quantities across sources. Pure functions, no I/O.
"""

from __future__ import annotations

import re

_UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19,
}  # fmt: skip
_TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}  # fmt: skip
_SCALES = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000}
_DOZEN = {"dozen": 12}
#: Every word that can be part of a number written in words.
NUMBER_WORDS = frozenset(_UNITS) | frozenset(_TENS) | frozenset(_SCALES) | frozenset(_DOZEN)
_DIGITS = re.compile(r"^[-+]?\d{1,3}(?:,\d{3})+(?:\.\d+)?$|^[-+]?\d+(?:\.\d+)?$")


def parse_number(words: str) -> float | None:
    """The value of a number in digits or words ("1,200", "4.5", "seven", "twenty-one").

    Returns None when ``words`` is not a number. Scale words multiply what precedes them
    ("two hundred thousand" = 200000); a bare scale word counts as one ("a million" -> None,
    "million" -> 1000000).
    """
    text = words.strip().lower().replace("\u2013", "-")
    if _DIGITS.match(text):
        return float(text.replace(",", ""))
    parts = [p for p in re.split(r"[\s-]+", text) if p and p != "and"]
    if not parts or any(p not in NUMBER_WORDS and not _DIGITS.match(p) for p in parts):
        return None
    return _words_value(parts)


def _words_value(parts: list[str]) -> float:
    total, current = 0.0, 0.0
    for part in parts:
        if _DIGITS.match(part):
            current += float(part.replace(",", ""))
        elif part in _UNITS:
            current += _UNITS[part]
        elif part in _TENS:
            current += _TENS[part]
        elif part in _DOZEN:
            current = (current or 1) * 12
        elif part == "hundred":
            current = (current or 1) * 100
        else:  # thousand, million, billion close a group
            total += (current or 1) * _SCALES[part]
            current = 0.0
    return total + current
