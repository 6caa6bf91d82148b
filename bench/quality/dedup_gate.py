"""Quality-gate suite for dedup: ECB+ copy variants (test topics) and real ECB+ wire copies.

The evaluation is :mod:`newsweave.evaluation.dedup` (``newsweave eval dedup``) with the
package's default rules, which ``bench/quality/dedup.py`` tuned on train/dev topics.
"""

from __future__ import annotations

from pathlib import Path

from newsweave.evaluation import dedup, msrp_rewrites

#: Pinned by the quality gate; relative to the shared/ folder.
CORPUS = Path("data/ecbplus/ecbplus.jsonl")


def gate_metrics(shared: Path) -> dict[str, float]:
    """Precision/recall per copy kind on test topics; wire copies found; independents clean.

    Also rewrites written by people: MSRP test paraphrases spliced into article pairs
    (:mod:`newsweave.evaluation.msrp_rewrites`), which our own rewrite rules did not make.
    """
    metrics = dedup.evaluate(shared / CORPUS, "test").metrics
    return metrics | msrp_rewrites.evaluate(shared / "data" / "msrp")
