"""Roles and descriptions of people, read from the words around their names.

Pure functions over an article's text and its named-entity spans (no parser needed), with three
surface patterns, each checked against the other spans so lists of names are not read as roles:

* **title before the name**: a run of title words and capitalized modifiers that are themselves
  named entities, ending right before the name: "South Korean Vice Foreign Minister
  [Chang Ho-jin]", "Navy Adm. [Kim Myong Sik]", "North Korean leader [Kim Jong-un]". A plural
  title carries over a coordination: "Marshals [Ri Pyong Chol] and [Pak Jong Chon]".
* **apposition after the name**: ", <phrase>," starting with a lower-case word that does not open
  a clause: "[Jo Chun Ryong], responsible for munitions policies,".
* **apposition before the name**: "<determiner> <phrase>, [name]": "his foreign minister,
  [Choe Sun Hui]".
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from newsweave.entities.ner import NamedSpan
from newsweave.entities.normalize import (
    PLURAL_TITLES,
    ROLE_NOUNS,
    SERVICE_WORDS,
    TITLE_WORDS,
    fold_quotes,
    split_title,
)

RoleKind = Literal["title", "apposition", "pre_apposition", "coordination"]

_MODIFIERS = frozenset({"former", "acting", "then", "late", "incoming", "outgoing", "interim"})
#: First words that open a clause or a list, not a description.
_CLAUSE_WORDS = frozenset(
    {
        "who", "whom", "whose", "which", "that", "and", "or", "but", "nor", "as", "while", "when",
        "where", "if", "because", "although", "though", "said", "says", "say", "told", "tells",
        "added", "adds", "according", "also", "then", "however", "meanwhile", "too", "is", "was",
        "were", "are", "has", "had", "have", "will", "would", "could", "can", "may", "might",
        "did", "does", "do", "he", "she", "it", "they", "we", "i", "you", "not", "so", "for",
        "in", "on", "at", "to", "from", "with", "by", "after", "before", "since", "until",
        "including", "like", "plus", "yet", "still", "now", "here", "there", "his", "her",
    }
)  # fmt: skip
_PREPOSITIONS = frozenset(
    {"in", "on", "at", "for", "with", "from", "by", "after", "before", "during", "over",
     "since", "until", "of", "to", "into", "about", "than", "like", "under", "against"}
)  # fmt: skip
_DETERMINERS = frozenset({"the", "a", "an", "his", "her", "its", "their", "our", "my"})
_APPOSITION = re.compile(
    r",\s+([^,;:()\n\"]{2,140}?)(?=\s*(?:,|;|:|\(|\)|\n|\.(?:\s|$)|$|\s-{1,2}\s|\u2014))"
)
_WORD = re.compile(r"\S+")
_MAX_APPOSITION_WORDS = 14
_MAX_PRE_WORDS = 4


@dataclass(frozen=True, slots=True, kw_only=True)
class RoleSpan:
    """A role or description of the person named by the span ``start:end`` of one article."""

    start: int
    end: int
    text: str
    kind: RoleKind


def find_roles(text: str, spans: Sequence[NamedSpan]) -> tuple[RoleSpan, ...]:
    """Return the roles stated in ``text`` for its ``PERSON`` spans, in text order.

    Args:
        text: the article text the spans point into.
        spans: named-entity spans of the article, in text order (all labels: non-person spans
            serve as modifiers, such as "South Korean", and as list detectors).
    """
    persons = [s for s in spans if s.label == "PERSON"]
    found: list[RoleSpan] = []
    previous: tuple[NamedSpan, RoleSpan | None] | None = None
    for span in persons:
        title = _title_before(text, span, spans)
        if title is None and previous is not None:
            title = _coordinated(text, span, *previous)
        inner = split_title(span.text)[0]
        if title is None and inner:
            title = RoleSpan(start=span.start, end=span.end, text=inner, kind="title")
        appos = _apposition_after(text, span, spans) or _apposition_before(text, span)
        found.extend(r for r in (title, appos) if r is not None)
        previous = (span, title)
    return tuple(found)


def _role(span: NamedSpan, words: Sequence[str], kind: RoleKind) -> RoleSpan:
    return RoleSpan(start=span.start, end=span.end, text=fold_quotes(" ".join(words)), kind=kind)


def _covered(start: int, end: int, spans: Sequence[NamedSpan]) -> bool:
    return any(s.start <= start < s.end and s.label != "PERSON" for s in spans)


#: Courtesy titles: kept off names like other titles, but not a role on their own.
_COURTESY = frozenset({"mr", "mr.", "mrs", "mrs.", "ms", "ms.", "miss", "mx", "mx."})


def _title_before(text: str, span: NamedSpan, spans: Sequence[NamedSpan]) -> RoleSpan | None:
    """Read a run of title words and capitalized words that ends right before the name.

    The run must end in a title word; capitalized words that are neither titles nor part of a
    named entity ("Yesterday") are then cut from its left end.
    """
    line_start = text.rfind("\n", 0, span.start) + 1
    run: list[tuple[str, bool]] = []  # (word, may start the role)
    for match in reversed(list(_WORD.finditer(text, line_start, span.start))):
        word = match.group()
        low = fold_quotes(word).lower()
        titled = low in TITLE_WORDS or low in PLURAL_TITLES or low in ROLE_NOUNS
        if not run and not titled:
            return None  # the word next to the name must be a title
        if titled or low in SERVICE_WORDS or low in _MODIFIERS:
            run.insert(0, (word, True))
        elif word[:1].isupper() and not word.endswith((",", ".", ";", ":")):
            run.insert(0, (word, _covered(*match.span(), spans)))
        else:
            break
    while run and not run[0][1]:
        run.pop(0)
    words = [w for w, _ in run]
    while words and fold_quotes(words[0]).lower() in _MODIFIERS | {"the"}:
        words.pop(0)
    if not words or all(fold_quotes(w).lower() in _COURTESY for w in words):
        return None  # "Mr" or "Ms" says how to address someone, not what they do
    last = fold_quotes(words[-1]).lower()
    if last in PLURAL_TITLES:
        words[-1] = PLURAL_TITLES[last]
    return _role(span, words, "title")


def _coordinated(
    text: str, span: NamedSpan, prev: NamedSpan, prev_title: RoleSpan | None
) -> RoleSpan | None:
    """Carry a plural title over "A and B": "Marshals A and B" gives B the title too."""
    if prev_title is None or text[prev.end : span.start].strip() not in {"and", ",", ", and"}:
        return None
    head = text[max(0, prev.start - 40) : prev.start].split()
    if not head or fold_quotes(head[-1]).lower() not in PLURAL_TITLES:
        return None
    return RoleSpan(start=span.start, end=span.end, text=prev_title.text, kind="coordination")


def _apposition_after(text: str, span: NamedSpan, spans: Sequence[NamedSpan]) -> RoleSpan | None:
    """Read ", <description>," right after the name."""
    match = _APPOSITION.match(text, span.end)
    if match is None:
        return None
    phrase = match.group(1).strip()
    words = phrase.split()
    first = fold_quotes(words[0]).lower()
    if len(words) > _MAX_APPOSITION_WORDS or first in _CLAUSE_WORDS:
        return None
    if not (words[0][:1].islower() or first in TITLE_WORDS):
        return None
    if first in _DETERMINERS and (len(words) < 2 or not words[1][:1].islower()):
        return None
    if first.endswith("ing") or (len(words) == 1 and (first.endswith("ly") or first.isdigit())):
        return None
    lo, hi = match.span(1)
    if any(s.label == "PERSON" and lo <= s.start < hi for s in spans):
        return None
    return _role(span, words, "apposition")


def _apposition_before(text: str, span: NamedSpan) -> RoleSpan | None:
    """Read "<determiner> <description>, <name>" where the name ends its clause."""
    if not re.match(r"\s*(?:,|\.|;|\)|\n|$|and\b)", text[span.end : span.end + 6]):
        return None
    line_start = text.rfind("\n", 0, span.start) + 1
    head = text[line_start : span.start].rstrip()
    if not head.endswith(","):
        return None
    words = head[:-1].split()[-(_MAX_PRE_WORDS + 2) :]
    lowered = [fold_quotes(w).lower() for w in words]
    dets = [i for i, w in enumerate(lowered) if w in _DETERMINERS]
    if not dets or len(words) - dets[-1] - 1 > _MAX_PRE_WORDS:
        return None
    at = dets[-1]
    phrase = words[at + 1 :]
    if not phrase or not all(w[:1].islower() and w.replace("-", "").isalpha() for w in phrase):
        return None
    if at > 0 and lowered[at - 1] in _PREPOSITIONS:
        return None
    if lowered[at + 1] in _CLAUSE_WORDS or phrase[-1].endswith(("ly", "ed", "ing")):
        return None
    return _role(span, phrase, "pre_apposition")


__all__ = ["RoleKind", "RoleSpan", "find_roles"]
