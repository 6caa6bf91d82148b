"""Story maintenance (issue 6): merge stories that grew together, split stories that drifted."""

from __future__ import annotations

import json
import sqlite3
import zlib
from dataclasses import replace

import pytest
from tests.shared_data import EXAMPLES

from newsweave.cluster import codec as cluster_state
from newsweave.config import Config
from newsweave.engine import Engine
from newsweave.pipeline import Context
from newsweave.stages.cluster import ClusterStage

GOLD = json.loads((EXAMPLES.parent / "gold.json").read_text(encoding="utf-8"))


def _engine(tmp_path) -> Engine:
    config = Config(db=str(tmp_path / "m.db"))
    return Engine(replace(config, stages=replace(config.stages, entities="none")))


def _partition(engine: Engine) -> set[frozenset[str]]:
    return {frozenset(s.article_ids) for s in engine.stories()}


def _force_merge(engine: Engine, keep: str, gone: str) -> None:
    """Test set-up: fold one story into another, as a drifted online decision would have."""
    stage = next(s for s in engine.analysis.stages if isinstance(s, ClusterStage))
    ctx = Context(storage=engine.storage)
    with engine.storage.transaction():
        loaded = stage._loaded(engine.storage)
        clu = loaded.clusterer
        before = {a: clu.story_of(a) for a in clu.assigned}
        clu.merge(keep, gone)
        touched = cluster_state.save(loaded, stage.name)
        moved = {a: 1.0 for a, sid in before.items() if clu.story_of(a) != sid}
        stage._store(clu, moved, touched, {}, ctx)


@pytest.mark.issue(6)
def test_maintenance_splits_a_story_that_drifted_apart(tmp_path):
    with _engine(tmp_path) as engine:
        engine.ingest([EXAMPLES])
        good = _partition(engine)
        a, b = sorted(engine.stories(), key=lambda s: (-len(s.article_ids), s.id))[:2]
        _force_merge(engine, a.id, b.id)
        forced = engine.story_of(a.article_ids[0])
        assert {engine.story_of(x) for x in (*a.article_ids, *b.article_ids)} == {forced}
        assert engine.maintain().split == {}  # splitting is opt-in
        report = engine.maintain(split=True)
        assert forced in report.split
        assert report.moved >= min(len(a.article_ids), len(b.article_ids))
        assert _partition(engine) == good
    # a new engine (fresh cache) reads the maintained state back
    with _engine(tmp_path) as engine:
        assert _partition(engine) == good
        assert engine.maintain(split=True).split == {}


@pytest.mark.issue(6)
def test_maintain_command_keeps_the_gold_stories(newsweave):
    assert newsweave("ingest", str(EXAMPLES)).returncode == 0
    before = {frozenset(s["articles"]) for s in json.loads(newsweave("stories", "--json").stdout)}
    result = newsweave("maintain", "--split", "--json")
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["merged"] == []
    assert report["split"] == {}
    assert report["checked"] >= 1
    after = {frozenset(s["articles"]) for s in json.loads(newsweave("stories", "--json").stdout)}
    assert after == before


@pytest.mark.issue(6)
def test_ingest_batch_backfills_in_one_go_then_goes_on_online(newsweave, tmp_path):
    assert newsweave("ingest", "--batch", str(EXAMPLES)).returncode == 0
    db = tmp_path / "t.db"  # the fixture's database
    with sqlite3.connect(db) as con:
        chunks = con.execute(
            "SELECT value FROM state WHERE namespace = 'cluster.online.v1' AND key LIKE 'log/%'"
        ).fetchall()
    assert len(chunks) == 1
    assert "snapshot" in json.loads(zlib.decompress(chunks[0][0]))
    stories = json.loads(newsweave("stories", "--json").stdout)
    assert len(stories) == len(GOLD["stories"])
    # later ingests go on online: one new chunk, a delta
    extra = tmp_path / "extra.txt"
    extra.write_text((EXAMPLES / "water_pinecrest.txt").read_text() + "\n\nUpdated at noon.")
    assert newsweave("ingest", "--batch", str(extra)).returncode == 0
    with sqlite3.connect(db) as con:
        count = con.execute(
            "SELECT value FROM state WHERE namespace = 'cluster.online.v1' AND key = 'count'"
        ).fetchone()[0]
    assert int(count) == 2
