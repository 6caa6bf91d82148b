"""Tune and report entity resolution on ECB+ (the evaluation itself is newsweave.evaluation).

``--tune`` sweeps ``salience_ratio`` on train+dev only and reports the chosen value; the test
split is then scored once with it (the same report as ``newsweave eval entities``).

Usage: python bench/quality/entities.py [--data DIR] [--tune] [--json OUT]
"""

from __future__ import annotations

import argparse
import json
import time
from collections.abc import Mapping, Sequence
from pathlib import Path

from newsweave.config import NerConfig
from newsweave.entities.ner import ArticleSpans
from newsweave.entities.resolve import ResolveConfig
from newsweave.evaluation import entities as ev
from newsweave.evaluation.entities import TAG_LABELS

DEFAULT_DATA = Path(__file__).resolve().parents[2] / ".." / "shared" / "data" / "ecbplus"
# Ratios > 1 only: at 1.0 a tie between two full names would be broken by id, i.e. arbitrarily.
RATIOS = (1.25, 1.5, 2.0, 3.0, 5.0, float("inf"))


def tune(
    ner: Mapping[str, ArticleSpans],
    docs: ev.Docs,
    golds: ev.Golds,
    ids: Sequence[str],
    default: float,
) -> tuple[dict[str, float], float]:
    """Sweep ``salience_ratio`` on ``ids``; the default stays when it ties with the best."""
    sweep: dict[str, float] = {}
    for r in RATIOS:
        system = ev.resolve_incrementally(
            ner, docs, ids, ev.subtopic_of(docs), ResolveConfig(salience_ratio=r)
        )
        s, _ = ev.evaluate(docs, golds, system, ids, TAG_LABELS)
        sweep[str(r)] = round(s.conll_f1, 4)
        print(f"train+dev ratio={r}: CoNLL F1 {s.conll_f1:.4f} coverage {s.coverage:.4f}")
    best = max(sweep.values())
    tied = sorted(float(k) for k in sweep if sweep[k] == best)
    ratio = default if sweep.get(str(default)) == best else tied[0]
    print(f"chosen salience_ratio={ratio}")
    return sweep, ratio


def main() -> None:
    """Optionally tune on train+dev, then score the test split."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--model", default=NerConfig().model)
    ap.add_argument("--tune", action="store_true", help="sweep salience_ratio on train+dev")
    ap.add_argument("--ratio", type=float, default=ResolveConfig().salience_ratio)
    ap.add_argument("--json", type=Path, help="write the numbers as JSON here")
    args = ap.parse_args()
    report: dict[str, object] = {}
    ratio = args.ratio
    if args.tune:
        docs, golds = ev.load(args.data)
        ids = ev.split_ids(docs, "train") + ev.split_ids(docs, "dev")
        t0 = time.perf_counter()
        ner = ev.run_ner(docs, ids, NerConfig(model=args.model))
        print(f"NER: {len(ids)} train+dev docs in {time.perf_counter() - t0:.1f}s")
        report["tune_sweep_train_dev"], ratio = tune(ner, docs, golds, ids, ratio)
    report["salience_ratio"] = ratio
    result = ev.evaluate_split(
        args.data, "test", NerConfig(model=args.model), ResolveConfig(salience_ratio=ratio)
    )
    report["test"] = ev.report_json(result)
    print(json.dumps(report, indent=2))
    if args.json:
        args.json.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
