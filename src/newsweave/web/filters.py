"""Template helpers: safe links, dates, marked snippets, the timeline's geometry."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from urllib.parse import urlsplit

from newsweave.read import Marks

# Width of the story timeline in SVG user units (the SVG scales to the page).
TIMELINE_WIDTH = 600


def safe_url(url: str | None) -> str | None:
    """``url`` when it is an absolute http(s) link, else None (no javascript:, data:, …)."""
    if not url:
        return None
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return None
    return url.strip()


def show_date(moment: datetime | None, *, with_time: bool = False) -> str:
    """A short UTC date (and time) for people, or an empty string."""
    if moment is None:
        return ""
    return moment.strftime("%Y-%m-%d %H:%M UTC" if with_time else "%Y-%m-%d")


def marked(snippet: str, marks: Marks) -> list[tuple[str, bool]]:
    """The snippet cut into ``(text, is_match)`` pieces, for the template to wrap in <mark>."""
    pieces: list[tuple[str, bool]] = []
    at = 0
    for start, end in sorted(marks):
        if start < at:
            continue
        if start > at:
            pieces.append((snippet[at:start], False))
        pieces.append((snippet[start:end], True))
        at = end
    if at < len(snippet):
        pieces.append((snippet[at:], False))
    return pieces


def timeline(dates: Sequence[datetime | None]) -> list[float]:
    """The x position (0..TIMELINE_WIDTH) of each dated article between the first and last."""
    known = [d for d in dates if d is not None]
    if not known:
        return []
    low, high = min(known), max(known)
    span = (high - low).total_seconds() or 1.0
    return [round((d - low).total_seconds() / span * TIMELINE_WIDTH, 1) for d in known]


def counted(count: int, word: str) -> str:
    """``"1 article"``, ``"3 articles"``."""
    return f"{count} {word}" if count == 1 else f"{count} {word}s"
