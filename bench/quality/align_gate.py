"""Gate suite for claim alignment: the shipped scorer on MSRP test, and its baselines.

The scorer's weights are fitted on MSRP train and its threshold on a dev part of train
(``bench/quality/train_align.py``); test is read only here. Baselines of the same run: always
answering "paraphrase", and the embedding cosine with a threshold chosen on train.
"""

from __future__ import annotations

from pathlib import Path

from newsweave.backends.storage.memory import MemoryStorage
from newsweave.config import load_config
from newsweave.engine import Engine
from newsweave.evaluation.align import evaluate_align

CORPUS = Path("data") / "msrp" / "msr_paraphrase_test.txt"


def gate_metrics(shared: Path) -> dict[str, float]:
    """F1 and accuracy of the scorer and of each baseline on MSRP test."""
    engine = Engine(load_config(None), storage=MemoryStorage())
    scorer, embedder = engine.claim_scorer()
    result = evaluate_align(shared / "data" / "msrp", scorer, embedder)
    metrics = {f"test.{k}": v for k, v in result.test.items()}
    for name, values in result.baselines.items():
        metrics |= {f"baseline.{name}.{k}": values[k] for k in ("f1", "accuracy")}
    return metrics
