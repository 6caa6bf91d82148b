"""Publication-date discovery for HTML pages (helper of :mod:`newsweave.readers.html`).

Publishers state the publication time most precisely in standard metadata: Open Graph /
``article:published_time`` meta tags, schema.org ``datePublished`` (JSON-LD or microdata) and
Dublin Core. Those carry a time of day and an offset; trafilatura's own date finder (htmldate)
returns only a day, so it is the fallback.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

#: ``name`` / ``property`` / ``itemprop`` values of meta tags holding the publication time,
#: lower-cased, most specific first.
DATE_META_KEYS: tuple[str, ...] = (
    "article:published_time",
    "og:article:published_time",
    "datepublished",
    "dc.date.issued",
    "dcterms.issued",
    "dcterms.created",
    "dc.date.created",
    "parsely-pub-date",
    "sailthru.date",
    "pubdate",
    "publishdate",
    "publish-date",
    "date",
)

_EARLIEST_YEAR = 1900


def parse_datetime(value: str) -> datetime | None:
    """Parse an ISO-8601 timestamp (or a bare ``YYYY-MM-DD`` day) into an aware UTC datetime.

    A value without an offset is taken as UTC. Returns None for anything unparseable or
    implausible (before 1900).
    """
    text = value.strip()
    if not text:
        return None
    try:
        parsed = datetime.fromisoformat(text)
    except ValueError:
        # "2019-11-19 13:23:59 -0500" and the like: keep the date (and time) part only
        try:
            parsed = datetime.fromisoformat(text[:19])
        except ValueError:
            return None
    if parsed.year < _EARLIEST_YEAR:
        return None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=UTC)
    return parsed.astimezone(UTC)


def _json_ld_dates(node: Any) -> Iterator[str]:  # noqa: ANN401 - parsed JSON of any shape
    """Yield every ``datePublished`` string found in a parsed JSON-LD value."""
    stack = [node]
    while stack:
        item = stack.pop()
        if isinstance(item, list):
            stack.extend(reversed(item))
        elif isinstance(item, dict):
            value = item.get("datePublished")
            if isinstance(value, str):
                yield value
            stack.extend(v for v in item.values() if isinstance(v, list | dict))


def _meta_candidates(tree: Any) -> Iterator[str]:  # noqa: ANN401 - lxml element (untyped)
    """Yield candidate date strings from meta tags, in :data:`DATE_META_KEYS` order."""
    found: dict[str, str] = {}
    for meta in tree.iter("meta"):
        key = (meta.get("property") or meta.get("name") or meta.get("itemprop") or "").lower()
        content = meta.get("content")
        if key in DATE_META_KEYS and content and key not in found:
            found[key] = content
    for key in DATE_META_KEYS:
        if key in found:
            yield found[key]


def _structured_candidates(tree: Any) -> Iterator[str]:  # noqa: ANN401 - lxml element
    """Yield candidate date strings from JSON-LD scripts and ``<time itemprop>`` elements."""
    for script in tree.iter("script"):
        if (script.get("type") or "").lower() != "application/ld+json" or not script.text:
            continue
        try:
            data = json.loads(script.text, strict=False)
        except ValueError:
            continue
        yield from _json_ld_dates(data)
    for elem in tree.iter("time"):
        if (elem.get("itemprop") or "").lower() == "datepublished" and elem.get("datetime"):
            yield elem.get("datetime")


def find_published(tree: Any, fallback: str | None = None) -> datetime | None:  # noqa: ANN401
    """Return the page's publication time as an aware UTC datetime, or None.

    Args:
        tree: the parsed page (an lxml HTML element).
        fallback: a date string found by another method (e.g. trafilatura's ``YYYY-MM-DD``),
            used when the page's own metadata gives nothing parseable.
    """
    for candidate in (*_meta_candidates(tree), *_structured_candidates(tree)):
        parsed = parse_datetime(candidate)
        if parsed is not None:
            return parsed
    return parse_datetime(fallback) if fallback else None
