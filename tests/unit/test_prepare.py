"""Stages give the same result with work prepared ahead (batch workers) as without (issue 17)."""

from __future__ import annotations

import pytest

from newsweave.backends.storage.memory import MemoryStorage
from newsweave.model import Article
from newsweave.pipeline import Context, PreparingStage
from newsweave.stages.cluster import ClusterStage
from newsweave.stages.dedup import DedupStage

pytestmark = [pytest.mark.issue(17)]

BASE = (
    "The harbour wall at Orlen Bay was breached in a storm on Monday night, flooding the "
    "fish market and closing the coast road, the port authority said. Repairs will take weeks."
)


def _articles() -> list[Article]:
    texts = [BASE, BASE + " Boats were moved inland.", "The Orlen council delayed its budget vote."]
    return [Article(id=f"a{i}", title=f"t{i}", text=t) for i, t in enumerate(texts)]


def _run(stage: object, prepared: dict[str, object]) -> MemoryStorage:
    assert isinstance(stage, PreparingStage)
    storage = MemoryStorage()
    for article in _articles():
        storage.add_article(article)
    ctx = Context(storage=storage, prepared={stage.name: prepared} if prepared else {})
    list(stage.run(_articles(), ctx))
    return storage


def test_dedup_edges_same_with_prepared_sketches() -> None:
    stage = DedupStage()
    plain = _run(DedupStage(), {})
    ahead = _run(stage, stage.prepare(_articles()))
    assert list(ahead.iter_edges()) == list(plain.iter_edges())
    assert list(plain.iter_edges())  # the longer copy is found


def test_cluster_stories_same_with_prepared_features() -> None:
    stage = ClusterStage()
    plain = _run(ClusterStage(), {})
    ahead = _run(stage, stage.prepare(_articles()))
    assert list(ahead.iter_stories()) == list(plain.iter_stories())
    assert list(plain.iter_stories())
