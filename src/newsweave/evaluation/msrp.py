"""MSRP evaluation of the sentence similarity used by rewrite alignment.

Fits the logistic weights of :func:`newsweave.dedup.align.lexical_features` on MSRP train
(Newton's method), picks the decision threshold on train, and reports accuracy and F1 of the
positive class on MSRP test, for the fitted weights and for the weights shipped in the package.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import numpy.typing as npt

from newsweave.dedup import align

F64 = npt.NDArray[np.float64]


@dataclass(frozen=True)
class Pairs:
    """Labelled sentence pairs."""

    first: list[str]
    second: list[str]
    labels: npt.NDArray[np.int64]


def load(split: str, root: Path) -> Pairs:
    """Read ``msr_paraphrase_<split>.txt`` (tab separated, PTB tokens, a mangled BOM)."""
    first: list[str] = []
    second: list[str] = []
    labels: list[int] = []
    with (root / f"msr_paraphrase_{split}.txt").open(encoding="utf-8", newline="") as f:
        rows = csv.reader(f, delimiter="\t", quoting=csv.QUOTE_NONE)
        next(rows)
        for row in rows:
            labels.append(int(row[0]))
            first.append(row[3].replace("<QUOTE>", '"'))
            second.append(row[4].replace("<QUOTE>", '"'))
    return Pairs(first, second, np.array(labels, dtype=np.int64))


def features(pairs: Pairs) -> F64:
    """Return the lexical features of each pair, shape ``(n, 4)``."""
    return np.array(
        [
            align.lexical_features([a], [b])[0, 0]
            for a, b in zip(pairs.first, pairs.second, strict=True)
        ]
    )


def fit_logistic(x: F64, y: npt.NDArray[np.int64], ridge: float = 1e-3) -> tuple[F64, float]:
    """Fit logistic regression weights and bias by Newton's method (small ridge penalty)."""
    design = np.hstack([x, np.ones((x.shape[0], 1))])
    w = np.zeros(design.shape[1])
    for _ in range(50):
        p = 1.0 / (1.0 + np.exp(-(design @ w)))
        grad = design.T @ (p - y) + ridge * w
        hess = design.T @ (design * (p * (1 - p))[:, None]) + ridge * np.eye(w.size)
        step = np.linalg.solve(hess, grad)
        w -= step
        if np.abs(step).max() < 1e-10:
            break
    return w[:-1], float(w[-1])


def scores(x: F64, weights: F64, bias: float) -> F64:
    """Return logistic scores of feature rows."""
    result: F64 = 1.0 / (1.0 + np.exp(-(x @ weights + bias)))
    return result


def accuracy_f1(pred: npt.NDArray[np.bool_], y: npt.NDArray[np.int64]) -> tuple[float, float]:
    """Return accuracy and F1 of the positive class."""
    tp = int(np.sum(pred & (y == 1)))
    fp = int(np.sum(pred & (y == 0)))
    fn = int(np.sum(~pred & (y == 1)))
    f1 = 2 * tp / (2 * tp + fp + fn) if tp else 0.0
    return float(np.mean(pred == (y == 1))), f1


def best_threshold(s: F64, y: npt.NDArray[np.int64]) -> float:
    """Return the score threshold maximising accuracy."""
    grid = np.linspace(0.05, 0.95, 91)
    accs = [accuracy_f1(s >= t, y)[0] for t in grid]
    return float(grid[int(np.argmax(accs))])


def evaluate(root: Path) -> dict[str, float]:
    """Fit on train, choose the threshold on train, report on test."""
    train, test = load("train", root), load("test", root)
    x_train, x_test = features(train), features(test)
    weights, bias = fit_logistic(x_train, train.labels)
    out: dict[str, float] = {f"fit_w{i}": float(v) for i, v in enumerate(weights)}
    out["fit_bias"] = bias
    shipped = (np.asarray(align.LEXICAL_WEIGHTS), align.LEXICAL_BIAS)
    for name, (w, b) in {"fitted": (weights, bias), "shipped": shipped}.items():
        threshold = best_threshold(scores(x_train, w, b), train.labels)
        acc, f1 = accuracy_f1(scores(x_test, w, b) >= threshold, test.labels)
        out |= {f"{name}_threshold": threshold, f"{name}_test_acc": acc, f"{name}_test_f1": f1}
    majority = float(np.mean(test.labels == 1))
    out["majority_test_acc"] = majority
    out["majority_test_f1"] = 2 * majority / (1 + majority)
    return out
