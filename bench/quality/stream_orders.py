"""Story clustering of a labelled JSONL stream in chosen arrival orders (gate helpers).

Runs articles through the real engine (``Engine.cluster_file``: cleaning, dedup, then the story
stage online with relinking as ``ingest`` runs it, or batch mode), with the default
configuration and no entities stage, and scores the stories against the gold labels with
:func:`newsweave.evaluation.clusters.partition_scores`.

Orders: the file's own, seeded shuffles, and an *adversarial* order in which the events of each
group (ECB+ topic: two look-alike events) strictly alternate, A1 B1 A2 B2 ..., group by group.
"""

from __future__ import annotations

import json
import statistics
import tempfile
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import replace
from itertools import zip_longest
from pathlib import Path
from typing import Any

from newsweave.backends.storage.memory import MemoryStorage
from newsweave.config import Config
from newsweave.engine import Engine
from newsweave.evaluation.clusters import partition_scores

Pairs = list[tuple[str, str | None]]


def load(path: Path) -> list[dict[str, Any]]:
    """Every JSON line of a corpus."""
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def run(path: Path, *, split: str | None, seed: int | None = None, batch: bool = False) -> Pairs:
    """Cluster the records of ``split`` in file order (or shuffled with ``seed``)."""
    config = Config()
    use = "cluster.batch.v1" if batch else "cluster.online.v1"
    cluster = replace(config.stages.cluster, use=use)
    stages = replace(config.stages, entities="none", cluster=cluster)
    with Engine(replace(config, stages=stages), storage=MemoryStorage()) as engine:
        return engine.cluster_file(path, split=split, seed=seed)


def run_records(records: Sequence[Mapping[str, Any]], *, batch: bool = False) -> Pairs:
    """Cluster ``records`` in the order given (through a temporary JSONL file)."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "stream.jsonl"
        with path.open("w", encoding="utf-8") as handle:
            for record in records:
                handle.write(json.dumps(record) + "\n")
        return run(path, split=None, batch=batch)


def alternating(
    records: Sequence[Mapping[str, Any]], *, group: str, label: str = "cluster"
) -> list[Mapping[str, Any]]:
    """The adversarial order: within each group, the events' articles strictly alternate.

    Groups come in order of first appearance, events within a group too, and each event's
    articles keep their file order; an event with more articles finishes alone.
    """
    events: dict[str, dict[str, list[Mapping[str, Any]]]] = defaultdict(dict)
    for record in records:
        events[str(record[group])].setdefault(str(record[label]), []).append(record)
    out: list[Mapping[str, Any]] = []
    for by_event in events.values():
        for row in zip_longest(*by_event.values()):
            out.extend(r for r in row if r is not None)
    return out


def score(pairs: Pairs, gold: Mapping[str, str]) -> dict[str, float]:
    """Partition scores of one run (an unassigned article is a story of its own)."""
    pred = [story or article for article, story in pairs]
    scores = partition_scores(pred, [gold[article] for article, _ in pairs])
    return {k: v for k, v in scores.items() if k not in ("clusters", "gold_clusters")}


def order_metrics(
    path: Path, *, split: str | None, orders: int, group: str | None = None
) -> dict[str, float]:
    """Online scores over file order, ``orders`` shuffles and (with ``group``) the alternation.

    Keys: ``online.*`` (mean over the shuffles), ``online.b3_f1_sd``, ``online.file.b3_f1``,
    ``online.adversarial.b3_f1``, ``online.worst.b3_f1`` (the lowest of every order run) and
    ``batch.*``.
    """
    rows = [r for r in load(path) if split is None or r.get("split") == split]
    gold = {str(r["id"]): str(r["cluster"]) for r in rows}
    shuffled = [score(run(path, split=split, seed=seed), gold) for seed in range(orders)]
    metrics = {f"online.{k}": statistics.fmean(s[k] for s in shuffled) for k in shuffled[0]}
    if orders > 1:
        metrics["online.b3_f1_sd"] = statistics.stdev(s["b3_f1"] for s in shuffled)
    every = [s["b3_f1"] for s in shuffled]
    file_order = score(run(path, split=split), gold)
    metrics["online.file.b3_f1"] = file_order["b3_f1"]
    metrics["online.file.b3_precision"] = file_order["b3_precision"]
    every.append(file_order["b3_f1"])
    if group is not None:
        adversarial = score(run_records(alternating(rows, group=group)), gold)
        metrics["online.adversarial.b3_f1"] = adversarial["b3_f1"]
        metrics["online.adversarial.b3_precision"] = adversarial["b3_precision"]
        every.append(adversarial["b3_f1"])
    metrics["online.worst.b3_f1"] = min(every)
    batch = score(run(path, split=split, batch=True), gold)
    metrics.update({f"batch.{k}": v for k, v in batch.items()})
    return metrics
