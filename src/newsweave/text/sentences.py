"""A small rule-based English sentence splitter, good enough for news prose.

It splits after ``.``, ``!`` or ``?`` (optionally followed by closing quotes or brackets) when
the next word starts with an upper-case letter, a digit or an opening quote, except after
common abbreviations and single initials ("U.S.", "Adm.", "J. Smith").
"""

from __future__ import annotations

import re

_ABBREVIATIONS = frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "dr",
        "prof",
        "sr",
        "jr",
        "st",
        "mt",
        "ft",
        "gen",
        "col",
        "lt",
        "sgt",
        "capt",
        "cmdr",
        "adm",
        "gov",
        "sen",
        "rep",
        "pres",
        "vs",
        "etc",
        "inc",
        "ltd",
        "co",
        "corp",
        "no",
        "nos",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
        "u.s",
        "u.k",
        "u.n",
        "e.g",
        "i.e",
        "a.m",
        "p.m",
    ]
)
# Titles derived from the first sentence are cut to this many characters.
_MAX_DERIVED_TITLE = 120
_BOUNDARY = re.compile(r"([.!?]+[\"'”’)\]]*)\s+(?=[\"“‘'(\[]?[A-Z0-9])")


def _is_abbreviation(chunk: str) -> bool:
    last = chunk.rsplit(maxsplit=1)[-1] if chunk.strip() else ""
    word = last.rstrip(".!?\"'”’)]").lstrip("\"“‘'([").casefold()
    if not word:
        return False
    return word in _ABBREVIATIONS or (len(word) == 1 and word.isalpha()) or "." in word


def split_sentences(text: str) -> list[str]:
    """Split ``text`` into sentences; line breaks always end a sentence."""
    sentences: list[str] = []
    for line in text.split("\n"):
        line = line.strip()
        if not line:
            continue
        start = 0
        pending = ""
        for match in _BOUNDARY.finditer(line):
            chunk = pending + line[start : match.end(1)]
            start = match.end()
            if _is_abbreviation(chunk):
                pending = chunk + " "
                continue
            sentences.append(chunk.strip())
            pending = ""
        tail = (pending + line[start:]).strip()
        if tail:
            sentences.append(tail)
    return sentences


def derive_title(body: str) -> str:
    """Derive a title from the first sentence of ``body``, cut on a word boundary."""
    sentences = split_sentences(body)
    first = sentences[0] if sentences else body.strip()
    if len(first) <= _MAX_DERIVED_TITLE:
        return first
    cut = first[:_MAX_DERIVED_TITLE].rsplit(" ", 1)[0]
    return f"{cut}…"
