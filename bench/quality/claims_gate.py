"""Gate suite for claims: the held-out conflict set, and the seeds end to end.

Conflicts: ``data/conflicts_test.jsonl`` (31 fictional two-outlet stories written after the
rules were frozen on ``conflicts_dev*.jsonl``): precision and recall per field, and the share of
agreeing stories with no conflict reported. Seeds: the facts issue 14 names come out
corroborated or single-source, and a verbatim copy of a seed from a third outlet changes no
fact's independent-source count. Real news: fact alignment on ECB+ test topics against
sentence pairs that share a gold event and participant (:mod:`newsweave.evaluation.facts`).
"""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

from newsweave.backends.storage.memory import MemoryStorage
from newsweave.config import load_config
from newsweave.engine import Engine
from newsweave.evaluation.conflicts import evaluate_conflicts, load_cases
from newsweave.evaluation.facts import evaluate_fact_alignment
from newsweave.model import Comparison

CORPUS = Path(__file__).resolve().parent / "data" / "conflicts_test.jsonl"
#: Words of a claim that identify the facts issue 14 requires (status expected).
SEED_FACTS = {
    "train": "corroborated",
    "2019": "corroborated",
    "arms deal": "corroborated",
    "humanitarian aid": "corroborated",
    "seven trips": "single_source",
    "Jo Chun Ryong": "single_source",
}


def status_of(comparison: Comparison, words: str) -> str | None:
    """The status of the most widely sourced fact with a claim containing ``words``."""
    found = [f for f in comparison.facts if any(words in c.text for c in f.claims)]
    return max(found, key=lambda f: f.independent_sources).status if found else None


def seed_metrics(seeds: Path) -> dict[str, float]:
    """Share of the required seed facts with the required status; copy independence."""
    with tempfile.TemporaryDirectory() as tmp, Engine.open(Path(tmp) / "seeds.db") as engine:
        engine.ingest([str(seeds)])
        (story,) = engine.stories()
        before = engine.compare(story.id)
        text = engine.article(story.article_ids[0]).text
        copy = Path(tmp) / "copy.jsonl"
        row = {"id": "copy-1", "title": "Copy", "text": text, "source": "Third Outlet"}
        copy.write_text(json.dumps(row) + "\n", encoding="utf-8")
        engine.ingest([str(copy)])
        after = engine.compare(story.id)
    met = sum(status_of(before, w) == s for w, s in SEED_FACTS.items())
    counts = sorted(f.independent_sources for f in before.facts)
    same = counts == sorted(f.independent_sources for f in after.facts)
    return {"seeds.required_facts": met / len(SEED_FACTS), "seeds.copy_counted_once": float(same)}


def gate_metrics(shared: Path) -> dict[str, float]:
    """Conflict-set and seed metrics."""
    engine = Engine(load_config(None), storage=MemoryStorage())
    cases = load_cases(CORPUS)
    raw = evaluate_conflicts(cases, engine.compare_articles)
    agreeing = sum(1 for c in cases if c.kind == "none")
    metrics = {f"conflicts.{k}": v for k, v in raw.items() if "." in k}
    metrics["conflicts.agreeing_clean"] = 1 - raw["paraphrases_flagged"] / agreeing
    ecb = evaluate_fact_alignment(shared / "data" / "ecbplus", "test", engine.compare_articles)
    metrics |= {f"ecb_test.{k}": ecb[k] for k in ("precision", "recall", "sentence_recall")}
    return metrics | seed_metrics(shared / "seeds")
