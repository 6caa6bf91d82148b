"""The stored and ``--json`` form of a :class:`~newsweave.model.Comparison` (one codec)."""

from __future__ import annotations

from typing import Any, cast

from newsweave.model import (
    ClaimRef,
    Comparison,
    Conflict,
    ConflictValue,
    Fact,
    FactStatus,
    SourceGroup,
    SourceView,
)


def comparison_to_json(comparison: Comparison) -> dict[str, Any]:
    """Plain data, in the shape ``newsweave compare --json`` prints."""
    return {
        "story": comparison.story,
        "sources": [
            {"id": s.id, "outlet": s.outlet, "articles": list(s.articles)}
            for s in comparison.sources
        ],
        "facts": [_fact_json(f) for f in comparison.facts],
        "views": [
            {"source": v.source, "adds": list(v.adds), "omits": list(v.omits)}
            for v in comparison.views
        ],
        "left_out": list(comparison.left_out),
    }


def _fact_json(fact: Fact) -> dict[str, Any]:
    conflict = None
    if fact.conflict is not None:
        conflict = {
            "field": fact.conflict.field,
            "values": [
                {"value": v.value, "sources": list(v.sources)} for v in fact.conflict.values
            ],
        }
    return {
        "id": fact.id,
        "text": fact.text,
        "status": fact.status,
        "independent_sources": fact.independent_sources,
        "sources": list(fact.sources),
        "claims": [
            {
                "article": c.article,
                "sentence": c.sentence,
                "text": c.text,
                "hedged": c.hedged,
                "attribution": c.attribution,
            }
            for c in fact.claims
        ],
        "conflict": conflict,
    }


def comparison_from_json(data: dict[str, Any]) -> Comparison:
    """Rebuild what :func:`comparison_to_json` wrote."""
    return Comparison(
        story=str(data["story"]),
        sources=tuple(
            SourceGroup(id=s["id"], outlet=s["outlet"], articles=tuple(s["articles"]))
            for s in data["sources"]
        ),
        facts=tuple(_fact(f) for f in data["facts"]),
        views=tuple(
            SourceView(source=v["source"], adds=tuple(v["adds"]), omits=tuple(v["omits"]))
            for v in data["views"]
        ),
        left_out=tuple(data.get("left_out", ())),
    )


def _fact(data: dict[str, Any]) -> Fact:
    conflict = data["conflict"]
    return Fact(
        id=data["id"],
        text=data["text"],
        status=cast(FactStatus, data["status"]),
        sources=tuple(data["sources"]),
        claims=tuple(
            ClaimRef(
                article=c["article"],
                sentence=int(c["sentence"]),
                text=c["text"],
                hedged=bool(c["hedged"]),
                attribution=c["attribution"],
            )
            for c in data["claims"]
        ),
        conflict=None
        if conflict is None
        else Conflict(
            field=conflict["field"],
            values=tuple(
                ConflictValue(value=v["value"], sources=tuple(v["sources"]))
                for v in conflict["values"]
            ),
        ),
    )
