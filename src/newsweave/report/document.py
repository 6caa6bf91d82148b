"""What a story report holds, as plain data (also the ``--format json`` output)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from newsweave.claims.codec import comparison_to_json
from newsweave.claims.compare import fact_notes
from newsweave.entities.view import EntityView
from newsweave.model import Comparison, Summary
from newsweave.summary.codec import summary_to_json
from newsweave.views import StoryView

#: Entities listed at most (those with most mentions).
MAX_ENTITIES = 25


def report_document(
    view: StoryView,
    summary: Summary,
    comparison: Comparison,
    entities: Sequence[EntityView],
) -> dict[str, Any]:
    """One story's report: headline, summary, facts, entities, timeline, sources, copies."""
    members = {m.article.id: m.article for m in view.members}
    facts = comparison_to_json(comparison)
    notes = {f.id: fact_notes(f) for f in comparison.facts}
    for fact in facts["facts"]:
        fact["notes"] = notes.get(fact["id"], [])
    return {
        "story": view.story.id,
        "headline": summary.headline,
        "summary": summary_to_json(summary),
        "facts": facts,
        "entities": [
            e.to_json() for e in sorted(entities, key=lambda e: -e.mentions)[:MAX_ENTITIES]
        ],
        "articles": [
            {
                "id": a.id,
                "title": a.title,
                "url": a.url,
                "source": a.source,
                "date": a.date.isoformat() if a.date else None,
            }
            for a in members.values()
        ],
        "copies": [
            {
                "original": g.original,
                "copies": [
                    {"id": c.id, "kind": c.kind, "score": round(c.score, 3)} for c in g.copies
                ],
            }
            for g in view.copy_groups
        ],
    }
