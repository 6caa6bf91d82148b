"""Rewrites written by people, not by our rules: MSRP paraphrases spliced into article pairs.

The rule-based ``rewrite`` variants of :mod:`.copies` come from the same team as the detector,
so they flatter it. Here the rewriting is done by the journalists behind MSRP: each pair of
its test split is one sentence of one outlet and one of another outlet on the same story,
labelled as equivalent or not. An "original" article is made of the first sentences of
``sentences`` pairs, its "rewrite" of their second sentences, in the same order:

* ``full``: every pair a paraphrase: a rewrite of the whole article (should be flagged);
* ``half``: half the pairs paraphrases, the other half replaced by unrelated sentences of
  other pairs: a partial rewrite (reported, not scored as right or wrong);
* ``related``: every pair labelled *not* a paraphrase (same story, different claims): not a
  rewrite in MSRP's sense, though MSRP's negatives overlap heavily (one sentence often adds a
  clause to the other), so an article made only of them is close to a content-farm rewrite.

Each pair of articles is checked by the dedup stage's verification
(:func:`newsweave.dedup.core.compare`) with the package's rules.
"""

from __future__ import annotations

import random
from collections import Counter
from pathlib import Path

from newsweave.dedup import core
from newsweave.evaluation.msrp import load
from newsweave.model import Article

KINDS = ("full", "half", "related")


def article_pairs(
    root: Path, *, sentences: int = 8, seed: int = 13
) -> list[tuple[str, Article, Article]]:
    """``(kind, original, rewrite)`` article pairs built from MSRP test."""
    pairs = load("test", root)
    rng = random.Random(seed)
    rows = list(zip(pairs.first, pairs.second, pairs.labels.tolist(), strict=True))
    positive = [(a, b) for a, b, y in rows if y == 1]
    negative = [(a, b) for a, b, y in rows if y == 0]
    rng.shuffle(positive)
    rng.shuffle(negative)
    out: list[tuple[str, Article, Article]] = []

    def add(kind: str, n: int, left: list[str], right: list[str]) -> None:
        out.append(
            (
                kind,
                Article(id=f"{kind}-{n}-o", title="", text=" ".join(left)),
                Article(id=f"{kind}-{n}-r", title="", text=" ".join(right)),
            )
        )

    half = sentences // 2
    full_groups = len(positive) // (2 * sentences)
    for n in range(full_groups):
        chunk = positive[n * sentences : (n + 1) * sentences]
        add("full", n, [a for a, _ in chunk], [b for _, b in chunk])
    rest = positive[full_groups * sentences :]
    for n in range(len(rest) // sentences):
        chunk = rest[n * sentences : (n + 1) * sentences]
        right = [b for _, b in chunk[:half]] + [b for _, b in chunk[half:]][::-1]
        left = [a for a, _ in chunk[:half]] + [
            other for other, _ in rng.sample(negative, sentences - half)
        ]
        add("half", n, left, right)
    for n in range(len(negative) // sentences):
        chunk = negative[n * sentences : (n + 1) * sentences]
        add("related", n, [a for a, _ in chunk], [b for _, b in chunk])
    return out


def evaluate(root: Path, rules: core.DedupRules | None = None) -> dict[str, float]:
    """Share of each kind flagged as a copy, and as a ``rewrite`` in particular."""
    rules = rules or core.DedupRules()
    flagged: dict[str, Counter[str]] = {k: Counter() for k in KINDS}
    for kind, original, rewrite in article_pairs(root):
        left, right = core.fingerprint(original, rules), core.fingerprint(rewrite, rules)
        match = core.compare(left, right, rules)
        flagged[kind]["n"] += 1
        flagged[kind]["copy"] += match is not None
        flagged[kind]["rewrite"] += match is not None and match.kind == "rewrite"
    out: dict[str, float] = {}
    for kind, counts in flagged.items():
        n = max(1, counts["n"])
        out[f"msrp_{kind}.pairs"] = float(counts["n"])
        out[f"msrp_{kind}.flagged"] = counts["copy"] / n
        out[f"msrp_{kind}.as_rewrite"] = counts["rewrite"] / n
    out["msrp_related.clean"] = 1.0 - out["msrp_related.flagged"]
    return out
