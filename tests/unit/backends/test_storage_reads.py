"""The read-model part of the storage contract: every backend pages and filters the same."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

import pytest

from newsweave.backends.storage.base import Storage
from newsweave.model import Article, Mention, ProvenanceEdge, Story, StoryMember
from newsweave.read import StoryFilter

BASE = Article(id="x", title="t", text="t", source="gazette.example")


def _day(d: int) -> datetime:
    return datetime(2025, 6, d, 8, tzinfo=UTC)


@pytest.fixture
def store(empty_store: Storage) -> Storage:
    _fill(empty_store)
    return empty_store


def _fill(store: Storage) -> None:
    """Three stories: harbour (2 outlets, days 1-3), budget (day 5), undated (no date)."""
    articles = [
        replace(BASE, id="h1", title="Harbour wall breached", text="Storm at Orlen Bay harbour."),
        replace(
            BASE,
            id="h2",
            title="Harbour repairs",
            text="Orlen harbour repairs begin.",
            source="courier.example",
        ),
        replace(BASE, id="b1", title="Budget vote", text="The council passed the budget."),
        replace(BASE, id="u1", title="Undated note", text="A note with no date.", source=None),
    ]
    for article in articles:
        store.add_article(article)
    store.put_stories(
        [
            Story(id="s-harbour", headline="Harbour", article_ids=(), first=_day(1), last=_day(3)),
            Story(id="s-budget", headline="Budget", article_ids=(), first=_day(5), last=_day(5)),
            Story(id="s-undated", headline="Undated", article_ids=()),
        ]
    )
    store.put_members(
        [
            StoryMember(article_id="h1", story_id="s-harbour", score=1.0),
            StoryMember(article_id="h2", story_id="s-harbour", score=0.8),
            StoryMember(article_id="b1", story_id="s-budget", score=1.0),
            StoryMember(article_id="u1", story_id="s-undated", score=1.0),
        ]
    )
    store.put_entities(
        [
            {"id": "e-orlen", "name": "Orlen Bay", "label": "LOC"},
            {"id": "e-council", "name": "Orlen Council", "label": "ORG"},
            {"id": "e-ines", "name": "Ines Vale", "label": "PERSON"},
        ]
    )
    store.put_mentions(
        [
            Mention(
                entity_id="e-orlen", article_id="h1", text="Orlen Bay", start=9, end=18, label="LOC"
            ),
            Mention(
                entity_id="e-orlen", article_id="h2", text="Orlen", start=0, end=5, label="LOC"
            ),
            Mention(
                entity_id="e-council", article_id="b1", text="council", start=4, end=11, label="ORG"
            ),
        ]
    )
    store.put_edges([ProvenanceEdge(child="h2", parent="h1", kind="near", score=0.9)])


def _ids(rows) -> list[str]:
    return [r.id for r in rows]


def test_story_page_is_newest_first_with_undated_last(store):
    rows = store.story_page(StoryFilter())
    assert _ids(rows) == ["s-budget", "s-harbour", "s-undated"]
    harbour = rows[1]
    assert harbour.article_ids == ("h1", "h2")
    assert harbour.sources == ("courier.example", "gazette.example")
    assert harbour.first == _day(1)
    assert harbour.last == _day(3)


def test_story_page_cursor_walks_every_story_once(store):
    seen, after = [], None
    while page := store.story_page(StoryFilter(), after=after, limit=1):
        seen.extend(_ids(page))
        after = page[-1].key
    assert seen == ["s-budget", "s-harbour", "s-undated"]


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        (StoryFilter(q="harbour"), ["s-harbour"]),
        (StoryFilter(q="council budget"), ["s-budget"]),
        (StoryFilter(q="nowhere"), []),
        (StoryFilter(entity="e-orlen"), ["s-harbour"]),
        (StoryFilter(source="courier.example"), ["s-harbour"]),
        (StoryFilter(since=_day(4)), ["s-budget"]),
        (StoryFilter(until=_day(2)), ["s-harbour"]),
        (StoryFilter(since=_day(2), until=_day(2)), ["s-harbour"]),
        (StoryFilter(q="orlen", source="gazette.example"), ["s-harbour"]),
    ],
)
def test_story_page_filters(store, filters, expected):
    assert _ids(store.story_page(filters)) == expected


def test_story_articles_join_members_and_articles(store):
    pairs = store.story_articles("s-harbour")
    assert [(m.article_id, m.score, a.title) for m, a in pairs] == [
        ("h1", 1.0, "Harbour wall breached"),
        ("h2", 0.8, "Harbour repairs"),
    ]
    assert store.story_articles("unknown") == []


def test_get_articles_and_edges_among(store):
    assert sorted(store.get_articles(["h1", "b1", "nope"])) == ["b1", "h1"]
    assert store.get_articles([]) == {}
    assert [(e.child, e.parent) for e in store.edges_among(["h1"])] == [("h2", "h1")]
    assert store.edges_among(["b1"]) == []


def test_story_entities_count_mentions_in_the_story(store):
    rows = store.story_entities("s-harbour")
    assert [(r.id, r.mentions, r.articles) for r in rows] == [("e-orlen", 2, 2)]
    assert store.story_entities("s-undated") == []


def test_entity_page_filters_by_name_and_pages(store):
    assert _ids(store.entity_page()) == ["e-ines", "e-orlen", "e-council"]
    assert [r.mentions for r in store.entity_page()] == [0, 2, 1]
    assert _ids(store.entity_page("ORLEN")) == ["e-orlen", "e-council"]
    assert _ids(store.entity_page("100%_")) == []
    first = store.entity_page(limit=2)
    assert _ids(store.entity_page(after=first[-1].key)) == ["e-council"]


def test_search_hits_mark_the_matched_words(store):
    [hit] = store.search_hits("budget")
    assert hit.article_id == "b1"
    assert hit.title == "Budget vote"
    [(start, end)] = hit.marks
    assert hit.snippet[start:end].casefold() == "budget"
    assert store.search_hits("   ") == []


@pytest.mark.parametrize("query", ["budget\x00", '"budget', "budget\x1b[0m", "bud\nget OR", "\x00"])
def test_search_survives_control_characters_and_quotes(store, query):
    hits = store.search_hits(query)
    assert isinstance(hits, list)
    assert all(h.article_id == "b1" for h in hits)
