"""Batch plan speed: 1 worker against 2, on generated articles (issue 17).

Writes ``size`` generated articles (real ECB+ sentences, see :mod:`bench.speed.corpus`) to a
JSONL file, then runs ``Engine.batch`` into a fresh SQLite store once per worker count, timing
the shard phase (clean + dedup sketches + clustering features, + NER with ``--ner``: the
part that runs in workers) and the driver's analysis (dedup candidates and provenance, batch
clustering, entity resolution) apart. Each worker reports its peak RSS.

    PYTHONPATH=src:. python bench/speed/batch_speed.py --size 10000 --executor ray
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bench.quality.ecbdata import ecb_path, load_rows
from bench.speed.corpus import generate
from newsweave.backends.executors.local import LocalExecutor
from newsweave.config import load_config
from newsweave.engine import Engine


@dataclass(frozen=True, slots=True)
class _Measured:
    """A worker factory whose workers also report their process's peak RSS."""

    factory: Callable[[], Callable[[Any], Any]]

    def __call__(self) -> Callable[[Any], tuple[Any, int, float, float]]:
        worker = self.factory()

        def run(item: Any) -> tuple[Any, int, float, float]:  # noqa: ANN401
            start = time.process_time()
            out = worker(item)
            peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
            return out, os.getpid(), peak, time.process_time() - start

        return run


class Measuring:
    """Wrap an executor: time the shard phase, collect peak RSS and CPU per worker."""

    def __init__(self, inner: Any) -> None:  # noqa: ANN401 - LocalExecutor or RayExecutor
        """Wrap ``inner``."""
        self.inner = inner
        self.peaks: dict[int, float] = {}
        self.cpu = 0.0
        self.shard_seconds = 0.0

    def map_workers(
        self, factory: Callable[[], Callable[[Any], Any]], items: Sequence[Any]
    ) -> Iterator[Any]:
        """Run ``inner`` with measured workers; yield the plain results."""
        start = time.perf_counter()
        for out, pid, peak, cpu in self.inner.map_workers(_Measured(factory), items):
            self.peaks[pid] = max(self.peaks.get(pid, 0.0), peak)
            self.cpu += cpu
            yield out
        self.shard_seconds = time.perf_counter() - start


# Articles per generated JSONL file: keeps each file under the reader's ``max_bytes`` limit.
_PER_FILE = 5000


def _write_corpus(path: Path, size: int) -> None:
    path.mkdir()
    rows = load_rows(ecb_path())
    for i, a in enumerate(generate(rows, size, seed=size)):
        with (path / f"part-{i // _PER_FILE:05d}.jsonl").open("a") as out:
            row = {"id": a.id, "title": a.title, "text": a.text, "date": a.date.isoformat()}
            out.write(json.dumps(row) + "\n")


def _executor(kind: str, workers: int) -> Any:  # noqa: ANN401
    if kind == "ray":
        from newsweave.backends.executors.ray import RayExecutor

        return RayExecutor(workers=workers)
    return LocalExecutor(workers)


def run_once(corpus: Path, workdir: Path, kind: str, workers: int, ner: bool) -> dict[str, Any]:
    """One batch run into a fresh store; returns its timings."""
    db = workdir / f"{kind}-{workers}.db"
    stages: dict[str, Any] = {"cluster": "cluster.batch.v1"}
    if not ner:
        stages["entities"] = "none"
    config = load_config(None, overrides={"db": str(db), "stages": stages})
    measuring = Measuring(_executor(kind, workers))
    start = time.perf_counter()
    with Engine(config) as eng:
        report = eng.batch([str(corpus)], measuring)
        if report.input_errors:
            raise SystemExit(f"input refused: {report.input_errors[0]}")
        stories = len(eng.stories())
        groups = len(eng.dupes())
    total = time.perf_counter() - start
    if kind == "ray":
        import ray

        ray.shutdown()  # the next run starts Ray with its own CPU count
    return {
        "executor": kind,
        "workers": workers,
        "articles": report.stored,
        "seconds": round(total, 2),
        "shard_seconds": round(measuring.shard_seconds, 2),
        "driver_seconds": round(total - measuring.shard_seconds, 2),
        "worker_cpu_ms_per_article": round(1000 * measuring.cpu / max(report.stored, 1), 3),
        "articles_per_s": round(report.stored / total, 1),
        "peak_rss_mb_per_worker": sorted(round(p) for p in measuring.peaks.values()),
        # The driver's peak so far in this process (runs in one invocation share it).
        "driver_peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
        "stories": stories,
        "copy_groups": groups,
    }


def main() -> None:
    """Generate the corpus, run each worker count, print one JSON line per run."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--size", type=int, default=10_000)
    parser.add_argument("--executor", choices=["ray", "local"], default="ray")
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--ner", action="store_true", help="include the entities stage")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        corpus = work / "generated"
        _write_corpus(corpus, args.size)
        runs = [run_once(corpus, work, args.executor, w, args.ner) for w in args.workers]
    for run in runs:
        print(json.dumps(run))
    if len(runs) > 1:
        base = runs[0]
        for run in runs[1:]:
            print(
                f"{run['workers']} vs {base['workers']} workers: whole run "
                f"{base['seconds'] / run['seconds']:.2f}x, shard phase "
                f"{base['shard_seconds'] / run['shard_seconds']:.2f}x"
            )


if __name__ == "__main__":
    main()
