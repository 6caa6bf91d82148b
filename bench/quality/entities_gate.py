"""Quality-gate suite for entities: ECB+ test topics, cross-document entity coreference.

Gold named mentions (core tags) are matched to the entities newsweave resolves; see
``bench/quality/entities.py`` and docs/explanation/entities.md for the matching method.
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
if str(HERE) not in sys.path:
    sys.path.insert(0, str(HERE))

import entities as ent  # noqa: E402 - needs the sys.path entry above

from newsweave.entities.ner import NerConfig  # noqa: E402
from newsweave.entities.resolve import ResolveConfig  # noqa: E402

#: Pinned by the quality gate; relative to the shared/ folder.
CORPUS = Path("data/ecbplus/ecbplus_mentions.jsonl.gz")


def gate_metrics(shared: Path) -> dict[str, float]:
    """Coverage and CoNLL/B-cubed F1 on the test split (story = gold sub-topic, and document)."""
    docs, golds = ent.load(shared / CORPUS.parent)
    test = sorted((d for d in docs if docs[d]["split"] == "test"), key=ent._order)
    ner = ent.run_ner(docs, test, NerConfig())
    cfg = ResolveConfig()
    metrics: dict[str, float] = {}
    views = {
        "subtopic": ent.resolve_incrementally(ner, docs, test, ent._subtopic(docs), cfg),
        "document": ent.resolve_incrementally(ner, docs, test, lambda d: d, cfg),
        "string_baseline": ent.string_baseline(ner, test),
    }
    for name, system in views.items():
        score, _ = ent.evaluate(docs, golds, system, test, ent.TAG_LABELS)
        metrics[f"{name}.coverage"] = score.coverage
        metrics[f"{name}.conll_f1"] = score.conll_f1
        metrics[f"{name}.b3_f1"] = score.scores["b3"].f1
    return metrics
