"""The end-to-end acceptance case: the two real seed articles in ../shared/seeds."""

from __future__ import annotations

import json

from newsweave.text.normalize import normalize_text, paragraphs

FARM = "000_3f672da1c0f5fc9e.txt"
INDEPENDENT = "004_10ea162e37ded490.txt"
HEADLINE = "Kim Jong-un visits Russia amid U.S. concerns about a potential arms trade."
BOILERPLATE = ("Leave a Reply", "Your email address", "Required fields")


def _articles(newsweave) -> dict[str, dict[str, object]]:
    result = newsweave("articles", "--json")
    assert result.returncode == 0, result.stderr
    return {str(a["origin"]).rsplit("/", 1)[-1]: a for a in json.loads(result.stdout)}


def test_ingest_twice_stores_two_articles(newsweave, seeds_dir):
    first = newsweave("ingest", str(seeds_dir))
    assert first.returncode == 0, first.stderr
    second = newsweave("ingest", str(seeds_dir))
    assert second.returncode == 0, second.stderr
    articles = _articles(newsweave)
    assert len(articles) == 2
    for article in articles.values():
        assert {"id", "title", "text", "source", "date", "url"} <= set(article)


def test_content_farm_copy_is_cleaned_and_keeps_every_sentence(newsweave, seeds_dir):
    newsweave("ingest", str(seeds_dir))
    farm = _articles(newsweave)[FARM]
    title, text = str(farm["title"]), str(farm["text"])
    assert title == HEADLINE
    assert f"{title}\n{text}".count(HEADLINE) == 1
    for phrase in BOILERPLATE:
        assert phrase not in text
    assert "divya" not in text.split()
    body = paragraphs(normalize_text((seeds_dir / FARM).read_text()))[2:-3]
    assert len(body) == 8
    for paragraph in body:
        assert paragraph in text


def test_article_without_headline_keeps_its_first_paragraph(newsweave, seeds_dir):
    newsweave("ingest", str(seeds_dir))
    article = _articles(newsweave)[INDEPENDENT]
    first = paragraphs(normalize_text((seeds_dir / INDEPENDENT).read_text()))[0]
    assert str(article["text"]).startswith(first)
    assert str(article["title"]).startswith("North Korean leader Kim Jong Un has made")
