"""Main-text and metadata extraction from one HTML page.

:func:`extract_html` runs trafilatura twice on the page — once in precision mode with its
readability/justext fallbacks, once with its main extractor alone in recall mode — keeps the
precision text while the two agree in size, then repairs the result with a few DOM-based
corrections (see :mod:`newsweave.readers._html_text`): missed sibling chunks of a split article
are added back, a copy of the headline at the top is removed, and headline-like link teasers
and navigation/footer lines are dropped. On the Scrapinghub/Zyte Article Extraction Benchmark
(``bench/quality/aeb.py``) this scores higher than trafilatura's own defaults.

The page's other text blocks are returned in :attr:`Extracted.removed`, so a user can audit
what was thrown away.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any
from urllib.parse import urlsplit

from trafilatura import bare_extraction
from trafilatura.utils import decode_file, load_html

from newsweave.errors import InputError
from newsweave.readers._html_meta import find_published
from newsweave.readers._html_text import (
    choose_body,
    drop_boilerplate_lines,
    drop_title_lines,
    extend_with_sibling_chunks,
    norm,
    page_blocks,
    removed_blocks,
)

#: At most this many removed blocks are kept for audit, each cut to this many characters.
MAX_REMOVED_BLOCKS, MAX_REMOVED_CHARS = 200, 300

# Shared trafilatura options: no reader comments, keep tables, plain-text output.
_COMMON: dict[str, Any] = {"include_comments": False, "include_tables": True}


@dataclass(frozen=True, slots=True, kw_only=True)
class Extracted:
    """What :func:`extract_html` found on a page.

    Attributes:
        title: the headline, if found.
        text: the main article text, paragraphs separated by a blank line.
        date: publication time as a timezone-aware UTC datetime, if found.
        author: author name(s) as given by the page, if found.
        site: the site's name, else its host name.
        url: the page URL (the one given, else the page's canonical URL).
        removed: page text blocks that were not kept (boilerplate), capped for audit.
    """

    title: str | None
    text: str
    date: datetime | None
    author: str | None
    site: str | None
    url: str | None
    removed: tuple[str, ...]


def _decode(html: str | bytes, path: str) -> str:
    """Decode the page (guessing the encoding of bytes); reject empty input."""
    text = decode_file(html) if isinstance(html, bytes) else html
    if not text.strip():
        raise InputError(path, "empty", "the HTML page is empty")
    return text


def _run(page: str, url: str | None, **options: Any) -> Any:  # noqa: ANN401 - trafilatura Document
    """One trafilatura run; returns its document object or None."""
    return bare_extraction(page, url=url, **_COMMON, **options)


def _main_lines(
    tree: Any,  # noqa: ANN401 - lxml element (untyped)
    precise: str,
    broad: str,
    title: str | None,
) -> tuple[list[str], list[str]]:
    """Choose and repair the main text; return (kept lines, lines dropped by the repairs)."""
    body = choose_body(precise, broad)
    lines = [line for line in (norm(raw) for raw in body.split("\n")) if line]
    lines = extend_with_sibling_chunks(tree, lines)
    lines, no_title = drop_title_lines(lines, title)
    lines, boilerplate = drop_boilerplate_lines(tree, lines)
    return lines, [*no_title, *boilerplate]


def _site(doc: Any, url: str | None) -> str | None:  # noqa: ANN401
    """Site name from the page metadata, else the URL's host."""
    name = getattr(doc, "sitename", None) or getattr(doc, "hostname", None)
    if name:
        return str(name)
    host = urlsplit(url).hostname if url else None
    return host.removeprefix("www.") if host else None


def _meta(doc: Any, attr: str) -> str | None:  # noqa: ANN401
    """A stripped, non-empty string attribute of a trafilatura document, else None."""
    value = getattr(doc, attr, None) if doc is not None else None
    return (norm(value) or None) if isinstance(value, str) else None


def _body(doc: Any) -> str:  # noqa: ANN401
    """The main text of a trafilatura document ("" when there is none)."""
    value = getattr(doc, "text", None) if doc is not None else None
    return value if isinstance(value, str) else ""


def extract_html(html: str | bytes, *, url: str | None = None, path: str = "<html>") -> Extracted:
    """Extract the main article text and metadata from one HTML page.

    Args:
        html: the page, as text or as bytes in any encoding (gzip-compressed bytes are
            accepted too).
        url: the page's URL, when known; helps metadata and link handling.
        path: the file (or record) the page came from, for error messages.

    Returns:
        The extracted article.

    Raises:
        InputError: reason ``"empty"`` for an empty page, ``"no_article"`` when no article
            text can be found.
    """
    page = _decode(html, path)
    tree = load_html(page)
    if tree is None:
        raise InputError(path, "no_article", "the page cannot be parsed as HTML")
    precise = _run(page, url, favor_precision=True, with_metadata=True)
    broad = _run(page, url, favor_recall=True, fast=True)
    title = _meta(precise, "title")
    lines, dropped = _main_lines(tree, _body(precise), _body(broad), title)
    text = "\n\n".join(lines)
    if not any(ch.isalnum() for ch in text):
        raise InputError(path, "no_article", "no article text found on the page")
    removed = removed_blocks(
        [*dropped, *page_blocks(tree)], text, limit=MAX_REMOVED_BLOCKS, max_chars=MAX_REMOVED_CHARS
    )
    return Extracted(
        title=title,
        text=text,
        date=find_published(tree, _meta(precise, "date")),
        author=_meta(precise, "author"),
        site=_site(precise, url),
        url=url or _meta(precise, "url"),
        removed=removed,
    )
