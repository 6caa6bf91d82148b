"""Quality-gate suite for entities: ECB+ test topics, cross-document entity coreference.

Gold named mentions (core tags) are matched to the entities newsweave resolves; the evaluation is
:mod:`newsweave.evaluation.entities` (``newsweave eval entities``), with the shipped defaults.
"""

from __future__ import annotations

from pathlib import Path

from newsweave.evaluation import entities as ev

#: Pinned by the quality gate; relative to the shared/ folder.
CORPUS = Path("data/ecbplus/ecbplus_mentions.jsonl.gz")
_VIEWS = dict(zip(("subtopic", "document", "string_baseline"), ev.SYSTEMS, strict=True))


def gate_metrics(shared: Path) -> dict[str, float]:
    """Coverage and CoNLL/B-cubed F1 on the test split (story = gold sub-topic, and document)."""
    report = ev.evaluate_split(shared / CORPUS.parent, "test")
    metrics: dict[str, float] = {}
    for view, system in _VIEWS.items():
        score = report.scores["core"][system]
        metrics[f"{view}.coverage"] = score.coverage
        metrics[f"{view}.conll_f1"] = score.conll_f1
        metrics[f"{view}.b3_f1"] = score.scores["b3"].f1
    return metrics
