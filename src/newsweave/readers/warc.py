"""WARC (and ARC) archives: every HTML response record becomes one article."""

from __future__ import annotations

import io
from collections.abc import Callable, Iterator
from dataclasses import replace
from datetime import datetime

from newsweave.errors import InputError
from newsweave.model import Article
from newsweave.text.dates import parse_date

HtmlParser = Callable[[str, bytes, str | None], Article]


def parse_warc(origin: str, data: bytes, parse_html: HtmlParser) -> Iterator[Article | InputError]:
    """Yield an article (or an error) for each HTML ``response`` record of a WARC file."""
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    number = 0
    try:
        for record in ArchiveIterator(io.BytesIO(data), arc2warc=True):
            if record.rec_type != "response":
                continue
            content_type = (
                record.http_headers.get_header("Content-Type") if record.http_headers else ""
            )
            if "html" not in (content_type or "").lower():
                continue
            number += 1
            url = record.rec_headers.get_header("WARC-Target-URI")
            where = f"{origin}#{number}"
            try:
                article = parse_html(where, record.content_stream().read(), url)
            except InputError as exc:
                yield InputError(origin, exc.reason, f"record {number} ({url}): {exc.detail}")
                continue
            if article.date is None:
                fallback = parse_date(record.rec_headers.get_header("WARC-Date"))
                article = _with_date(article, fallback)
            yield article
    except (ArchiveLoadFailed, ValueError, EOFError, OSError) as exc:
        yield InputError(origin, "warc", f"unreadable WARC after {number} records: {exc}")
        return
    if number == 0:
        yield InputError(origin, "no_article", "WARC file holds no HTML response records")


def _with_date(article: Article, date: datetime | None) -> Article:
    return replace(article, date=date) if date is not None else article
