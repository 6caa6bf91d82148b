from __future__ import annotations

from newsweave.errors import InputError
from newsweave.model import Article
from newsweave.readers.feed import parse_feed

RSS = b"""<?xml version="1.0"?>
<rss version="2.0"><channel><title>Orlen Gazette</title><link>https://gazette.example/</link>
<item><title>Harbour wall breached</title><link>https://gazette.example/harbour</link>
<guid>harbour-1</guid><pubDate>Tue, 03 Jun 2025 08:00:00 GMT</pubDate>
<description>&lt;p&gt;The harbour wall at Orlen Bay was breached.&lt;/p&gt;
&lt;script&gt;alert(1)&lt;/script&gt;</description>
</item>
<item><title>Empty</title><link>https://gazette.example/empty</link><description></description></item>
</channel></rss>"""


def test_rss_items_become_articles_and_empty_items_errors():
    results = list(parse_feed("feed.rss", RSS))
    article, error = results
    assert isinstance(article, Article)
    assert article.id == "harbour-1"
    assert article.title == "Harbour wall breached"
    assert article.text == "The harbour wall at Orlen Bay was breached."
    assert article.source == "Orlen Gazette"
    assert article.date is not None
    assert article.date.day == 3
    assert isinstance(error, InputError)
    assert "entry 2" in error.detail


def test_not_a_feed_is_one_error():
    [error] = list(parse_feed("x.rss", b"<html><body>hello</body></html>"))
    assert isinstance(error, InputError)
    assert error.reason == "feed"
