"""Quality-gate suite for dedup: ECB+ copy variants (test topics) and real ECB+ wire copies.

Uses the package's default rules, which ``bench/quality/dedup.py`` tuned on train/dev topics.
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
if str(HERE) not in sys.path:  # dedup.py imports its sibling modules by name
    sys.path.insert(0, str(HERE))

import dedup  # noqa: E402 - needs the sys.path entry above
import dedup_eval as de  # noqa: E402

from newsweave.dedup import core  # noqa: E402

#: Pinned by the quality gate; relative to the shared/ folder.
CORPUS = Path("data/ecbplus/ecbplus.jsonl")


def _share(numerator: int, denominator: int) -> float:
    return numerator / denominator if denominator else 1.0


def gate_metrics(shared: Path) -> dict[str, float]:
    """Precision/recall per copy kind on test topics; wire copies found; independents clean."""
    docs = de.load_ecb(shared / CORPUS)
    relations = de.source_relations(docs)
    rules = core.DedupRules()
    test = dedup.report_variants(de.build_pool(docs, de.SPLITS["test"]), relations, rules)
    metrics: dict[str, float] = {}
    for kind, row in test["recall"].items():
        metrics[f"recall.{kind}"] = _share(row["found"], row["gold"])
        metrics[f"kind_ok.{kind}"] = _share(row["kind_ok"], row["gold"])
    for kind, row in test["precision"].items():
        judged = row["positive"] + row["negative"]
        metrics[f"precision.{kind}"] = _share(row["positive"], judged)
    originals = dedup.report_originals(docs, relations, rules)
    metrics["wire.recall"] = _share(originals["wire_found"], originals["wire_pairs"])
    flagged = sum(
        n for key, n in originals["flagged"].items() if key.startswith("independent/same")
    )
    metrics["independent_same_event.clean"] = 1 - _share(
        flagged, originals["independent_same_cluster_pairs"]
    )
    metrics["independent_same_event.flagged"] = float(flagged)
    return metrics
