"""Turn a :class:`StoryClusterer` into JSON-able data and back, losslessly.

The engine keeps this in its store (for example one JSON blob per story plus the shared
tables); embeddings are base64 of their raw float bytes.
"""

from __future__ import annotations

import base64
from datetime import datetime
from typing import Any

import numpy as np
import numpy.typing as npt

from newsweave.cluster.aliases import StoryAliases
from newsweave.cluster.clusterer import StoryClusterer
from newsweave.cluster.index import InvertedIndex
from newsweave.cluster.params import ClusterParams
from newsweave.cluster.profile import Sketch, StoryProfile, pack_counts, pack_sums, stored
from newsweave.cluster.tfidf import DocFreq, SparseVec

STATE_VERSION = 1


def _arr(a: npt.NDArray[Any] | None) -> dict[str, str] | None:
    if a is None:
        return None
    return {"dtype": str(a.dtype), "b64": base64.b64encode(a.tobytes()).decode("ascii")}


def _unarr(d: dict[str, str] | None) -> npt.NDArray[Any] | None:
    if d is None:
        return None
    return np.frombuffer(base64.b64decode(d["b64"]), dtype=d["dtype"]).copy()


def _date(d: datetime | None) -> str | None:
    return None if d is None else d.isoformat()


def _undate(s: str | None) -> datetime | None:
    return None if s is None else datetime.fromisoformat(s)


def sketch_to_dict(s: Sketch) -> dict[str, Any]:
    """Serialise one member sketch."""
    return {
        "article_id": s.article_id,
        "vector": dict(s.vector),
        "entities": sorted(s.entities),
        "lead_entities": sorted(s.lead_entities),
        "numbers": sorted(s.numbers),
        "years": sorted(s.years),
        "months": sorted(s.months),
        "embedding": _arr(s.codes() if isinstance(s.embedding, bytes) else s.embedding),
        "names": dict(s.names),
        "top_names": list(s.top_names),
        "emb_scale": s.emb_scale,
    }


def sketch_from_dict(d: dict[str, Any]) -> Sketch:
    """Inverse of :func:`sketch_to_dict`."""
    return Sketch(
        d["article_id"],
        dict(d["vector"]),
        frozenset(d["entities"]),
        frozenset(d["lead_entities"]),
        frozenset(d["numbers"]),
        frozenset(d["years"]),
        frozenset(d["months"]),
        _unarr(d["embedding"]),
        dict(d["names"]),
        tuple(d.get("top_names", ())),
        float(d.get("emb_scale", 1.0)),
    )


def story_to_dict(p: StoryProfile) -> dict[str, Any]:
    """Serialise one story profile."""
    return {
        "id": p.id,
        "headline": p.headline,
        "members": list(p.members),
        "terms": dict(p.terms.items()),
        "entities": dict(p.entities.items()),
        "lead_entities": dict(p.lead_entities.items()),
        "name_mass": dict(p.name_mass.items()),
        "numbers": dict(p.numbers.items()),
        "years": dict(p.years.items()),
        "months": dict(p.months.items()),
        "emb_sum": _arr(p.emb_sum),
        "sketches": [sketch_to_dict(s) for s in p.sketches],
        "first": _date(p.first),
        "last": _date(p.last),
        "aliases": list(p.aliases),
    }


def story_from_dict(d: dict[str, Any]) -> StoryProfile:
    """Inverse of :func:`story_to_dict`."""
    return StoryProfile(
        id=d["id"],
        headline=d["headline"],
        members=list(d["members"]),
        terms=SparseVec(d["terms"], "d"),
        entities=pack_counts(d["entities"]),
        lead_entities=pack_counts(d["lead_entities"]),
        name_mass=pack_sums(d["name_mass"]),
        numbers=pack_counts(d["numbers"]),
        years=pack_counts(d["years"]),
        months=pack_counts(d["months"]),
        emb_sum=_unarr(d["emb_sum"]),
        sketches=[stored(sketch_from_dict(s)) for s in d["sketches"]],
        first=_undate(d["first"]),
        last=_undate(d["last"]),
        aliases=list(d["aliases"]),
    )


def to_state(clu: StoryClusterer) -> dict[str, Any]:
    """Return the whole clusterer state as JSON-able data (params are not included)."""
    return {
        "version": STATE_VERSION,
        "terms": {"n_docs": clu.terms.n_docs, "df": clu.terms.df},
        "names": {"n_docs": clu.names.n_docs, "df": clu.names.df},
        "stories": [story_to_dict(p) for p in clu.stories.values()],
        "aliases": clu.aliases,
        "assigned": clu.assigned,
        "postings": clu.index.to_lists(),
    }


def from_state(state: dict[str, Any], params: ClusterParams) -> StoryClusterer:
    """Rebuild a clusterer from :func:`to_state` output and the params to run it with."""
    if state.get("version") != STATE_VERSION:
        raise ValueError(f"unsupported cluster state version {state.get('version')!r}")
    stories = [story_from_dict(d) for d in state["stories"]]
    return StoryClusterer(
        params,
        terms=DocFreq(state["terms"]["n_docs"], dict(state["terms"]["df"])),
        names=DocFreq(state["names"]["n_docs"], dict(state["names"]["df"])),
        stories={p.id: p for p in stories},
        aliases=StoryAliases(state["aliases"]),
        assigned=dict(state["assigned"]),
        index=InvertedIndex(state["postings"]),
    )
