from __future__ import annotations

import io

import pytest

from newsweave.errors import InputError
from newsweave.model import Article
from newsweave.readers.base import build_article
from newsweave.readers.warc import parse_warc


def _warc(records: list[tuple[str, bytes, str]]) -> bytes:
    """Write a small uncompressed WARC by hand (WARC/1.0 response records)."""
    out = io.BytesIO()
    for number, (url, body, content_type) in enumerate(records):
        http = b"HTTP/1.1 200 OK\r\nContent-Type: " + content_type.encode() + b"\r\n\r\n" + body
        head = (
            "WARC/1.0\r\nWARC-Type: response\r\n"
            f"WARC-Record-ID: <urn:uuid:00000000-0000-0000-0000-{number:012d}>\r\n"
            f"WARC-Target-URI: {url}\r\nWARC-Date: 2025-06-03T08:00:00Z\r\n"
            "Content-Type: application/http; msgtype=response\r\n"
            f"Content-Length: {len(http)}\r\n\r\n"
        )
        out.write(head.encode() + http + b"\r\n\r\n")
    return out.getvalue()


def _fake_html(origin: str, data: bytes, url: str | None) -> Article:
    return build_article(origin=origin, title="t", text=data.decode(), url=url)


def test_html_responses_become_articles_with_warc_date():
    data = _warc(
        [
            ("https://gazette.example/a", b"First story text.", "text/html"),
            ("https://gazette.example/logo.png", b"\x89PNG", "image/png"),
            ("https://gazette.example/b", b"Second story text.", "text/html; charset=utf-8"),
        ]
    )
    results = list(parse_warc("crawl.warc", data, _fake_html))
    assert [r.url for r in results if isinstance(r, Article)] == [
        "https://gazette.example/a",
        "https://gazette.example/b",
    ]
    assert all(isinstance(r, Article) and r.date is not None for r in results)


def test_garbage_is_one_warc_error():
    [error] = list(parse_warc("bad.warc", b"WARC/1.0\r\nnonsense" * 10, _fake_html))
    assert isinstance(error, InputError)
    assert error.reason in {"warc", "no_article"}


@pytest.mark.issue(5)
def test_record_without_target_uri_is_an_error_not_a_crash():
    # Found by bench/reliability/fuzz.py: warcio raised AttributeError on this record.
    data = (
        b"WARC/1.0\r\nWARC-Type: response\r\nWA\x87C-Target-URI: https://x.example/\r\n"
        b"WARC-Record-ID: <urn:uuid:00000000-0000-0000-0000-000000000001>\r\n"
        b"Content-Type: applica\xa9i\xb5n!http; msgtype=\x01esponse\r\nContent-Length: 80\r\n\r\n"
        b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n"
        b"<html><body><p>Body text.</p></body></html>\r\n\r\n"
    )
    results = list(parse_warc("fuzzed.warc", data, _fake_html))
    assert all(isinstance(r, Article | InputError) for r in results)
    assert any(isinstance(r, InputError) for r in results)
