"""The cluster stage's stored state (story rows + log) reloads to exactly the live clusterer."""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import replace
from typing import Any

import pytest
from tests.shared_data import EXAMPLES, SHARED, require_shared

from newsweave.backends.storage.memory import MemoryStorage
from newsweave.cluster import codec as cluster_state
from newsweave.cluster.clusterer import StoryClusterer
from newsweave.cluster.codec import to_state
from newsweave.config import Config
from newsweave.engine import Engine
from newsweave.model import Article
from newsweave.pipeline import Context
from newsweave.stages.cluster import ClusterStage


@pytest.fixture(scope="module")
def articles() -> list[Article]:
    config = Config()
    config = replace(config, stages=replace(config.stages, entities="none"))
    with Engine(config, storage=MemoryStorage()) as engine:
        engine.ingest([EXAMPLES])
        return engine.articles()


def _engine() -> Engine:
    config = Config()
    config = replace(config, stages=replace(config.stages, entities="none"))
    return Engine(config, storage=MemoryStorage())


def _stage(engine: Engine) -> ClusterStage:
    return next(s for s in engine.analysis.stages if isinstance(s, ClusterStage))


def _comparable(clu: StoryClusterer) -> dict[str, Any]:
    state = json.loads(json.dumps(to_state(clu)))
    state["stories"] = sorted(state["stories"], key=lambda s: s["id"])
    state["assigned"] = {a: clu.story_of(a) for a in state.pop("assigned")}
    return state


def test_reloaded_state_equals_the_live_clusterer(articles):
    engine = _engine()
    for article in articles:
        engine.storage.add_article(article)
    assert engine.update(batch_size=2) == len(articles)
    stage = _stage(engine)
    assert stage._cache is not None
    live = stage._cache.clusterer
    reloaded = cluster_state.load(engine.storage, stage.name, stage.params).clusterer
    assert _comparable(reloaded) == _comparable(live)
    assert stage._cache.count == (len(articles) + 1) // 2
    # the stories table agrees with the clusterer: no stale members, no dead stories
    stored = {s.id: set(s.article_ids) for s in engine.stories()}
    assert stored == {sid: set(p.members) for sid, p in live.stories.items()}


def test_a_new_engine_on_the_store_loads_the_same_clusterer(articles):
    first = _engine()
    for article in articles:
        first.storage.add_article(article)
    first.update(batch_size=3)
    cached = _stage(first)._cache
    assert cached is not None
    second = Engine(first.config, storage=first.storage)
    loaded = _stage(second).load(Context(storage=second.storage))
    assert _comparable(loaded) == _comparable(cached.clusterer)


def test_a_rolled_back_batch_is_reloaded_not_reused(articles):
    engine = _engine()
    stage = _stage(engine)
    for article in articles[:6]:
        engine.storage.add_article(article)
    engine.update(batch_size=3)
    before = _comparable(stage.load(Context(storage=engine.storage)))
    with pytest.raises(RuntimeError, match="crash"):
        _run_and_crash(engine, stage, articles[6:9])
    assert stage._cache is not None
    # the cache holds the rolled-back batch and the store does not: the next load notices
    assert stage._cache.count != int(engine.storage.get_state(stage.name, "count") or 0)
    assert _comparable(stage.load(Context(storage=engine.storage))) == before


def _run_and_crash(engine: Engine, stage: ClusterStage, batch: list[Article]) -> None:
    for article in batch:
        engine.storage.add_article(article)
    with engine.storage.transaction():
        list(stage.run(batch, Context(storage=engine.storage)))
        raise RuntimeError("crash after the cluster stage saved")


def test_state_round_trips_on_ecb_with_merges_and_relinks():
    path = require_shared(SHARED / "data" / "ecbplus" / "ecbplus.jsonl")
    engine = _engine()
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    for row in rows:
        if row["split"] == "dev":
            engine.storage.add_article(Article(id=row["id"], title=row["title"], text=row["text"]))
    engine.update(batch_size=20)
    stage = _stage(engine)
    assert stage._cache is not None
    live = stage._cache.clusterer
    assert live.aliases, "the dev split should exercise merges or relinks"
    reloaded = cluster_state.load(engine.storage, stage.name, stage.params).clusterer
    assert _comparable(reloaded) == _comparable(live)
    stored = {s.id: set(s.article_ids) for s in engine.stories()}
    assert stored == {sid: set(p.members) for sid, p in live.stories.items()}


def test_a_store_with_the_old_single_blob_is_migrated(articles):
    engine = _engine()
    for article in articles[:8]:
        engine.storage.add_article(article)
    engine.update(batch_size=4)
    stage = _stage(engine)
    live = stage.load(Context(storage=engine.storage))
    # rewrite the store as the previous layout had it: one JSON blob, no rows, no log
    store = engine.storage
    for key, _ in list(store.iter_state(stage.name, "")):
        store.delete_state(stage.name, key)
    store.set_state(stage.name, "clusterer", json.dumps(to_state(live)).encode())
    fresh = Engine(engine.config, storage=store)
    for article in articles[8:10]:
        store.add_article(article)
    fresh.update(batch_size=4)
    assert store.get_state(stage.name, "clusterer") is None
    cached = _stage(fresh)._cache
    assert cached is not None
    reloaded = cluster_state.load(store, stage.name, stage.params).clusterer
    assert _comparable(reloaded) == _comparable(cached.clusterer)
    assert len(reloaded.assigned) == 10


def _ecb_dev() -> list[Article]:
    path = require_shared(SHARED / "data" / "ecbplus" / "ecbplus.jsonl")
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    return [
        Article(id=r["id"], title=r["title"], text=r["text"]) for r in rows if r["split"] == "dev"
    ]


def _stories_with_feature_reads(
    articles: list[Article], monkeypatch: pytest.MonkeyPatch, cache: int
) -> tuple[dict[str, list[str]], Counter[str]]:
    from newsweave.stages import cluster as cluster_module

    monkeypatch.setattr(cluster_module, "FEATURE_CACHE", cache)
    engine = _engine()
    reads: Counter[str] = Counter()
    get_state = engine.storage.get_state

    def counting(namespace: str, key: str) -> bytes | None:
        if namespace == cluster_module.FEATURES:
            reads[key] += 1
        return get_state(namespace, key)

    monkeypatch.setattr(engine.storage, "get_state", counting)
    for article in articles:
        engine.storage.add_article(article)
    engine.update(batch_size=10)
    return {s.id: sorted(s.article_ids) for s in engine.stories()}, reads


def test_relinking_parses_each_stored_article_once(monkeypatch):
    articles = _ecb_dev()[:120]
    uncached, plain_reads = _stories_with_feature_reads(articles, monkeypatch, 0)
    cached, reads = _stories_with_feature_reads(articles, monkeypatch, 4096)
    assert cached == uncached
    assert max(plain_reads.values()) > 1, "relinking should read some stored articles twice"
    assert set(reads) <= set(plain_reads)
    assert max(reads.values()) == 1
