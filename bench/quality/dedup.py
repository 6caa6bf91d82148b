"""Dedup quality benchmark: ECB+ copy variants, real ECB+ wire copies, MSRP sentence pairs.

Usage: ``python bench/quality/dedup.py [--out FILE] [--no-tune]``

1. Builds the labelled pool (see :mod:`newsweave.evaluation.copies`) for the tuning topics
   (ECB+ train + dev) and the test topics, streams each through the candidate index, and
   scores candidate pairs.
2. Chooses the verification thresholds on the tuning topics: near-copy thresholds maximise
   near/exact recall with no negative pair flagged; rewrite thresholds
   then maximise rewrite recall at precision >= 0.97.
3. Runs :func:`newsweave.dedup.core.compare` with those thresholds on the test topics and
   reports precision and recall per kind, the real ECB+ wire copies found, independent
   same-event pairs flagged, and direction accuracy (the report of ``newsweave eval dedup``).
   Then the MSRP evaluation (:mod:`newsweave.evaluation.msrp`).
"""

from __future__ import annotations

import argparse
import itertools
import json
import time
from dataclasses import replace
from pathlib import Path

from newsweave.dedup import core
from newsweave.dedup.align import RewriteRule, align
from newsweave.dedup.index import SketchConfig
from newsweave.evaluation import dedup as de
from newsweave.evaluation import msrp
from newsweave.text.shingles import containment, jaccard

Features = dict[str, float]
SHARED = Path(__file__).resolve().parents[3] / "shared"


def pair_features(a: core.Fingerprint, b: core.Fingerprint, rules: core.DedupRules) -> Features:
    """Return the quantities the verification rules threshold, for one pair."""
    smaller = min(a.shingles.size, b.shingles.size)
    cont = max(containment(a.shingles, b.shingles), containment(b.shingles, a.shingles))
    union = len(a.terms | b.terms)
    out = {
        "exact": float(a.exact == b.exact),
        "jaccard": jaccard(a.shingles, b.shingles),
        "contained": cont if smaller >= rules.min_shingles else 0.0,
        "terms": len(a.terms & b.terms) / union if union else 0.0,
    }
    if out["terms"] >= 0.1:
        al = align(a.sentences, b.sentences, min_score=rules.sentence_score)
        out |= {
            "pairs": len(al.pairs),
            "cov_hi": max(al.coverage_a, al.coverage_b),
            "cov_lo": min(al.coverage_a, al.coverage_b),
        }
    return out


def classify(f: Features, r: core.DedupRules) -> str | None:
    """Mirror :func:`core.compare` on precomputed features."""
    if f["exact"]:
        return "exact"
    if f["jaccard"] >= r.near_jaccard or f["contained"] >= r.near_containment:
        return "near"
    rw = r.rewrite
    if (
        f["terms"] >= r.min_term_jaccard
        and f.get("pairs", 0) >= rw.min_pairs
        and f.get("cov_hi", 0) >= rw.min_coverage
        and f.get("cov_lo", 0) >= rw.min_other
    ):
        return "rewrite"
    return None


def score(preds: list[tuple[str | None, str]], kinds: tuple[str, ...]) -> tuple[float, int, int]:
    """Return precision, true and false positives of predictions in ``kinds``."""
    tp = sum(1 for p, g in preds if p in kinds and g == "positive")
    fp = sum(1 for p, g in preds if p in kinds and g == "negative")
    return (tp / (tp + fp) if tp + fp else 1.0), tp, fp


def tune(feats: list[tuple[Features, str]], base: core.DedupRules) -> core.DedupRules:
    """Choose near, then rewrite thresholds on the tuning pairs (see the module docstring)."""
    best, best_tp = base, -1
    for nj, nc in itertools.product((0.3, 0.35, 0.4, 0.5, 0.6), (0.6, 0.7, 0.8, 0.9, 0.95)):
        rules = replace(base, near_jaccard=nj, near_containment=nc)
        preds = [(classify(f, rules), g) for f, g in feats]
        _, tp, fp = score(preds, ("exact", "near"))
        if fp == 0 and tp > best_tp:
            best, best_tp = rules, tp
    near_rules, best_tp = best, -1
    grid = itertools.product(
        (0.1, 0.15, 0.2), (2, 3, 4), (0.5, 0.6, 0.7, 0.8), (0.2, 0.3, 0.4, 0.5)
    )
    for mt, mp, hi, lo in grid:
        rules = replace(
            near_rules,
            min_term_jaccard=mt,
            rewrite=RewriteRule(min_pairs=mp, min_coverage=hi, min_other=lo),
        )
        preds = [(classify(f, rules), g) for f, g in feats]
        precision, tp, _ = score(preds, ("rewrite",))
        if precision >= 0.97 and tp > best_tp:
            best, best_tp = rules, tp
    return best


def tuning_features(
    docs: list[dict[str, str]], relations: dict[frozenset[str], str]
) -> list[tuple[Features, str]]:
    """Return features and gold labels of every candidate pair of the tuning topics."""
    pool = de.build_pool(docs, de.SPLITS["tune"])
    pairs = de.candidate_pairs(pool, SketchConfig())
    base = core.DedupRules()
    prints = [core.fingerprint(a, base) for a in pool.articles]
    out = []
    for i, j in pairs:
        g = de.gold(pool, relations, pool.articles[i].id, pool.articles[j].id)
        if g != "ambiguous":
            out.append((pair_features(prints[i], prints[j], base), g))
    return out


def main() -> None:
    """Tune on ECB+ train/dev, report on test, then run MSRP."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=Path("bench/out/dedup_quality.json"))
    parser.add_argument(
        "--no-tune", action="store_true", help="skip tuning: use the package's default rules"
    )
    parser.add_argument("--shared", type=Path, default=SHARED)
    args = parser.parse_args()
    start = time.perf_counter()
    path = args.shared / "data" / "ecbplus" / "ecbplus.jsonl"
    docs = de.load_ecb(path)
    relations = de.source_relations(docs)
    rules, tune_pairs = core.DedupRules(), 0
    if not args.no_tune:
        feats = tuning_features(docs, relations)
        rules, tune_pairs = tune(feats, rules), len(feats)
        print(f"tuned on {tune_pairs} train/dev candidate pairs: {rules}", flush=True)
    result = {
        "rules": repr(rules),
        "sketch": repr(SketchConfig()),
        "tune_pairs": tune_pairs,
        "test": de.report_json(de.evaluate(path, "test", rules)),
        "msrp": msrp.evaluate(args.shared / "data" / "msrp"),
        "seconds": round(time.perf_counter() - start, 1),
    }
    text = json.dumps(result, indent=1, default=dict)
    print(text)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
