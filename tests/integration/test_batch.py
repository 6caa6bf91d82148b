"""The batch plan: local and Ray runs agree, and a killed run resumes (issue 17)."""

from __future__ import annotations

import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from newsweave.backends.executors.local import LocalExecutor
from newsweave.config import load_config
from newsweave.engine import Engine
from newsweave.evaluation.copies import KINDS, make_variant

pytestmark = [pytest.mark.issue(17)]

CORPUS = Path(__file__).parents[2] / "examples" / "corpus"
FEED = 6  # articles in examples/corpus/feed.jsonl
TOTAL = 18 + FEED * len(KINDS)  # the corpus plus one copy of each kind of every feed article


def _sample(root: Path) -> Path:
    """examples/corpus plus one copy of each kind of every feed article."""
    shutil.copytree(CORPUS, root / "corpus")
    rows = [json.loads(line) for line in (CORPUS / "feed.jsonl").read_text().splitlines() if line]
    with (root / "corpus" / "copies.jsonl").open("w") as out:
        for row in rows:
            for kind in KINDS:
                copy = dict(
                    row, id=f"{row['id']}-{kind}", text=make_variant(row["id"], row["text"], kind)
                )
                copy.pop("url", None)
                out.write(json.dumps(copy) + "\n")
    return root / "corpus"


def _engine(db: Path) -> Engine:
    config = load_config(None, overrides={"db": str(db), "stages": {"cluster": "cluster.batch.v1"}})
    return Engine(config)


def _result(db: Path) -> tuple[object, ...]:
    with _engine(db) as eng:
        groups = sorted(
            (g.original, tuple(sorted((c.id, c.kind) for c in g.copies))) for g in eng.dupes()
        )
        stories = sorted((s.id, tuple(sorted(s.article_ids))) for s in eng.stories())
        entities = sorted((e.name, e.mentions) for e in eng.entities())
        return eng.count_articles(), groups, stories, entities


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _sample(tmp_path_factory.mktemp("batch"))


@pytest.fixture(scope="module")
def local_result(sample: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[object, ...]:
    db = tmp_path_factory.mktemp("local") / "local.db"
    with _engine(db) as eng:
        report = eng.batch([str(sample)], LocalExecutor(1), shard_size=8)
    assert report.stored > 0
    assert not report.failures
    return _result(db)


@pytest.fixture(scope="module")
def ray_cluster() -> Iterator[None]:
    ray = pytest.importorskip("ray")
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False)
    yield
    ray.shutdown()


def test_local_run_finds_copies_and_stories(local_result: tuple[object, ...]) -> None:
    count, groups, stories, _ = local_result
    assert count == TOTAL
    assert isinstance(groups, list)
    assert len(groups) >= FEED  # each feed article's copies form a group
    assert isinstance(stories, list)
    assert stories


def test_pool_of_two_gives_the_same_result(
    sample: Path, local_result: tuple[object, ...], tmp_path: Path
) -> None:
    with _engine(tmp_path / "pool.db") as eng:
        eng.batch([str(sample)], LocalExecutor(2), shard_size=8)
    assert _result(tmp_path / "pool.db") == local_result


def test_ray_run_gives_the_same_groups_and_stories(
    ray_cluster: None, sample: Path, local_result: tuple[object, ...], tmp_path: Path
) -> None:
    from newsweave.backends.executors.ray import RayExecutor

    with _engine(tmp_path / "ray.db") as eng:
        report = eng.batch([str(sample)], RayExecutor(workers=2), shard_size=8)
    assert report.shards == -(-TOTAL // 8)  # shards span files
    assert _result(tmp_path / "ray.db") == local_result


class _Counting:
    """Wrap an executor: count the work units of each kind that went to its workers."""

    def __init__(self, inner: Any) -> None:
        self.inner = inner
        self.units: dict[str, int] = {}

    def map_workers(self, factory: Any, items: Any) -> Any:
        name = type(factory).__name__
        self.units[name] = self.units.get(name, 0) + len(items)
        return self.inner.map_workers(factory, items)


def test_analysis_units_on_ray_workers_give_the_local_result(
    ray_cluster: None,
    sample: Path,
    local_result: tuple[object, ...],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from newsweave.backends.executors.ray import RayExecutor
    from newsweave.cluster import parallel
    from newsweave.stages import dedup

    # Small units, so that dedup verification and both clustering steps go to the workers
    # in several pieces and stories cross block boundaries (local_result ran in one piece).
    monkeypatch.setattr(parallel, "BLOCK", 5)
    monkeypatch.setattr(dedup, "UNIT_CHECKS", 2)
    counting = _Counting(RayExecutor(workers=2))
    with _engine(tmp_path / "units.db") as eng:
        eng.batch([str(sample)], counting, shard_size=8)
    assert counting.units["_VerifierFactory"] >= 2
    assert counting.units["_SketcherFactory"] == -(-TOTAL // 5)
    assert counting.units["_PairScorerFactory"] >= 2
    assert _result(tmp_path / "units.db") == local_result


def test_second_run_redoes_nothing(sample: Path, tmp_path: Path) -> None:
    with _engine(tmp_path / "again.db") as eng:
        eng.batch([str(sample)], LocalExecutor(1), shard_size=8)
        again = eng.batch([str(sample)], LocalExecutor(1), shard_size=8)
    assert again.shards_skipped == again.shards
    assert again.stored == 0
    assert again.analyzed == 0


_SLOW_RUN = """
import sys, time
from newsweave.backends.executors.local import LocalExecutor
from newsweave.config import load_config
from newsweave.engine import Engine

class Slow(LocalExecutor):
    def map_workers(self, factory, items):
        for result in super().map_workers(factory, items):
            time.sleep(0.3)  # room for the test to kill the driver between shards
            yield result

config = load_config(None, overrides={"db": sys.argv[1], "stages": {"cluster": "cluster.batch.v1"}})
with Engine(config) as eng:
    eng.batch([sys.argv[2]], Slow(1), shard_size=8)
"""


def _stored(db: Path) -> int:
    try:
        with sqlite3.connect(db) as conn:
            return int(conn.execute("SELECT count(*) FROM articles").fetchone()[0])
    except sqlite3.OperationalError:
        return 0


def test_driver_killed_mid_run_resumes_to_the_same_result(
    sample: Path, local_result: tuple[object, ...], tmp_path: Path
) -> None:
    db = tmp_path / "killed.db"
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    proc = subprocess.Popen([sys.executable, "-c", _SLOW_RUN, str(db), str(sample)], env=env)
    deadline = time.monotonic() + 60
    while _stored(db) < 10 and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    assert proc.poll() is None, "the run ended before it could be killed"
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    partial = _stored(db)
    assert 0 < partial < TOTAL
    with _engine(db) as eng:
        report = eng.batch([str(sample)], LocalExecutor(1), shard_size=8)
    assert report.shards_skipped >= 1
    assert report.stored == TOTAL - partial  # nothing stored twice, nothing lost
    assert _result(db) == local_result


def test_cli_batch_matches_ingest_batch(newsweave: Any, tmp_path: Path) -> None:
    result = newsweave("batch", str(CORPUS), "--executor", "local", "--workers", "2", "--json")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["stored"] == 18
    batch = json.loads(newsweave("stories", "--json").stdout)
    with _engine(tmp_path / "ingest.db") as eng:
        eng.ingest([str(CORPUS)])
        ingested = sorted(sorted(s.article_ids) for s in eng.stories())
    assert sorted(sorted(s["articles"]) for s in batch) == ingested


def test_ray_worker_killed_mid_run_resumes_to_the_same_result(
    ray_cluster: None, sample: Path, local_result: tuple[object, ...], tmp_path: Path
) -> None:
    import ray

    from newsweave.backends.executors.ray import RayExecutor

    class KillsAWorker(RayExecutor):
        def map_workers(self, factory: Any, items: Any) -> Iterator[Any]:
            for done, result in enumerate(super().map_workers(factory, items)):
                if done == 1:  # one shard stored: kill a worker with shards still to do
                    os.kill(ray.get(self.actors[0].pid.remote()), signal.SIGKILL)
                yield result

    db = tmp_path / "worker.db"
    with _engine(db) as eng, pytest.raises(ray.exceptions.RayError):
        eng.batch([str(sample)], KillsAWorker(workers=2), shard_size=4)
    partial = _stored(db)
    assert 0 < partial < TOTAL
    with _engine(db) as eng:
        report = eng.batch([str(sample)], RayExecutor(workers=2), shard_size=4)
    assert report.shards_skipped >= 1
    assert report.stored == TOTAL - partial  # the killed worker's shard was redone, once
    assert _result(db) == local_result
