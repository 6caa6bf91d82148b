"""The stored and ``--json`` form of a :class:`~newsweave.model.Summary` (one codec)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from newsweave.model import StoryArc, Summary, SummarySentence, TimelineEntry


def summary_to_json(summary: Summary) -> dict[str, Any]:
    """Plain data, in the shape ``newsweave summary --json`` prints."""
    arc = summary.arc
    return {
        "story": summary.story,
        "headline": summary.headline,
        "sentences": [
            {
                "text": s.text,
                "article": s.article,
                "citations": list(s.citations),
                "facts": list(s.facts),
                "sources": s.sources,
            }
            for s in summary.sentences
        ],
        "timeline": [
            {
                "date": e.date,
                "precision": e.precision,
                "kind": e.kind,
                "text": e.text,
                "articles": list(e.articles),
            }
            for e in summary.timeline
        ],
        "arc": {
            "first": arc.first.isoformat() if arc.first else None,
            "last": arc.last.isoformat() if arc.last else None,
            "per_day": [[day, n] for day, n in arc.per_day],
            "undated": arc.undated,
        },
        "notes": list(summary.notes),
    }


def summary_from_json(data: dict[str, Any]) -> Summary:
    """Rebuild from :func:`summary_to_json`."""
    arc = data["arc"]
    return Summary(
        story=str(data["story"]),
        headline=str(data["headline"]),
        sentences=tuple(
            SummarySentence(
                text=str(s["text"]),
                article=str(s["article"]),
                citations=tuple(s["citations"]),
                facts=tuple(s["facts"]),
                sources=int(s["sources"]),
            )
            for s in data["sentences"]
        ),
        timeline=tuple(
            TimelineEntry(
                date=str(e["date"]),
                precision=str(e["precision"]),
                kind=str(e["kind"]),
                text=str(e["text"]),
                articles=tuple(e["articles"]),
            )
            for e in data["timeline"]
        ),
        arc=StoryArc(
            first=datetime.fromisoformat(arc["first"]) if arc["first"] else None,
            last=datetime.fromisoformat(arc["last"]) if arc["last"] else None,
            per_day=tuple((str(d), int(n)) for d, n in arc["per_day"]),
            undated=int(arc["undated"]),
        ),
        notes=tuple(data["notes"]),
    )
