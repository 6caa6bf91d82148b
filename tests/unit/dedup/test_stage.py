"""The dedup stage keeps its index as an append-only journal in storage."""

from __future__ import annotations

import random

import pytest

from newsweave.backends.storage.memory import MemoryStorage
from newsweave.model import Article
from newsweave.pipeline import Context
from newsweave.stages.dedup import DedupStage

_SYLLABLES = ["bar", "ten", "lo", "mik", "sa", "dor", "vel", "ko", "rin", "tu", "pel", "an"]


def _article(i: int) -> Article:
    """A distinct fictional report: twelve sentences of seeded made-up words."""
    rng = random.Random(i)
    words = ["".join(rng.sample(_SYLLABLES, 3)) for _ in range(120)]
    sentences = [" ".join(words[k * 10 : k * 10 + 10]).capitalize() + "." for k in range(12)]
    return Article(id=f"a{i}", title=f"Report {i}", text=" ".join(sentences))


def _copy(original: Article, new_id: str) -> Article:
    return Article(id=new_id, title=original.title, text="Breaking News\n\n" + original.text)


def _run(stage: DedupStage, store: MemoryStorage, batch: list[Article]) -> None:
    """Store the batch (as ingest does), then analyse it in one transaction."""
    for article in batch:
        store.add_article(article)
    with store.transaction():
        list(stage.run(batch, Context(storage=store)))


def _run_then_crash(stage: DedupStage, store: MemoryStorage, batch: list[Article]) -> None:
    for article in batch:
        store.add_article(article)
    with store.transaction():
        list(stage.run(batch, Context(storage=store)))
        raise RuntimeError("crash after the stage wrote its chunk")


def _parent(store: MemoryStorage, child: str) -> str | None:
    edges = [e for e in store.edges_of(child) if e.child == child]
    return edges[0].parent if edges else None


def test_each_batch_appends_one_chunk_and_the_count():
    store, stage = MemoryStorage(), DedupStage()
    _run(stage, store, [_article(i) for i in range(5)])
    _run(stage, store, [_article(i) for i in range(5, 8)])
    chunks = [key for key, _ in store.iter_state(stage.name, "chunk/")]
    assert chunks == ["chunk/000000000000", "chunk/000000000005"]
    assert store.get_state(stage.name, "count") == b"8"
    assert store.get_state(stage.name, "index") is None


def test_a_new_stage_instance_finds_copies_of_earlier_batches():
    store = MemoryStorage()
    _run(DedupStage(), store, [_article(i) for i in range(6)])
    _run(DedupStage(), store, [_copy(_article(3), "copy-of-a3")])
    assert _parent(store, "copy-of-a3") == "a3"


def test_a_rolled_back_batch_is_forgotten_by_the_cached_index():
    store, stage = MemoryStorage(), DedupStage()
    _run(stage, store, [_article(i) for i in range(4)])
    with pytest.raises(RuntimeError, match="crash"):
        _run_then_crash(stage, store, [_article(4), _article(5)])
    assert store.get_state(stage.name, "count") == b"4"
    _run(stage, store, [_copy(_article(2), "copy-of-a2")])
    assert _parent(store, "copy-of-a2") == "a2"
    assert store.get_state(stage.name, "count") == b"5"
    assert [k for k, _ in store.iter_state(stage.name, "chunk/")] == [
        "chunk/000000000000",
        "chunk/000000000004",
    ]
