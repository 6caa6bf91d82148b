"""Clustering scores against gold labels: B-cubed, pairwise F1 and adjusted Rand index.

B-cubed follows Bagga & Baldwin (1998); pairwise precision/recall count same-cluster article
pairs, as in Miranda et al. (2018). All functions take two equal-length label sequences.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Hashable, Sequence
from math import comb

from newsweave.evaluation.prf import PRF


def _check(pred: Sequence[Hashable], gold: Sequence[Hashable]) -> None:
    if len(pred) != len(gold):
        raise ValueError(f"{len(pred)} predicted labels for {len(gold)} gold labels")


def bcubed(pred: Sequence[Hashable], gold: Sequence[Hashable]) -> PRF:
    """B-cubed precision/recall/F1, averaged over items."""
    _check(pred, gold)
    if not pred:
        return PRF(1.0, 1.0)
    joint = Counter(zip(pred, gold, strict=True))
    psize, gsize = Counter(pred), Counter(gold)
    p = sum(n * n / psize[a] for (a, _), n in joint.items()) / len(pred)
    r = sum(n * n / gsize[b] for (_, b), n in joint.items()) / len(pred)
    return PRF(p, r)


def pairwise(pred: Sequence[Hashable], gold: Sequence[Hashable]) -> PRF:
    """Precision/recall/F1 over unordered item pairs put in one cluster."""
    _check(pred, gold)
    joint = sum(comb(n, 2) for n in Counter(zip(pred, gold, strict=True)).values())
    ppairs = sum(comb(n, 2) for n in Counter(pred).values())
    gpairs = sum(comb(n, 2) for n in Counter(gold).values())
    return PRF(joint / ppairs if ppairs else 1.0, joint / gpairs if gpairs else 1.0)


def adjusted_rand(pred: Sequence[Hashable], gold: Sequence[Hashable]) -> float:
    """Adjusted Rand index (Hubert & Arabie 1985); 1.0 for identical partitions."""
    _check(pred, gold)
    n = len(pred)
    if n < 2:
        return 1.0
    index = sum(comb(c, 2) for c in Counter(zip(pred, gold, strict=True)).values())
    a = sum(comb(c, 2) for c in Counter(pred).values())
    b = sum(comb(c, 2) for c in Counter(gold).values())
    expected = a * b / comb(n, 2)
    top = (a + b) / 2
    return 1.0 if top == expected else (index - expected) / (top - expected)


def clusters(labels: Sequence[Hashable]) -> dict[Hashable, list[int]]:
    """Group item positions by label."""
    out: dict[Hashable, list[int]] = defaultdict(list)
    for i, label in enumerate(labels):
        out[label].append(i)
    return dict(out)


def partition_scores(pred: Sequence[Hashable], gold: Sequence[Hashable]) -> dict[str, float]:
    """Every score of one partition against one gold labelling, by name."""
    b3, pw = bcubed(pred, gold), pairwise(pred, gold)
    return {
        "b3_precision": b3.precision,
        "b3_recall": b3.recall,
        "b3_f1": b3.f1,
        "pairwise_f1": pw.f1,
        "ari": adjusted_rand(pred, gold),
        "clusters": float(len(set(pred))),
        "gold_clusters": float(len(set(gold))),
    }
