"""Scoring conflict detection on a set of two-outlet stories with planted disagreements.

Each line of the set is ``{"id", "kind", "articles": [{"id", "source", "url", "title",
"date", "text"}], "conflict": {"field", "values"} | null}``; ``kind`` is the planted conflict's
field, or ``none`` for a story whose outlets agree in other words (paraphrases, "seven" and
"7", "Kim" and "Kim Jong Un", a hedged and a plain statement). Per field: precision over the
stories where a conflict of that field was reported, recall over the stories where one was
planted. ``paraphrases_flagged`` counts the ``none`` stories with any conflict reported.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from newsweave.claims.conflicts import FIELDS
from newsweave.errors import InputError
from newsweave.model import Article, Comparison

Compare = Callable[[str, Sequence[Article]], Comparison]


@dataclass(frozen=True, slots=True, kw_only=True)
class ConflictCase:
    """One story of the set: its articles and the planted conflict's field (or ``none``)."""

    id: str
    kind: str
    articles: tuple[Article, ...]


def load_cases(path: Path) -> list[ConflictCase]:
    """Read the set; a malformed line raises :class:`InputError` naming the file and line."""
    cases = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            data = json.loads(line)
            cases.append(_case(data))
        except (ValueError, KeyError, TypeError) as exc:
            raise InputError(
                str(path), "json", f"not a conflict case ({exc})", line=number
            ) from exc
    return cases


def _case(data: dict[str, Any]) -> ConflictCase:
    articles = tuple(
        Article(
            id=str(a["id"]),
            title=str(a.get("title", "")),
            text=str(a["text"]),
            url=a.get("url"),
            source=a.get("source"),
            date=datetime.fromisoformat(a["date"]) if a.get("date") else None,
        )
        for a in data["articles"]
    )
    kind = str(data["kind"])
    if kind not in (*FIELDS, "none"):
        raise ValueError(f"unknown kind {kind!r}")
    return ConflictCase(id=str(data["id"]), kind=kind, articles=articles)


def reported_fields(comparison: Comparison) -> set[str]:
    """The fields of the conflicts a comparison reports."""
    return {f.conflict.field for f in comparison.facts if f.conflict is not None}


def evaluate_conflicts(cases: Sequence[ConflictCase], compare: Compare) -> dict[str, float]:
    """Precision and recall per field, and how many agreeing stories were flagged."""
    found = [reported_fields(compare(case.id, case.articles)) for case in cases]
    metrics: dict[str, float] = {}
    for field in FIELDS:
        planted = [field == c.kind for c in cases]
        flagged = [field in f for f in found]
        hits = sum(p and f for p, f in zip(planted, flagged, strict=True))
        metrics[f"{field}.precision"] = hits / sum(flagged) if any(flagged) else 0.0
        metrics[f"{field}.recall"] = hits / sum(planted) if any(planted) else 0.0
    agreeing = [f for c, f in zip(cases, found, strict=True) if c.kind == "none"]
    metrics["paraphrases_flagged"] = float(sum(1 for f in agreeing if f))
    metrics["stories"] = float(len(cases))
    return metrics
