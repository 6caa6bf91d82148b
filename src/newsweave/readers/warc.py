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
    number = 0
    try:
        for url, date, payload in _html_records(data):
            number += 1
            try:
                article = parse_html(f"{origin}#{number}", payload, url)
            except InputError as exc:
                yield InputError(origin, exc.reason, f"record {number} ({url}): {exc.detail}")
                continue
            yield article if article.date is not None else replace(article, date=date)
    except _WarcBroken as exc:
        yield InputError(origin, "warc", f"unreadable WARC after {number} records: {exc}")
        return
    if number == 0:
        yield InputError(origin, "no_article", "WARC file holds no HTML response records")


class _WarcBroken(Exception):
    """The archive cannot be parsed further."""


def _html_records(data: bytes) -> Iterator[tuple[str | None, datetime | None, bytes]]:
    """Yield (url, WARC date, payload) of HTML responses; raise _WarcBroken on bad framing."""
    from warcio.archiveiterator import ArchiveIterator

    records = iter(ArchiveIterator(io.BytesIO(data), arc2warc=True))
    while True:
        try:
            record = next(records)
            if record.rec_type != "response" or record.http_headers is None:
                continue
            content_type = record.http_headers.get_header("Content-Type") or ""
            if "html" not in content_type.lower():
                continue
            url = record.rec_headers.get_header("WARC-Target-URI")
            date = parse_date(record.rec_headers.get_header("WARC-Date"))
            payload = record.content_stream().read()
        except StopIteration:
            return
        except Exception as exc:
            # warcio raises many kinds of errors (even AttributeError) on malformed framing.
            raise _WarcBroken(f"{type(exc).__name__}: {exc}") from None
        yield url, date, payload
