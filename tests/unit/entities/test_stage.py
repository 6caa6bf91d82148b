"""The entities stage keeps its table in memory between batches, and reloads when it must."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from newsweave.backends.storage.memory import MemoryStorage
from newsweave.model import JSON, Article
from newsweave.pipeline import Context
from newsweave.stages.entities import EntitiesStage


class CountingStorage(MemoryStorage):
    """A memory store that counts full reads of the entity table."""

    def __init__(self) -> None:
        super().__init__()
        self.full_reads = 0

    def iter_entities(self) -> Iterator[dict[str, JSON]]:
        self.full_reads += 1
        return super().iter_entities()


def _article(i: int, text: str) -> Article:
    return Article(id=f"a{i}", title=f"Report {i}", text=text)


A = "Mayor Teodor Vance opened the new flood barrier in Rotterdam on Monday."
B = "Teodor Vance said the barrier had cost forty million euros, the council reported."
C = "Critics of Teodor Vance said the work in Rotterdam came too late."


def _run(stage: EntitiesStage, store: MemoryStorage, batch: list[Article]) -> None:
    with store.transaction():
        list(stage.run(batch, Context(storage=store)))


def _run_then_crash(stage: EntitiesStage, store: MemoryStorage, batch: list[Article]) -> None:
    with store.transaction():
        list(stage.run(batch, Context(storage=store)))
        raise RuntimeError("crash after the stage wrote its records")


def _vance(store: MemoryStorage) -> list[dict[str, JSON]]:
    return [e for e in store.iter_entities() if "Teodor Vance" in str(e)]


@pytest.fixture(scope="module")
def stage() -> EntitiesStage:
    return EntitiesStage()


def test_later_batches_reuse_the_cached_table(stage):
    store = CountingStorage()
    _run(stage, store, [_article(1, A)])
    _run(stage, store, [_article(2, B)])
    _run(stage, store, [_article(3, C)])
    assert store.full_reads == 1
    assert len(_vance(store)) == 1
    assert store.get_state(stage.name, "revision") == b"3"


def test_a_rolled_back_batch_makes_the_stage_reload(stage):
    store = CountingStorage()
    _run(stage, store, [_article(1, A)])
    with pytest.raises(RuntimeError, match="crash"):
        _run_then_crash(stage, store, [_article(2, B)])
    _run(stage, store, [_article(3, C)])
    assert store.full_reads == 2
    assert store.get_state(stage.name, "revision") == b"2"
    assert len(_vance(store)) == 1


def test_another_store_gets_its_own_table(stage):
    first, second = CountingStorage(), CountingStorage()
    _run(stage, first, [_article(1, A)])
    _run(stage, second, [_article(2, A)])
    assert second.full_reads == 1
    [vance] = _vance(second)
    assert {m.article_id for m in second.mentions_of(entity_id=str(vance["id"]))} == {"a2"}
