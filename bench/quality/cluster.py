"""Score story clustering on ECB+: B-cubed, pairwise F1, ARI and cluster counts.

Usage: ``python -m bench.quality.cluster --split test --embedder minilm``. Online mode runs
5 shuffled orders and reports mean and standard deviation; batch mode runs once (it ignores
order). Gold is the event (``cluster``) and, as a second view, the ``topic``.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
from collections import Counter
from collections.abc import Callable, Sequence
from typing import Any

from bench.quality.ecbdata import featurize, load_rows
from newsweave.cluster.batch import cluster_batch
from newsweave.cluster.clusterer import StoryClusterer
from newsweave.cluster.features import ArticleFeatures
from newsweave.cluster.maintain import add_and_relink
from newsweave.cluster.params import ClusterParams, default_params
from newsweave.evaluation.clusters import partition_scores

Runner = Callable[[Sequence[ArticleFeatures], ClusterParams, int], tuple[list[str], list[str]]]


def run_online(
    feats: Sequence[ArticleFeatures], params: ClusterParams, seed: int, relinking: bool = True
) -> tuple[list[str], list[str]]:
    """One online pass in a shuffled order; returns (story at arrival, final story) per item.

    With ``relinking`` each step also re-clusters the article's neighbourhood
    (:func:`~newsweave.cluster.maintain.add_and_relink`); the "arrival" story is then the
    one right after that step.
    """
    order = list(range(len(feats)))
    random.Random(seed).shuffle(order)
    clu = StoryClusterer(params)
    arrival = [""] * len(feats)
    seen: dict[str, ArticleFeatures] = {}
    for i in order:
        if relinking:
            arrival[i] = add_and_relink(clu, feats[i], seen)[0].story_id
        else:
            arrival[i] = clu.add(feats[i]).story_id
        seen[feats[i].article_id] = feats[i]
    final = [clu.story_of(f.article_id) or "" for f in feats]
    return arrival, final


def run_batch(
    feats: Sequence[ArticleFeatures], params: ClusterParams, seed: int
) -> tuple[list[str], list[str]]:
    """Batch clustering of the items shuffled by ``seed`` (the result must not depend on it)."""
    order = list(range(len(feats)))
    random.Random(seed).shuffle(order)
    clu = cluster_batch([feats[i] for i in order], params)
    final = [clu.story_of(f.article_id) or "" for f in feats]
    return final, final


def _plain(
    feats: Sequence[ArticleFeatures], params: ClusterParams, seed: int
) -> tuple[list[str], list[str]]:
    return run_online(feats, params, seed, relinking=False)


def summarize(runs: list[dict[str, float]]) -> dict[str, Any]:
    """Mean and standard deviation of every metric over runs."""
    out: dict[str, Any] = {}
    for key in runs[0]:
        vals = [r[key] for r in runs]
        sd = statistics.stdev(vals) if len(vals) > 1 else 0.0
        out[key] = {"mean": round(statistics.fmean(vals), 4), "sd": round(sd, 4)}
    return out


def evaluate(
    rows: list[dict[str, Any]],
    feats: list[ArticleFeatures],
    mode: str,
    orders: int,
    params: ClusterParams,
) -> dict[str, Any]:
    """Run one mode over ``orders`` seeds and score arrival/final partitions on both golds."""
    runner: Runner = {"online": run_online, "online-plain": _plain, "batch": run_batch}[mode]
    event, topic = [r["cluster"] for r in rows], [r["topic"] for r in rows]
    acc: dict[str, list[dict[str, float]]] = {}
    for seed in range(orders):
        arrival, final = runner(feats, params, seed)
        views = {"final": final} if mode == "batch" else {"arrival": arrival, "final": final}
        for view, pred in views.items():
            acc.setdefault(f"{view}/event", []).append(partition_scores(pred, event))
            acc.setdefault(f"{view}/topic", []).append(partition_scores(pred, topic))
    return {key: summarize(runs) for key, runs in acc.items()}


def confusion(rows: list[dict[str, Any]], pred: Sequence[str]) -> list[str]:
    """One line per predicted story with its gold event counts (for error analysis)."""
    groups: dict[str, Counter[str]] = {}
    for r, p in zip(rows, pred, strict=True):
        groups.setdefault(p, Counter())[r["cluster"]] += 1
    return [json.dumps(dict(c)) for c in sorted(groups.values(), key=lambda c: min(c))]


def main() -> None:
    """Parse arguments, run the evaluation, print JSON."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--split", default="test", choices=["train", "dev", "test", "all"])
    parser.add_argument("--embedder", default="minilm")
    parser.add_argument("--mode", default="all", choices=["online", "online-plain", "batch", "all"])
    parser.add_argument("--orders", type=int, default=5)
    parser.add_argument("--analyze", action="store_true", help="print online seed-0 confusion")
    args = parser.parse_args()
    rows = [r for r in load_rows() if args.split == "all" or r["split"] == args.split]
    feats = featurize(rows, args.embedder)
    params = default_params(args.embedder)
    modes = ["online", "online-plain", "batch"] if args.mode == "all" else [args.mode]
    report: dict[str, Any] = {"split": args.split, "embedder": args.embedder, "n": len(rows)}
    for mode in modes:
        orders = 2 if mode == "batch" else args.orders
        report[mode] = evaluate(rows, feats, mode, orders, params)
    print(json.dumps(report, indent=1))
    if args.analyze:
        print("\n".join(confusion(rows, run_online(feats, params, 0)[1])))


if __name__ == "__main__":
    main()
