"""Shared helpers for readers: article ids, source names, decoding."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from urllib.parse import urlsplit

from newsweave.errors import InputError
from newsweave.model import JSON, Article, stable_id
from newsweave.text.normalize import fingerprint, normalize_text

# Longest accepted input id; longer ids are hashed so keys stay short and printable.
_MAX_ID_LENGTH = 128


def article_id(*, input_id: str | None, url: str | None, text: str) -> str:
    """Return the input's own id when usable, else a hash of the URL, else of the text."""
    if input_id and len(input_id) <= _MAX_ID_LENGTH and input_id.isprintable():
        return input_id
    if input_id:
        return stable_id("a", "id", input_id)
    if url:
        return stable_id("a", "url", canonical_url(url))
    return stable_id("a", "text", fingerprint(text))


def canonical_url(url: str) -> str:
    """Lower-case scheme and host, drop the fragment and a trailing slash."""
    parts = urlsplit(url.strip())
    path = parts.path.rstrip("/") or "/"
    query = f"?{parts.query}" if parts.query else ""
    return f"{parts.scheme.lower()}://{parts.netloc.lower()}{path}{query}"


def host_of(url: str | None) -> str | None:
    """Return the host of ``url`` without a leading ``www.``, or None."""
    if not url:
        return None
    host = urlsplit(url.strip()).hostname
    if not host:
        return None
    return host.removeprefix("www.")


def build_article(
    *,
    origin: str,
    title: str | None,
    text: str,
    input_id: str | None = None,
    url: str | None = None,
    source: str | None = None,
    date: datetime | None = None,
    author: str | None = None,
    removed: tuple[str, ...] = (),
    extras: Mapping[str, JSON] | None = None,
) -> Article:
    """Build a raw article, deriving its id and source; raise InputError if it has no text."""
    body = normalize_text(text)
    if not body:
        raise InputError(origin, "no_article", "no article text found")
    return Article(
        id=article_id(input_id=input_id, url=url, text=body),
        title=normalize_text(title or "").replace("\n", " "),
        text=body,
        url=url or None,
        source=source or host_of(url),
        date=date,
        author=author or None,
        origin=origin,
        removed=removed,
        extras=dict(extras or {}),
    )


def decode_utf8(origin: str, data: bytes) -> str:
    """Decode UTF-8 (a BOM is dropped); raise InputError naming the bad byte offset."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(
            origin,
            "encoding",
            f"not valid UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start}); "
            "convert the file to UTF-8",
        ) from None
