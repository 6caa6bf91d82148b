"""The read model: filters, page rows and cursors that storage answers and the engine serves.

Storage backends page and filter inside their own queries (no whole-table loads), returning
the small row types here; the engine assembles views from them for the CLI, the API and the
web desk alike.
"""

from __future__ import annotations

import base64
import binascii
import json
from dataclasses import dataclass
from datetime import datetime

from newsweave.errors import ConfigError
from newsweave.text.dates import format_date

#: The position a page of stories or entities resumes after: ``(sort value, id)``.
PageKey = tuple[str, str]
#: ``(start, end)`` character offsets of marked words in a text.
Marks = tuple[tuple[int, int], ...]

# Most rows one page may hold; larger requests are cut to this.
MAX_PAGE = 200


@dataclass(frozen=True, slots=True, kw_only=True)
class StoryFilter:
    """Which stories a list shows; every field set narrows it further.

    Attributes:
        q: full-text words that one of the story's articles must contain.
        entity: id of an entity that one of its articles mentions.
        source: outlet of one of its articles (exact name).
        since: the story was still running at or after this time (its last article).
        until: the story had started at or before this time (its first article).
    """

    q: str | None = None
    entity: str | None = None
    source: str | None = None
    since: datetime | None = None
    until: datetime | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class StorySummary:
    """One row of a story list: newest first by the story's last article."""

    id: str
    headline: str
    article_ids: tuple[str, ...]
    sources: tuple[str, ...]
    first: datetime | None = None
    last: datetime | None = None

    @property
    def key(self) -> PageKey:
        """Where the next page starts after this row."""
        return (format_date(self.last) or "", self.id)


@dataclass(frozen=True, slots=True, kw_only=True)
class EntitySummary:
    """An entity with its mentions and the articles naming it (in one story, or overall)."""

    id: str
    name: str
    label: str
    mentions: int
    articles: int = 0

    @property
    def key(self) -> PageKey:
        """Where the next page of an entity list starts after this row."""
        return (self.name, self.id)


@dataclass(frozen=True, slots=True, kw_only=True)
class SearchHit:
    """One full-text match: the article and a short passage with the matched words marked.

    ``marks`` are ``(start, end)`` character offsets into ``snippet``.
    """

    article_id: str
    title: str
    snippet: str
    marks: Marks = ()
    source: str | None = None
    date: datetime | None = None


def encode_cursor(key: PageKey) -> str:
    """An opaque URL-safe cursor for a page key."""
    raw = json.dumps(list(key), ensure_ascii=False).encode("utf-8")
    return base64.urlsafe_b64encode(raw).decode("ascii").rstrip("=")


def decode_cursor(cursor: str) -> PageKey:
    """The page key of a cursor made by :func:`encode_cursor`.

    Raises:
        ConfigError: the cursor was not made by this server.
    """
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        value = json.loads(raw.decode("utf-8"))
    except (binascii.Error, UnicodeDecodeError, json.JSONDecodeError, ValueError):
        raise ConfigError(f"invalid page cursor {cursor[:40]!r}") from None
    if not (isinstance(value, list) and len(value) == 2 and all(isinstance(v, str) for v in value)):
        raise ConfigError(f"invalid page cursor {cursor[:40]!r}")
    return (value[0], value[1])


def page_size(limit: int) -> int:
    """``limit`` clamped to 1..:data:`MAX_PAGE`."""
    return max(1, min(int(limit), MAX_PAGE))


def split_marks(text: str, open_mark: str, close_mark: str) -> tuple[str, Marks]:
    """Remove highlight markers from ``text``: the plain text and the marked offsets."""
    out: list[str] = []
    marks: list[tuple[int, int]] = []
    length, start = 0, -1
    for char in text:
        if char == open_mark:
            start = length
        elif char == close_mark:
            if start >= 0:
                marks.append((start, length))
            start = -1
        else:
            out.append(char)
            length += 1
    return "".join(out), tuple(marks)


__all__ = [
    "MAX_PAGE",
    "EntitySummary",
    "Marks",
    "PageKey",
    "SearchHit",
    "StoryFilter",
    "StorySummary",
    "decode_cursor",
    "encode_cursor",
    "page_size",
    "split_marks",
]
