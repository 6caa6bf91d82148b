"""One contract, every storage backend (PostgreSQL joins this list when it exists)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime

import pytest

from newsweave.backends.storage.base import Storage
from newsweave.backends.storage.memory import MemoryStorage
from newsweave.backends.storage.sqlite import SQLiteStorage
from newsweave.errors import NotFoundError
from newsweave.model import Article

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


@pytest.fixture(params=["memory", "sqlite"])
def store(request, tmp_path) -> Iterator[Storage]:
    backend: Storage = (
        MemoryStorage() if request.param == "memory" else SQLiteStorage(tmp_path / "t.db")
    )
    yield backend
    backend.close()


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
