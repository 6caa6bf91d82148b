"""RSS and Atom feeds: each entry becomes one article (content, else summary)."""

from __future__ import annotations

import time
from collections.abc import Iterator
from datetime import UTC, datetime

from newsweave.errors import InputError
from newsweave.model import Article
from newsweave.readers.base import build_article, host_of
from newsweave.text.html import html_to_text


def parse_feed(origin: str, data: bytes) -> Iterator[Article | InputError]:
    """Yield an article (or an error) per feed entry."""
    import feedparser

    feed = feedparser.parse(data)
    if not feed.entries:
        reason = f"not a readable RSS/Atom feed: {feed.get('bozo_exception', 'no entries')}"
        yield InputError(origin, "feed", reason)
        return
    site = feed.feed.get("title") or host_of(feed.feed.get("link"))
    for number, entry in enumerate(feed.entries, start=1):
        try:
            yield _entry_article(f"{origin}#{number}", entry, site)
        except InputError as exc:
            yield InputError(origin, exc.reason, f"entry {number}: {exc.detail}")


def _entry_article(where: str, entry: dict[str, object], site: object) -> Article:
    html = _entry_html(entry)
    url = entry.get("link")
    return build_article(
        origin=where,
        title=html_to_text(str(entry.get("title") or "")),
        text=html_to_text(html),
        input_id=str(entry["id"]) if entry.get("id") else None,
        url=url if isinstance(url, str) else None,
        source=str(site) if site else None,
        date=_entry_date(entry),
        author=str(entry["author"]) if entry.get("author") else None,
    )


def _entry_html(entry: dict[str, object]) -> str:
    content = entry.get("content")
    if isinstance(content, list) and content:
        values = [str(part.get("value", "")) for part in content if isinstance(part, dict)]
        if any(values):
            return "\n".join(values)
    return str(entry.get("summary") or entry.get("description") or "")


def _entry_date(entry: dict[str, object]) -> datetime | None:
    for key in ("published_parsed", "updated_parsed"):
        value = entry.get(key)
        if isinstance(value, time.struct_time):
            return datetime(*value[:6], tzinfo=UTC)
    return None
