"""The dedup stage keeps its index as an append-only journal in storage."""

from __future__ import annotations

import random

import pytest

from newsweave.backends.executors.local import LocalExecutor
from newsweave.backends.storage.memory import MemoryStorage
from newsweave.model import Article
from newsweave.pipeline import Context
from newsweave.stages import dedup
from newsweave.stages.dedup import DedupStage, verify_units

_SYLLABLES = ["bar", "ten", "lo", "mik", "sa", "dor", "vel", "ko", "rin", "tu", "pel", "an"]


def _article(i: int) -> Article:
    """A distinct fictional report: twelve sentences of seeded made-up words."""
    rng = random.Random(i)
    words = ["".join(rng.sample(_SYLLABLES, 3)) for _ in range(120)]
    sentences = [" ".join(words[k * 10 : k * 10 + 10]).capitalize() + "." for k in range(12)]
    return Article(id=f"a{i}", title=f"Report {i}", text=" ".join(sentences))


def _copy(original: Article, new_id: str) -> Article:
    return Article(id=new_id, title=original.title, text="Breaking News\n\n" + original.text)


def _run(
    stage: DedupStage, store: MemoryStorage, batch: list[Article], executor: object = None
) -> None:
    """Store the batch (as ingest does), then analyse it in one transaction."""
    for article in batch:
        store.add_article(article)
    with store.transaction():
        list(stage.run(batch, Context(storage=store, executor=executor)))


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


def _edges(store: MemoryStorage) -> list[tuple[str, str, str, float]]:
    return sorted(
        (e.parent, e.child, e.kind, e.score)
        for a in store.iter_articles()
        for e in store.edges_of(a.id)
        if e.child == a.id
    )


def _copies_batch() -> list[Article]:
    """Ten reports, two copies of a3 (one edited), a copy of a7 and of that copy."""
    originals = [_article(i) for i in range(10)]
    edited = Article(id="edit-a3", title="x", text=originals[3].text.replace("Lo", "Lu", 3))
    second = _copy(originals[7], "copy-a7")
    return [*originals, _copy(originals[3], "copy-a3"), edited, second, _copy(second, "copy-2")]


def test_verification_units_in_worker_processes_give_the_same_edges(monkeypatch):
    here, pooled = MemoryStorage(), MemoryStorage()
    _run(DedupStage(), here, [_article(i) for i in range(3)])
    _run(DedupStage(), here, _copies_batch())
    monkeypatch.setattr(dedup, "UNIT_CHECKS", 1)  # a unit per check: several per worker
    _run(DedupStage(), pooled, [_article(i) for i in range(3)], LocalExecutor(2))
    _run(DedupStage(), pooled, _copies_batch(), LocalExecutor(2))
    assert _edges(pooled) == _edges(here)
    assert _parent(pooled, "copy-a3") == "a3"
    assert {_parent(pooled, "copy-2"), _parent(pooled, "copy-a7")} <= {"a7", "copy-a7"}


def test_connected_checks_share_a_unit_and_each_text_goes_once():
    articles = {a.id: a for a in (_article(i) for i in range(6))}
    checks = [(0, "a0", ("a1",)), (1, "a2", ("a3",)), (2, "a1", ("a4",)), (3, "a5", ())]
    units = verify_units(checks, articles, lambda i: pytest.fail(f"read {i}"), size=3)
    # a0-a1-a4 are connected and fill a unit; a2-a3 follow; a5 has nothing to verify.
    assert [u.checks for u in units] == [(checks[0], checks[2], checks[1])]
    assert [a.id for a in units[0].articles] == ["a0", "a1", "a4", "a2", "a3"]
    cut = verify_units(checks, articles, lambda i: pytest.fail(f"read {i}"), size=1)
    assert [c for u in cut for c in u.checks] == [checks[0], checks[2], checks[1]]
    assert [[a.id for a in u.articles] for u in cut] == [["a0", "a1"], ["a1", "a4"], ["a2", "a3"]]


def test_candidates_stored_by_an_earlier_run_are_read_from_the_store():
    read: list[str] = []

    def load(article_id: str) -> Article:
        read.append(article_id)
        return _article(9)

    units = verify_units([(0, "a1", ("a9",))], {"a1": _article(1)}, load)
    assert read == ["a9"]
    assert [a.id for a in units[0].articles] == ["a1", "a9"]
