"""Fit the story clusterer's weights on ECB+ train and pick its thresholds on ECB+ dev.

Usage: ``python -m bench.quality.train_cluster --embedder minilm``. Prints the constants to
paste into ``src/newsweave/cluster/params.py``. The test split is never read here.
"""

from __future__ import annotations

import argparse
import random
from collections.abc import Sequence

import numpy as np

from bench.quality.ecbdata import featurize, load_rows
from newsweave.cluster.clusterer import StoryClusterer
from newsweave.cluster.features import ArticleFeatures
from newsweave.cluster.metrics import bcubed
from newsweave.cluster.params import ClusterParams
from newsweave.cluster.scoring import FEATURES


def teacher_pairs(
    feats: Sequence[ArticleFeatures], gold: Sequence[str], seed: int
) -> tuple[list[list[float]], list[int]]:
    """Replay the stream with gold assignments and collect (candidate features, label) pairs."""
    order = list(range(len(feats)))
    random.Random(seed).shuffle(order)
    clu = StoryClusterer(ClusterParams(max_candidates=12))
    xs: list[list[float]] = []
    ys: list[int] = []
    for i in order:
        clu.terms.add(feats[i].terms)
        clu.names.add(feats[i].entities)
        probe, cands = clu.score(feats[i])
        target = f"gold-{gold[i]}"
        for cand in cands:
            xs.append(list(cand.values))
            ys.append(int(cand.story_id == target))
        clu.attach(feats[i], target, probe)
    return xs, ys


def fit_logistic(x: np.ndarray, y: np.ndarray, l2: float = 1.0) -> tuple[np.ndarray, float]:
    """Newton-fitted L2-regularised logistic regression; returns (weights, bias)."""
    xb = np.hstack([x, np.ones((len(x), 1))])
    w = np.zeros(xb.shape[1])
    reg = np.full(xb.shape[1], l2)
    reg[-1] = 0.0
    for _ in range(50):
        p = 1 / (1 + np.exp(-np.clip(xb @ w, -50, 50)))
        grad = xb.T @ (p - y) + reg * w
        hess = (xb * (p * (1 - p))[:, None]).T @ xb + np.diag(reg + 1e-9)
        step = np.linalg.solve(hess, grad)
        w -= step
        if np.abs(step).max() < 1e-8:
            break
    return w[:-1], float(w[-1])


def online_f1(
    feats: Sequence[ArticleFeatures], gold: Sequence[str], params: ClusterParams, seeds: int
) -> float:
    """Mean B-cubed F1 of the final online partition over ``seeds`` shuffled orders."""
    scores = []
    for seed in range(seeds):
        order = list(range(len(feats)))
        random.Random(seed).shuffle(order)
        clu = StoryClusterer(params)
        for i in order:
            clu.add(feats[i])
        pred = [clu.story_of(f.article_id) for f in feats]
        scores.append(bcubed(pred, gold).f1)
    return float(np.mean(scores))


def main() -> None:
    """Fit on train, tune on dev, print the constants."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--embedder", default="minilm")
    parser.add_argument("--orders", type=int, default=3)
    args = parser.parse_args()
    rows = load_rows()
    feats = featurize(rows, args.embedder)
    split = {s: [i for i, r in enumerate(rows) if r["split"] == s] for s in ("train", "dev")}
    tr = split["train"]
    xs: list[list[float]] = []
    ys: list[int] = []
    for seed in range(args.orders):
        x, y = teacher_pairs([feats[i] for i in tr], [rows[i]["cluster"] for i in tr], seed)
        xs += x
        ys += y
    w, b = fit_logistic(np.array(xs), np.array(ys, dtype=float))
    weights = dict(zip(FEATURES, (round(float(v), 3) for v in w), strict=True))
    print(f"pairs={len(ys)} positives={sum(ys)}")
    print("weights =", weights)
    print(f"bias = {b:.3f}")
    dv = split["dev"]
    dfeats, dgold = [feats[i] for i in dv], [rows[i]["cluster"] for i in dv]
    best = (0.0, 0.5, 0.6)
    for join in (0.2, 0.3, 0.4, 0.5, 0.6):
        for merge in (0.3, 0.4, 0.5, 0.6, 1.0):
            params = ClusterParams(
                weights=weights, bias=b, join_threshold=join, merge_threshold=merge
            )
            f1 = online_f1(dfeats, dgold, params, seeds=5)
            print(f"dev join={join} merge={merge} online B3 F1={f1:.4f}")
            best = max(best, (f1, join, merge))
    print("best dev (f1, join, merge) =", best)


if __name__ == "__main__":
    main()
