"""Quality-gate suite for story clustering: ECB+ test topics through the real engine.

Online mode over 5 shuffled orders (mean and spread), the file order and the adversarial order
(the two look-alike events of each topic strictly alternating, see :mod:`stream_orders`), the worst
of those seven orders, and batch mode, with the default configuration (static embedder,
parameters tuned on ECB+ train/dev by train_cluster.py). Gold is the event (``cluster``); the
topic view is reported too.
"""

from __future__ import annotations

import statistics
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))  # the gate loads suites by path

import stream_orders as streams  # after the path set-up above

#: Pinned by the quality gate; relative to the shared/ folder.
CORPUS = Path("data/ecbplus/ecbplus.jsonl")
ORDERS = 5


def gate_metrics(shared: Path) -> dict[str, float]:
    """Event-level scores (online mean/sd over orders, worst order, batch), topic-level F1."""
    path = shared / CORPUS
    rows = [r for r in streams.load(path) if r.get("split") == "test"]
    event = {str(r["id"]): str(r["cluster"]) for r in rows}
    topic = {str(r["id"]): str(r["topic"]) for r in rows}
    online = [streams.run(path, split="test", seed=seed) for seed in range(ORDERS)]
    scores = [streams.score(pairs, event) for pairs in online]
    metrics = {f"online.{k}": statistics.fmean(s[k] for s in scores) for k in scores[0]}
    metrics["online.b3_f1_sd"] = statistics.stdev(s["b3_f1"] for s in scores)
    topic_f1 = (streams.score(p, topic)["b3_f1"] for p in online)
    metrics["online.topic_b3_f1"] = statistics.fmean(topic_f1)
    file_order = streams.score(streams.run(path, split="test"), event)
    alternating = streams.alternating(rows, group="topic")
    adversarial = streams.score(streams.run_records(alternating), event)
    metrics["online.file.b3_f1"] = file_order["b3_f1"]
    metrics["online.adversarial.b3_f1"] = adversarial["b3_f1"]
    every = [s["b3_f1"] for s in scores] + [file_order["b3_f1"], adversarial["b3_f1"]]
    metrics["online.worst.b3_f1"] = min(every)
    batch = streams.run(path, split="test", batch=True)
    metrics.update({f"batch.{k}": v for k, v in streams.score(batch, event).items()})
    return metrics
