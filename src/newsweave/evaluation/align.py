"""MSRP evaluation of the claim-alignment scorer, with baselines computed in the same run.

Reports F1 (paraphrase class), accuracy, precision and recall on MSRP test for the shipped
scorer, for "always paraphrase", and for plain embedding cosine with its threshold chosen on
MSRP train. Nothing here is fitted on test.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import numpy.typing as npt

from newsweave.backends.embed.base import Embedder, FloatMatrix
from newsweave.claims.scorer import PairScorer
from newsweave.evaluation.msrp import Pairs, load
from newsweave.model import JSON

Metrics = dict[str, float]


def classification(pred: npt.NDArray[np.bool_], gold: npt.NDArray[np.int64]) -> Metrics:
    """F1, accuracy, precision and recall of the positive class."""
    tp = int(np.sum(pred & (gold == 1)))
    fp = int(np.sum(pred & (gold == 0)))
    fn = int(np.sum(~pred & (gold == 1)))
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    accuracy = float(np.mean(pred == (gold == 1))) if len(gold) else 0.0
    return {"f1": f1, "accuracy": accuracy, "precision": precision, "recall": recall}


def best_accuracy_threshold(scores: npt.NDArray[np.float64], gold: npt.NDArray[np.int64]) -> float:
    """The threshold among the observed scores that maximises accuracy."""
    candidates = np.unique(np.round(scores, 4))
    accs = [classification(scores >= t, gold)["accuracy"] for t in candidates]
    return float(candidates[int(np.argmax(accs))])


def embed_pairs(pairs: Pairs, embedder: Embedder | None) -> tuple[FloatMatrix, FloatMatrix]:
    """Unit embeddings of both sides (empty arrays without an embedder)."""
    if embedder is None:
        empty = np.zeros((0, 0), dtype=np.float32)
        return empty, empty
    return embedder.encode(pairs.first), embedder.encode(pairs.second)


def cosines(left: FloatMatrix, right: FloatMatrix) -> npt.NDArray[np.float64]:
    """Row-wise cosine of two matrices of unit vectors."""
    out: npt.NDArray[np.float64] = np.einsum("ij,ij->i", left, right).astype(np.float64)
    return out


@dataclass(frozen=True, slots=True, kw_only=True)
class AlignResult:
    """A scorer's figures on MSRP test, and the baselines' of the same run."""

    test: Metrics
    baselines: dict[str, Metrics]

    def to_json(self) -> dict[str, JSON]:
        """``{"test": {...}, "baselines": {NAME: {...}}}``, rounded to 4 places."""
        return {
            "test": {k: round(v, 4) for k, v in self.test.items()},
            "baselines": {
                n: {k: round(v, 4) for k, v in m.items()} for n, m in self.baselines.items()
            },
        }


def evaluate_align(root: Path, scorer: PairScorer, embedder: Embedder | None) -> AlignResult:
    """Score ``scorer`` on MSRP test; baselines: always-paraphrase, train-thresholded cosine."""
    train, test = load("train", root), load("test", root)
    test_vecs = embed_pairs(test, embedder)
    probs = scorer.score(test.first, test.second, *test_vecs)
    baselines: dict[str, Metrics] = {
        "always_paraphrase": classification(np.ones(len(test.labels), dtype=bool), test.labels)
    }
    if embedder is not None:
        train_cos = cosines(*embed_pairs(train, embedder))
        threshold = best_accuracy_threshold(train_cos, train.labels)
        baselines["cosine"] = classification(cosines(*test_vecs) >= threshold, test.labels)
    return AlignResult(
        test=classification(probs >= scorer.threshold, test.labels), baselines=baselines
    )


def split_dev(n: int, share: float = 0.2, seed: int = 13) -> tuple[Sequence[int], Sequence[int]]:
    """Indices of a fixed train/dev split of ``n`` training pairs."""
    order = np.random.default_rng(seed).permutation(n)
    cut = int(n * share)
    return sorted(order[cut:].tolist()), sorted(order[:cut].tolist())
