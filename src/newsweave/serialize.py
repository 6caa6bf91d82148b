"""Exact round-trips between model objects and JSON-compatible dicts."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, cast

from newsweave.model import JSON, Article
from newsweave.text.dates import format_date, parse_date


def article_to_dict(article: Article) -> dict[str, JSON]:
    """Return a JSON-compatible dict with every field of ``article``."""
    return {
        "id": article.id,
        "title": article.title,
        "text": article.text,
        "url": article.url,
        "source": article.source,
        "date": format_date(article.date),
        "author": article.author,
        "origin": article.origin,
        "removed": list(article.removed),
        "extras": dict(article.extras),
    }


def article_from_dict(data: Mapping[str, Any]) -> Article:
    """Rebuild an article from :func:`article_to_dict` output."""
    return Article(
        id=str(data["id"]),
        title=str(data["title"]),
        text=str(data["text"]),
        url=data.get("url"),
        source=data.get("source"),
        date=parse_date(data.get("date")),
        author=data.get("author"),
        origin=data.get("origin"),
        removed=tuple(str(item) for item in data.get("removed") or ()),
        extras=cast(dict[str, JSON], dict(data.get("extras") or {})),
    )
