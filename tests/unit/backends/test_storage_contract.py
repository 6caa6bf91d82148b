"""One contract, every storage backend (memory, SQLite, PostgreSQL: see conftest.py)."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

import pytest

from newsweave.backends.storage.base import Storage
from newsweave.backends.storage.sqlite import SQLiteStorage
from newsweave.errors import NotFoundError
from newsweave.model import Article, ProvenanceEdge, Story, StoryMember

ARTICLE = Article(
    id="orlen-1",
    title="Harbour wall breached",
    text="The harbour wall at Orlen Bay was breached in a storm on Tuesday.",
    url="https://gazette.example/harbour",
    source="gazette.example",
    date=datetime(2025, 6, 3, 8, tzinfo=UTC),
    author="Ines Vale",
    origin="in.jsonl:1",
    removed=("Leave a Reply",),
    extras={"jsonl.topic": "storms", "jsonl.tags": ["a", "b"]},
)


@pytest.fixture
def store(empty_store: Storage) -> Storage:
    return empty_store


def test_round_trip_is_exact(store):
    assert store.add_article(ARTICLE) is True
    assert store.get_article("orlen-1") == ARTICLE


def test_adding_twice_stores_once(store):
    store.add_article(ARTICLE)
    assert store.add_article(replace(ARTICLE, title="changed")) is False
    assert store.count_articles() == 1
    assert store.get_article("orlen-1").title == ARTICLE.title


def test_unknown_id_raises_not_found(store):
    with pytest.raises(NotFoundError):
        store.get_article("nope")
    assert not store.has_article("nope")


def test_iteration_keeps_insertion_order_and_paginates(store):
    for i in range(5):
        store.add_article(replace(ARTICLE, id=f"a{i}"))
    assert [a.id for a in store.iter_articles()] == ["a0", "a1", "a2", "a3", "a4"]
    assert [a.id for a in store.iter_articles(limit=2, offset=1)] == ["a1", "a2"]


def test_search_finds_words(store):
    store.add_article(ARTICLE)
    store.add_article(replace(ARTICLE, id="other", title="Budget vote", text="Council passed it."))
    assert [a.id for a in store.search("harbour storm")] == ["orlen-1"]
    assert store.search("") == []


def test_state_and_input_log(store):
    assert store.get_state("dedup", "index") is None
    store.set_state("dedup", "index", b"\x00\x01")
    store.set_state("dedup", "index", b"\x02")
    assert store.get_state("dedup", "index") == b"\x02"
    for key in ("chunk/002", "chunk/000", "chunk/001", "chunkier", "count"):
        store.set_state("dedup", key, key.encode())
    store.set_state("other", "chunk/000", b"no")
    assert [k for k, _ in store.iter_state("dedup", "chunk/")] == [
        "chunk/000",
        "chunk/001",
        "chunk/002",
    ]
    assert list(store.iter_state("dedup", "chunk/", start="chunk/001")) == [
        ("chunk/001", b"chunk/001"),
        ("chunk/002", b"chunk/002"),
    ]
    store.delete_state("dedup", "chunk/001")
    store.delete_state("dedup", "never-there")
    assert [k for k, _ in store.iter_state("dedup", "chunk/")] == ["chunk/000", "chunk/002"]
    assert store.get_state("other", "chunk/000") == b"no"
    assert not store.input_done("a.txt", "1:2")
    store.mark_input_done("a.txt", "1:2", 1)
    assert store.input_done("a.txt", "1:2")
    assert not store.input_done("a.txt", "1:3")


def test_sqlite_persists_and_is_consistent(tmp_path):
    path = tmp_path / "t.db"
    first = SQLiteStorage(path)
    first.add_article(ARTICLE)
    first.close()
    second = SQLiteStorage(path)
    assert second.get_article("orlen-1") == ARTICLE
    assert second.integrity_ok()
    second.close()


def test_sqlite_refuses_a_newer_schema(tmp_path):
    import sqlite3

    from newsweave.errors import StorageError

    path = tmp_path / "future.db"
    with sqlite3.connect(path) as db:
        db.execute("PRAGMA user_version = 999")
    with pytest.raises(StorageError, match="newer"):
        SQLiteStorage(path)


def test_sqlite_refuses_a_non_database_file(tmp_path):
    from newsweave.errors import StorageError

    path = tmp_path / "junk.db"
    path.write_bytes(b"this is not a database" * 100)
    with pytest.raises(StorageError, match="cannot open"):
        SQLiteStorage(path)


def _three(store: Storage) -> None:
    for i in range(3):
        store.add_article(replace(ARTICLE, id=f"a{i}"))


def test_edges_round_trip_and_replace(store):
    _three(store)
    edge = ProvenanceEdge(child="a1", parent="a0", kind="near", score=0.9, evidence=(("x", "y"),))
    store.put_edges([edge])
    store.put_edges([replace(edge, parent="a2", kind="exact", score=1.0)])
    assert list(store.iter_edges()) == [replace(edge, parent="a2", kind="exact", score=1.0)]
    assert store.edges_of("a2")[0].child == "a1"
    assert store.edges_of("a0") == []


def test_stories_members_merge_and_aliases(store):
    _three(store)
    first = datetime(2025, 1, 1, tzinfo=UTC)
    store.put_stories([Story(id="s1", headline="H1", article_ids=(), first=first, last=first)])
    store.put_stories([Story(id="s2", headline="H2", article_ids=())])
    store.put_members(
        [
            StoryMember(article_id="a2", story_id="s1", score=1.0, explanation={"why": ["x"]}),
            StoryMember(article_id="a0", story_id="s1", score=0.7),
            StoryMember(article_id="a1", story_id="s2", score=1.0),
        ]
    )
    [big, small] = list(store.iter_stories())
    assert big.id == "s1"
    assert big.article_ids == ("a0", "a2")
    assert big.first == first
    assert small.article_ids == ("a1",)
    assert store.member("a2") == StoryMember(
        article_id="a2", story_id="s1", score=1.0, explanation={"why": ["x"]}
    )
    with store.transaction():
        store.put_members([StoryMember(article_id="a1", story_id="s1", score=0.6)])
        store.put_stories([replace(big, aliases=("s2",))])
        store.delete_stories(["s2"])
    assert store.get_story("s2").id == "s1"
    assert [m.article_id for m in store.members_of("s1")] == ["a0", "a1", "a2"]
    with pytest.raises(NotFoundError):
        store.get_story("s9")


def _write_then_fail(store: Storage) -> None:
    with store.transaction():
        store.put_members([StoryMember(article_id="a1", story_id="s1", score=1.0)])
        store.set_state("cluster", "state", b"x")
        raise RuntimeError


def test_a_failed_transaction_writes_nothing(store):
    _three(store)
    with pytest.raises(RuntimeError):
        _write_then_fail(store)
    assert store.member("a1") is None
    assert store.get_state("cluster", "state") is None


def test_sequence_numbers_follow_storage_order(store):
    _three(store)
    store.add_article(replace(ARTICLE, id="a1"))  # already stored: no new number
    after = store.articles_after(0, 10)
    assert [(seq, a.id) for seq, a in after] == [(1, "a0"), (2, "a1"), (3, "a2")]
    assert [a.id for _, a in store.articles_after(2, 10)] == ["a2"]
    assert {s: a.id for s, a in store.articles_by_seq([3, 1, 99]).items()} == {1: "a0", 3: "a2"}


def test_story_docs_round_trip_replace_and_delete(store):
    assert store.get_story_doc("s1", "facts") is None
    doc = {"facts": [{"id": "f1", "sources": ["a", "b"], "score": 0.5}], "n": 2}
    store.put_story_doc("s1", "facts", "stamp-1", doc)
    store.put_story_doc("s1", "summary", "stamp-1", ["one", "two"])
    assert store.get_story_doc("s1", "facts") == ("stamp-1", doc)
    store.put_story_doc("s1", "facts", "stamp-2", {"n": 3})
    assert store.get_story_doc("s1", "facts") == ("stamp-2", {"n": 3})
    store.delete_story_docs(["s1"])
    assert store.get_story_doc("s1", "facts") is None
    assert store.get_story_doc("s1", "summary") is None


def test_story_docs_roll_back_with_the_transaction(store):
    store.put_story_doc("s1", "facts", "old", {"v": 1})

    def crash_mid_story() -> None:
        with store.transaction():
            store.put_story_doc("s1", "facts", "new", {"v": 2})
            raise RuntimeError("crash mid-story")

    with pytest.raises(RuntimeError):
        crash_mid_story()
    assert store.get_story_doc("s1", "facts") == ("old", {"v": 1})
