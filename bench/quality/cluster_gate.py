"""Quality-gate suite for story clustering: ECB+ test topics through the real engine.

Online mode over 5 shuffled orders (mean and spread) and batch mode, with the default
configuration (static embedder, parameters tuned on ECB+ train/dev by train_cluster.py).
Gold is the event (``cluster``); the topic view is reported too.
"""

from __future__ import annotations

import json
import statistics
from dataclasses import replace
from pathlib import Path

from newsweave.backends.storage.memory import MemoryStorage
from newsweave.config import Config
from newsweave.engine import Engine
from newsweave.evaluation.clusters import partition_scores

#: Pinned by the quality gate; relative to the shared/ folder.
CORPUS = Path("data/ecbplus/ecbplus.jsonl")
ORDERS = 5


def _run(path: Path, *, seed: int | None, batch: bool) -> list[tuple[str, str | None]]:
    config = Config()
    use = "cluster.batch.v1" if batch else "cluster.online.v1"
    stages = replace(
        config.stages, entities="none", cluster=replace(config.stages.cluster, use=use)
    )
    with Engine(replace(config, stages=stages), storage=MemoryStorage()) as engine:
        return engine.cluster_file(path, split="test", seed=seed)


def _score(pairs: list[tuple[str, str | None]], gold: dict[str, str]) -> dict[str, float]:
    pred = [story or article for article, story in pairs]
    scores = partition_scores(pred, [gold[article] for article, _ in pairs])
    return {k: v for k, v in scores.items() if k not in ("clusters", "gold_clusters")}


def gate_metrics(shared: Path) -> dict[str, float]:
    """Event-level scores (online mean/sd over orders, batch) and topic-level B-cubed F1."""
    path = shared / CORPUS
    with path.open(encoding="utf-8") as handle:
        rows = [json.loads(line) for line in handle if line.strip()]
    event = {str(r["id"]): str(r["cluster"]) for r in rows}
    topic = {str(r["id"]): str(r["topic"]) for r in rows}
    online = [_run(path, seed=seed, batch=False) for seed in range(ORDERS)]
    scores = [_score(pairs, event) for pairs in online]
    metrics = {f"online.{k}": statistics.fmean(s[k] for s in scores) for k in scores[0]}
    metrics["online.b3_f1_sd"] = statistics.stdev(s["b3_f1"] for s in scores)
    metrics["online.topic_b3_f1"] = statistics.fmean(_score(p, topic)["b3_f1"] for p in online)
    batch = _run(path, seed=None, batch=True)
    metrics.update({f"batch.{k}": v for k, v in _score(batch, event).items()})
    return metrics
