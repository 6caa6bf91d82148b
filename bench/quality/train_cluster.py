"""Fit the story clusterer's weights on ECB+ train and pick its thresholds on ECB+ dev.

Usage: ``python -m bench.quality.train_cluster --embedder minilm [--write]``. Prints the fitted
set; with ``--write`` it also writes it to ``src/newsweave/cluster/data/cluster_<embedder>.json``
with the corpus hash and the splits (see :func:`write_params`). The test split is never read.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import sys
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

import numpy as np

from bench.quality.ecbdata import ecb_path, featurize, load_rows
from newsweave.cluster.batch import cluster_batch
from newsweave.cluster.clusterer import StoryClusterer
from newsweave.cluster.features import ArticleFeatures
from newsweave.cluster.maintain import add_and_relink
from newsweave.cluster.params import PARAMS_FILES, ClusterParams, read_params_file
from newsweave.cluster.profile import StoryProfile, make_sketch
from newsweave.cluster.scoring import FEATURES, features
from newsweave.cluster.tfidf import DocFreq
from newsweave.evaluation.clusters import bcubed


def teacher_pairs(
    feats: Sequence[ArticleFeatures], gold: Sequence[str], seed: int
) -> tuple[list[list[float]], list[int]]:
    """Replay the stream with gold assignments and collect (candidate features, label) pairs."""
    order = list(range(len(feats)))
    random.Random(seed).shuffle(order)
    clu = StoryClusterer(ClusterParams())
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


def snapshot_pairs(
    feats: Sequence[ArticleFeatures], gold: Sequence[str], topic: Sequence[str], seed: int
) -> tuple[list[list[float]], list[int]]:
    """Score each article against random partial stories of its own topic's events.

    ECB+ topics hold two look-alike events, so this yields the hard negatives (the twin
    event) that a random stream shows too rarely, next to positives of every story size.
    """
    rng = random.Random(seed)
    terms, names = DocFreq(), DocFreq()
    for f in feats:
        terms.add(f.terms)
        names.add(f.entities)
    sketches = [make_sketch(f, terms, names) for f in feats]
    by_event: dict[str, list[int]] = {}
    for i, g in enumerate(gold):
        by_event.setdefault(g, []).append(i)
    xs: list[list[float]] = []
    ys: list[int] = []
    for i in range(len(feats)):
        for event in sorted({gold[j] for j in range(len(feats)) if topic[j] == topic[i]}):
            pool = [j for j in by_event[event] if j != i]
            if not pool:
                continue
            story = StoryProfile(id=event)
            for j in rng.sample(pool, rng.randint(1, len(pool))):
                story.add(feats[j], sketches[j])
            xs.append(features(sketches[i], story, terms, names))
            ys.append(int(event == gold[i]))
    return xs, ys


def article_pairs(
    feats: Sequence[ArticleFeatures], gold: Sequence[str], topic: Sequence[str]
) -> tuple[list[list[float]], list[int]]:
    """Every article against every other single article of its topic, both ways.

    Relinking and batch mode cut an average-link tree built on exactly these one-article
    scores, so the model sees them as they are used.
    """
    terms, names = DocFreq(), DocFreq()
    for f in feats:
        terms.add(f.terms)
        names.add(f.entities)
    sketches = [make_sketch(f, terms, names) for f in feats]
    singles = []
    for f, sketch in zip(feats, sketches, strict=True):
        single = StoryProfile(id=f.article_id)
        single.add(f, sketch)
        singles.append(single)
    xs: list[list[float]] = []
    ys: list[int] = []
    for i in range(len(feats)):
        for j in range(len(feats)):
            if i != j and topic[i] == topic[j]:
                xs.append(features(sketches[i], singles[j], terms, names))
                ys.append(int(gold[i] == gold[j]))
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
    """Mean B-cubed F1 of the final online partition (with relinking) over shuffled orders."""
    scores = []
    for seed in range(seeds):
        order = list(range(len(feats)))
        random.Random(seed).shuffle(order)
        clu = StoryClusterer(params)
        seen: dict[str, ArticleFeatures] = {}
        for i in order:
            add_and_relink(clu, feats[i], seen)
            seen[feats[i].article_id] = feats[i]
        pred = [clu.story_of(f.article_id) for f in feats]
        scores.append(bcubed(pred, gold).f1)
    return float(np.mean(scores))


def tune(
    feats: Sequence[ArticleFeatures],
    gold: Sequence[str],
    base: ClusterParams,
    args: argparse.Namespace,
) -> ClusterParams:
    """Pick the average-link cut and the join/relink thresholds by online B-cubed F1.

    The cut is shared by batch mode and online relinking; batch F1 is printed for each cut.
    """
    best = (-1.0, base)
    for cut in args.batch:
        clu = cluster_batch(feats, replace(base, batch_threshold=cut))
        f1 = bcubed([clu.story_of(f.article_id) for f in feats], gold).f1
        print(f"dev batch threshold={cut} B3 F1={f1:.4f}")
        for join in args.join:
            for relink in args.relink:
                params = replace(
                    base, batch_threshold=cut, join_threshold=join, relink_threshold=relink
                )
                f1 = online_f1(feats, gold, params, seeds=5)
                print(f"dev cut={cut} join={join} relink={relink} online B3 F1={f1:.4f}")
                if f1 > best[0]:
                    best = (f1, params)
    print(f"best dev online B3 F1={best[0]:.4f}")
    return best[1]


DATA_DIR = Path(__file__).resolve().parents[2] / "src" / "newsweave" / "cluster" / "data"
EMBEDDER_NAMES = {"minilm": "embed.minilm.v1", "static": "embed.static.v1", "none": "none"}


def write_params(key: str, params: ClusterParams, command: str, corpus: Path) -> Path:
    """Write a fitted set to its data file, keeping the priors and notes already there.

    The file records the corpus SHA-256 and that weights came from train and thresholds
    from dev (the test split is never read here).
    """
    target = DATA_DIR / PARAMS_FILES[key]
    old = read_params_file(key) if target.is_file() else {}
    data = {
        "format": 1,
        "embedder": EMBEDDER_NAMES[key],
        "features": list(FEATURES),
        "weights": {name: params.weights[name] for name in FEATURES},
        "bias": round(params.bias, 3),
        "join_threshold": params.join_threshold,
        "batch_threshold": params.batch_threshold,
        "relink_threshold": params.relink_threshold,
        "merge_threshold": params.merge_threshold,
        **{k: old[k] for k in ("split_min_articles", "split_below", "split_min_part") if k in old},
        "fitted_on": {
            "corpus": "data/ecbplus/ecbplus.jsonl",
            "sha256": hashlib.sha256(corpus.read_bytes()).hexdigest(),
            "weights": "train",
            "thresholds": "dev",
            "not_read": "test",
        },
        "priors": old.get("priors", {"window_days": 30.0, "time_penalty": 2.0}),
        "command": command,
        "notes": old.get("notes", []),
    }
    target.write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")
    return target


def main() -> None:
    """Fit on train, tune on dev, print the constants."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--embedder", default="minilm")
    parser.add_argument("--orders", type=int, default=6)
    parser.add_argument("--join", type=float, nargs="+", default=[0.4, 0.5, 0.6])
    parser.add_argument("--batch", type=float, nargs="+", default=[0.2, 0.3, 0.4, 0.5])
    parser.add_argument("--relink", type=float, nargs="+", default=[0.05, 0.1, 0.2])
    parser.add_argument("--pairs", action="store_true", help="also fit on article pairs")
    parser.add_argument("--exclude", nargs="*", default=[], help="features left out (weight 0)")
    parser.add_argument("--write", action="store_true", help="write the set to its data file")
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
        x, y = snapshot_pairs(
            [feats[i] for i in tr],
            [rows[i]["cluster"] for i in tr],
            [rows[i]["topic"] for i in tr],
            seed,
        )
        xs += x
        ys += y
    if args.pairs:
        x, y = article_pairs(
            [feats[i] for i in tr], [rows[i]["cluster"] for i in tr], [rows[i]["topic"] for i in tr]
        )
        xs += x
        ys += y
    x = np.array(xs)
    keep = [i for i, name in enumerate(FEATURES) if name not in args.exclude]
    w = np.zeros(len(FEATURES))
    w[keep], b = fit_logistic(x[:, keep], np.array(ys, dtype=float))
    weights = dict(zip(FEATURES, (round(float(v), 3) for v in w), strict=True))
    print(f"pairs={len(ys)} positives={sum(ys)}")
    print("weights =", weights)
    print(f"bias = {b:.3f}")
    dv = split["dev"]
    dfeats, dgold = [feats[i] for i in dv], [rows[i]["cluster"] for i in dv]
    chosen = tune(dfeats, dgold, ClusterParams(weights=weights, bias=b), args)
    print(
        f"chosen: join_threshold={chosen.join_threshold} batch_threshold="
        f"{chosen.batch_threshold} relink_threshold={chosen.relink_threshold}"
    )
    if args.write:
        command = "python -m bench.quality.train_cluster " + " ".join(sys.argv[1:])
        print("written:", write_params(args.embedder, chosen, command, ecb_path()))


if __name__ == "__main__":
    main()
