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
from dataclasses import dataclass, field
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


@dataclass(slots=True)
class Phase:
    """One ``map_workers`` call: the shard phase first, then the analysis stages' units."""

    name: str
    units: int
    seconds: float = 0.0
    cpu: float = 0.0
    peaks: dict[int, float] = field(default_factory=dict)


class Measuring:
    """Wrap an executor: time each phase, collect peak RSS and CPU per worker."""

    def __init__(self, inner: Any) -> None:  # noqa: ANN401 - LocalExecutor or RayExecutor
        """Wrap ``inner``."""
        self.inner = inner
        self.phases: list[Phase] = []

    def map_workers(
        self, factory: Callable[[], Callable[[Any], Any]], items: Sequence[Any]
    ) -> Iterator[Any]:
        """Run ``inner`` with measured workers; yield the plain results."""
        phase = Phase(type(factory).__name__.strip("_"), len(items))
        self.phases.append(phase)
        start = time.perf_counter()
        for out, pid, peak, cpu in self.inner.map_workers(_Measured(factory), items):
            phase.peaks[pid] = max(phase.peaks.get(pid, 0.0), peak)
            phase.cpu += cpu
            yield out
        phase.seconds = time.perf_counter() - start


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
    load = os.getloadavg()
    if kind == "ray":
        import ray

        ray.shutdown()  # the next run starts Ray with its own CPU count
    shard, analysis = measuring.phases[0], measuring.phases[1:]
    in_workers = sum(p.seconds for p in analysis)
    return {
        "executor": kind,
        "workers": workers,
        "articles": report.stored,
        "seconds": round(total, 2),
        "shard_seconds": round(shard.seconds, 2),
        # The analysis: its work units in the workers, and the rest (the driver's own part).
        "analysis_units_seconds": {p.name: round(p.seconds, 2) for p in analysis},
        "driver_only_seconds": round(total - shard.seconds - in_workers, 2),
        "worker_cpu_ms_per_article": round(
            1000 * sum(p.cpu for p in measuring.phases) / max(report.stored, 1), 3
        ),
        "articles_per_s": round(report.stored / total, 1),
        # Per worker, the highest peak RSS over the phases (each phase starts its workers).
        "peak_rss_mb_per_worker": [
            round(max(p))
            for p in zip(*(_ranked(ph.peaks) for ph in measuring.phases), strict=False)
        ],
        # The driver's peak so far in this process (runs in one invocation share it).
        "driver_peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
        "stories": stories,
        "copy_groups": groups,
        "load_average": [round(x, 2) for x in load],
    }


def _ranked(peaks: dict[int, float]) -> list[float]:
    return sorted(peaks.values(), reverse=True)


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
                f"{base['shard_seconds'] / run['shard_seconds']:.2f}x, analysis units "
                f"{_units(base) / max(_units(run), 1e-9):.2f}x"
            )


def _units(run: dict[str, Any]) -> float:
    return float(sum(run["analysis_units_seconds"].values()))


if __name__ == "__main__":
    main()
