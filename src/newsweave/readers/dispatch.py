"""Find input files, read them safely (size limits, gzip bombs, binary data) and pick a reader."""

from __future__ import annotations

import gzip
import io
import sys
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from newsweave.errors import InputError
from newsweave.model import Article
from newsweave.readers.base import build_article, decode_utf8
from newsweave.readers.feed import parse_feed
from newsweave.readers.jsonl import parse_jsonl
from newsweave.readers.txt import parse_txt
from newsweave.readers.warc import parse_warc
from newsweave.text.timelimit import TimeLimitExceeded, time_limit

STDIN = "-"
_KINDS = {
    ".txt": "txt",
    ".text": "txt",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".json": "jsonl",
    ".warc": "warc",
    ".arc": "warc",
    ".rss": "feed",
    ".atom": "feed",
    ".xml": "feed",
}
_SNIFF_BYTES = 8192


@dataclass(frozen=True, slots=True, kw_only=True)
class ReadLimits:
    """Limits applied to every input file.

    Attributes:
        max_bytes: largest accepted file, after decompression (default 50 MiB).
        html_seconds: time limit for extracting one HTML page (default 30 s; 0 = none).
    """

    max_bytes: int = 50 * 1024 * 1024
    html_seconds: float = 30.0


def iter_input_paths(paths: Iterable[str | Path]) -> Iterator[str]:
    """Expand directories recursively (sorted, hidden files skipped); ``-`` means stdin."""
    for raw in paths:
        name = str(raw)
        path = Path(name)
        if name == STDIN or not path.is_dir():
            yield name
            continue
        for child in sorted(path.rglob("*")):
            hidden = any(part.startswith(".") for part in child.relative_to(path).parts)
            if child.is_file() and not hidden:
                yield str(child)


def read_input(name: str, limits: ReadLimits | None = None) -> Iterator[Article | InputError]:
    """Read one input (file path or ``-``) and yield its raw articles or errors."""
    limits = limits or ReadLimits()
    try:
        data = _load(name, limits)
        kind = _kind_of(name, data)
        yield from _parse(name, kind, data, limits)
    except InputError as exc:
        yield exc


def read_bytes(
    name: str, data: bytes, limits: ReadLimits | None = None
) -> Iterator[Article | InputError]:
    """Read one input given as bytes (``name`` picks the reader by its suffix, else sniffed)."""
    limits = limits or ReadLimits()
    try:
        if len(data) > limits.max_bytes:
            raise InputError(name, "too_large", f"larger than the {limits.max_bytes}-byte limit")
        if not data.strip():
            raise InputError(name, "empty", "input is empty")
        yield from _parse(name, _kind_of(name, data), data, limits)
    except InputError as exc:
        yield exc


def _load(name: str, limits: ReadLimits) -> bytes:
    if name == STDIN:
        data = sys.stdin.buffer.read(limits.max_bytes + 1)
    else:
        data = _read_file(name, limits)
    if len(data) > limits.max_bytes:
        raise InputError(name, "too_large", f"larger than the {limits.max_bytes}-byte limit")
    if name.endswith(".gz") or data[:2] == b"\x1f\x8b":
        if _strip_gz(name).endswith((".warc", ".arc")):
            return data  # warcio reads gzipped WARC records itself
        data = _gunzip(name, data, limits.max_bytes)
    if not data.strip():
        raise InputError(name, "empty", "file is empty")
    return data


def _read_file(name: str, limits: ReadLimits) -> bytes:
    path = Path(name)
    try:
        if not path.exists():
            raise InputError(name, "unreadable", "no such file")
        if path.stat().st_size > limits.max_bytes:
            raise InputError(name, "too_large", f"larger than the {limits.max_bytes}-byte limit")
        with path.open("rb") as handle:
            return handle.read(limits.max_bytes + 1)
    except OSError as exc:
        raise InputError(name, "unreadable", exc.strerror or str(exc)) from None


def _gunzip(name: str, data: bytes, max_bytes: int) -> bytes:
    """Decompress gzip with a bound on the output, so a gzip bomb is refused, not expanded."""
    try:
        with gzip.GzipFile(fileobj=io.BytesIO(data)) as stream:
            out = stream.read(max_bytes + 1)
    except (OSError, EOFError, zlib.error) as exc:
        raise InputError(name, "gzip", f"corrupt or truncated gzip data ({exc})") from None
    if len(out) > max_bytes:
        raise InputError(name, "too_large", f"decompresses to more than {max_bytes} bytes")
    return out


def _strip_gz(name: str) -> str:
    return name.lower().removesuffix(".gz")


def _kind_of(name: str, data: bytes) -> str:
    suffix = Path(_strip_gz(name)).suffix.lower()
    if suffix in _KINDS:
        return _KINDS[suffix]
    head = data[:_SNIFF_BYTES].lstrip()
    if head.startswith(b"WARC/"):
        return "warc"
    if b"\x00" in head:
        raise InputError(name, "binary", "binary data, not a text, HTML, JSON, WARC or feed file")
    lowered = head[:512].lower()
    if head.startswith((b"{", b"[")):
        return "jsonl"
    if b"<rss" in lowered or b"<feed" in lowered:
        return "feed"
    if head.startswith(b"<"):
        return "html"
    if name == STDIN or not suffix:
        return "txt"
    raise InputError(name, "unsupported", f"unsupported file type '{suffix}'")


def _parse(name: str, kind: str, data: bytes, limits: ReadLimits) -> Iterator[Article | InputError]:
    def html_article(origin: str, page: bytes, url: str | None) -> Article:
        try:
            with time_limit(limits.html_seconds):
                return _html_article(origin, page, url)
        except TimeLimitExceeded as exc:
            raise InputError(origin, "timeout", f"HTML extraction {exc}") from None

    if kind == "warc":
        yield from parse_warc(name, data, html_article)
        return
    if b"\x00" in data[:_SNIFF_BYTES]:
        raise InputError(name, "binary", "binary data, not a text, HTML, JSON, WARC or feed file")
    if kind == "feed":
        yield from parse_feed(name, data)
    elif kind == "html":
        yield html_article(name, data, None)
    elif kind == "jsonl":
        yield from parse_jsonl(name, decode_utf8(name, data))
    else:
        yield parse_txt(name, decode_utf8(name, data))


def _html_article(origin: str, data: bytes, url: str | None) -> Article:
    from newsweave.readers.html import extract_html

    page = extract_html(data, url=url, path=origin)
    return build_article(
        origin=origin,
        title=page.title,
        text=page.text,
        url=page.url or url,
        source=page.site,
        date=page.date,
        author=page.author,
        removed=page.removed,
    )
