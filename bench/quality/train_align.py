"""Fit the claim-alignment scorer on MSRP train; write src/newsweave/claims/data/align_*.json.

Usage: ``python -m bench.quality.train_align ../shared/data/msrp [--embedder embed.static.v1]``.
Weights are fitted on 80% of MSRP train; the threshold maximises accuracy on the other 20% (dev).
MSRP test is never read.
"""

from __future__ import annotations

import argparse
import hashlib
import json
from pathlib import Path

import numpy as np

from newsweave.claims.scorer import FEATURES, WEIGHT_FILES, LogisticPairScorer, pair_features
from newsweave.evaluation.align import best_accuracy_threshold, embed_pairs, split_dev
from newsweave.evaluation.msrp import Pairs, fit_logistic, load
from newsweave.registry import default_registries

OUT = Path(__file__).resolve().parents[2] / "src" / "newsweave" / "claims" / "data"


def _subset(pairs: Pairs, index: list[int]) -> Pairs:
    return Pairs(
        [pairs.first[i] for i in index], [pairs.second[i] for i in index], pairs.labels[index]
    )


def train(root: Path, embedder_name: str) -> dict[str, object]:
    """Fit weights and threshold; return the weights file's content."""
    embedder = (
        None if embedder_name == "none" else default_registries().embedders.create(embedder_name)
    )
    pairs = load("train", root)
    fit_idx, dev_idx = split_dev(len(pairs.labels))
    fit, dev = _subset(pairs, list(fit_idx)), _subset(pairs, list(dev_idx))
    x_fit = pair_features(fit.first, fit.second, *embed_pairs(fit, embedder))
    weights, bias = fit_logistic(x_fit, fit.labels)
    scorer = LogisticPairScorer(name="fit", weights=tuple(weights), bias=bias, threshold=0.5)
    dev_probs = scorer.score(dev.first, dev.second, *embed_pairs(dev, embedder))
    threshold = best_accuracy_threshold(dev_probs, dev.labels)
    digest = hashlib.sha256((root / "msr_paraphrase_train.txt").read_bytes()).hexdigest()
    return {
        "embedder": embedder_name,
        "features": list(FEATURES),
        "weights": [round(float(w), 6) for w in weights],
        "bias": round(bias, 6),
        "threshold": threshold,
        "fitted_on": "MSRP train minus dev (80%, seed 13); threshold on dev (20%)",
        "train_sha256": digest,
        "command": f"python -m bench.quality.train_align {root} --embedder {embedder_name}",
    }


def main() -> None:
    """Fit and write the weights file of one embedder."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("msrp", type=Path)
    parser.add_argument("--embedder", default="embed.static.v1", choices=sorted(WEIGHT_FILES))
    args = parser.parse_args()
    data = train(args.msrp, args.embedder)
    target = OUT / WEIGHT_FILES[args.embedder]
    target.write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {target}: threshold {data['threshold']}, weights {np.round(data['weights'], 3)}")


if __name__ == "__main__":
    main()
