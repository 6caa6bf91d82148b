"""JSON forms of the clustering data the cluster stage keeps in storage."""

from __future__ import annotations

import base64
import json
from typing import Any

import numpy as np

from newsweave.cluster.features import ArticleFeatures
from newsweave.text.dates import format_date, parse_date


def features_to_json(f: ArticleFeatures) -> bytes:
    """Serialise an article's clustering features (the embedding as base64 float32)."""
    data = {
        "id": f.article_id,
        "terms": f.terms,
        "entities": sorted(f.entities),
        "lead_entities": sorted(f.lead_entities),
        "name_counts": f.name_counts,
        "numbers": sorted(f.numbers),
        "years": sorted(f.years),
        "months": sorted(f.months),
        "date": format_date(f.date),
        "title": f.title,
        "embedding": None
        if f.embedding is None
        else base64.b64encode(np.asarray(f.embedding, dtype=np.float32).tobytes()).decode(),
    }
    return json.dumps(data, ensure_ascii=False, sort_keys=True).encode("utf-8")


def features_from_json(blob: bytes) -> ArticleFeatures:
    """Inverse of :func:`features_to_json`."""
    d: dict[str, Any] = json.loads(blob.decode("utf-8"))
    embedding = d["embedding"]
    return ArticleFeatures(
        article_id=d["id"],
        terms=d["terms"],
        entities=frozenset(d["entities"]),
        lead_entities=frozenset(d["lead_entities"]),
        name_counts=d["name_counts"],
        numbers=frozenset(d["numbers"]),
        years=frozenset(d["years"]),
        months=frozenset(d["months"]),
        date=parse_date(d["date"]),
        embedding=None
        if embedding is None
        else np.frombuffer(base64.b64decode(embedding), dtype=np.float32).copy(),
        title=d["title"],
    )
