"""The stored form of the cluster stage's state: one JSON codec for everything clustering keeps.

JSON forms (arrays everywhere as ``{"dtype": ..., "b64": ...}`` of their raw bytes, dates as
ISO 8601):

* article features (:func:`features_to_json`), one row per article in ``cluster.features``;
* story profiles and their member sketches (:func:`story_to_dict`);
* the whole clusterer (:func:`to_state`), for tests and stores written before the log.

Layout in the stage's state namespace (:func:`load`, :func:`save`), at a cost per batch that
does not grow with the store:

* ``story/<id>``: one row per live story, rewritten only when the story changed in a batch and
  deleted when it is merged away;
* ``log/<n>``: an append-only log, one zlib-compressed JSON chunk per batch, holding what the
  stories do not: document-frequency changes, inverted-index insertions in order, and alias
  changes. A chunk may instead hold a snapshot of those tables (batch mode, migration);
* ``count``: the number of log chunks, written in the batch's transaction.

The article -> story map is rebuilt from the stories. Loading reads every row once; a stage
then keeps the clusterer in memory and, on the next batch, reuses it when ``count`` is the one
it wrote last (else, after another process wrote or a batch was rolled back, it reloads).
What a batch changed is recorded by :mod:`newsweave.cluster.journal`.
"""

from __future__ import annotations

import base64
import json
import zlib
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any

import numpy as np
import numpy.typing as npt

from newsweave.cluster import journal
from newsweave.cluster.aliases import StoryAliases
from newsweave.cluster.clusterer import StoryClusterer
from newsweave.cluster.features import ArticleFeatures
from newsweave.cluster.index import InvertedIndex
from newsweave.cluster.params import ClusterParams
from newsweave.cluster.profile import Sketch, StoryProfile, pack_counts, pack_sums, stored
from newsweave.cluster.tfidf import DocFreq, SparseVec

if TYPE_CHECKING:
    from newsweave.backends.storage.base import Storage

STATE_VERSION = 1
STORY = "story/"
LOG = "log/"
COUNT = "count"
LEGACY = "clusterer"  # the whole clusterer as one JSON blob (stores written before the log)


def _arr(a: npt.NDArray[Any] | None) -> dict[str, str] | None:
    if a is None:
        return None
    return {"dtype": str(a.dtype), "b64": base64.b64encode(a.tobytes()).decode("ascii")}


def _unarr(d: dict[str, str] | str | None) -> npt.NDArray[Any] | None:
    if d is None:
        return None
    if isinstance(d, str):  # feature rows written before one encoding: bare float32 base64
        return np.frombuffer(base64.b64decode(d), dtype=np.float32).copy()
    return np.frombuffer(base64.b64decode(d["b64"]), dtype=d["dtype"]).copy()


def _date(d: datetime | None) -> str | None:
    return None if d is None else d.isoformat()


def _undate(s: str | None) -> datetime | None:
    return None if s is None else datetime.fromisoformat(s)


def features_to_json(f: ArticleFeatures) -> bytes:
    """Serialise an article's clustering features (the embedding as float32)."""
    emb = None if f.embedding is None else np.asarray(f.embedding, dtype=np.float32)
    data: dict[str, Any] = {
        "id": f.article_id,
        "terms": f.terms,
        "entities": sorted(f.entities),
        "lead_entities": sorted(f.lead_entities),
        "name_counts": f.name_counts,
        "numbers": sorted(f.numbers),
        "years": sorted(f.years),
        "months": sorted(f.months),
        "date": _date(f.date),
        "title": f.title,
        "embedding": _arr(emb),
    }
    if f.derived_title:
        data["derived_title"] = True
    return json.dumps(data, ensure_ascii=False, sort_keys=True).encode("utf-8")


def features_from_json(blob: bytes) -> ArticleFeatures:
    """Inverse of :func:`features_to_json`."""
    d: dict[str, Any] = json.loads(blob.decode("utf-8"))
    return ArticleFeatures(
        article_id=d["id"],
        terms=d["terms"],
        entities=frozenset(d["entities"]),
        lead_entities=frozenset(d["lead_entities"]),
        name_counts=d["name_counts"],
        numbers=frozenset(d["numbers"]),
        years=frozenset(d["years"]),
        months=frozenset(d["months"]),
        date=_undate(d["date"]),
        embedding=_unarr(d["embedding"]),
        title=d["title"],
        derived_title=d.get("derived_title", False),
    )


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
    data: dict[str, Any] = {
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
    if p.derived_headline:
        data["derived_headline"] = True
    return data


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
        derived_headline=d.get("derived_headline", False),
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


@dataclass(slots=True)
class Loaded:
    """A clusterer as loaded or last saved, and the log length it matches."""

    storage: Storage
    count: int
    clusterer: StoryClusterer
    snapshot_due: bool = field(default=False)


def load(storage: Storage, namespace: str, params: ClusterParams) -> Loaded:
    """Rebuild the clusterer from its story rows and log (or from the legacy blob)."""
    count = int(storage.get_state(namespace, COUNT) or b"0")
    legacy = storage.get_state(namespace, LEGACY)
    if count == 0 and legacy is not None:
        clu = journal.journaled(from_state(json.loads(legacy.decode("utf-8")), params))
        return Loaded(storage, 0, clu, snapshot_due=True)
    clu = journal.journaled(StoryClusterer(params))
    for _, blob in storage.iter_state(namespace, STORY):
        story = story_from_dict(json.loads(blob.decode("utf-8")))
        clu.stories[story.id] = story
    read = 0
    for _, blob in storage.iter_state(namespace, LOG):
        _apply(clu, json.loads(zlib.decompress(blob).decode("utf-8")))
        read += 1
    if read != count:
        raise ValueError(f"{namespace}: {read} log chunks stored, {count} recorded")
    for sid in sorted(clu.stories):
        for article_id in clu.stories[sid].members:
            clu.assigned[article_id] = sid
    journal.forget(clu)
    return Loaded(storage, count, clu)


def save(loaded: Loaded, namespace: str, *, snapshot: bool = False) -> set[str]:
    """Write what changed since the last save; return the story ids that changed.

    With ``snapshot`` (or after a migration) every story row and a full snapshot chunk are
    written instead: for a clusterer built in one go (batch mode).
    """
    clu, storage = loaded.clusterer, loaded.storage
    full = snapshot or loaded.snapshot_due
    changed = _changed_stories(clu)
    if full:
        changed |= set(clu.stories)
        for key, _ in list(storage.iter_state(namespace, STORY)):
            if key[len(STORY) :] not in clu.stories:
                storage.delete_state(namespace, key)
        storage.delete_state(namespace, LEGACY)
    for sid in sorted(changed):
        if sid in clu.stories:
            row = json.dumps(story_to_dict(clu.stories[sid]), ensure_ascii=False)
            storage.set_state(namespace, STORY + sid, row.encode("utf-8"))
        else:
            storage.delete_state(namespace, STORY + sid)
    chunk = _snapshot(clu) if full else _delta(clu)
    journal.forget(clu)
    blob = zlib.compress(json.dumps(chunk, ensure_ascii=False).encode("utf-8"), 6)
    storage.set_state(namespace, f"{LOG}{loaded.count:012d}", blob)
    loaded.count += 1
    loaded.snapshot_due = False
    storage.set_state(namespace, COUNT, str(loaded.count).encode())
    return changed


def _changed_stories(clu: StoryClusterer) -> set[str]:
    """Stories touched since the journal was last taken: attached to, or merged in or away."""
    index, aliases = clu.index, clu.aliases
    assert isinstance(index, journal.JournaledIndex)
    assert isinstance(aliases, journal.JournaledAliases)
    out = {sid for sid, _ in index.ops}
    for gone, keep in aliases.ops:
        out.add(gone)
        if keep is not None:
            out.add(keep)
    return out


def _delta(clu: StoryClusterer) -> dict[str, Any]:
    assert isinstance(clu.terms, journal.JournaledDocFreq)
    assert isinstance(clu.names, journal.JournaledDocFreq)
    assert isinstance(clu.index, journal.JournaledIndex)
    assert isinstance(clu.aliases, journal.JournaledAliases)
    return {
        "terms": clu.terms.take(),
        "names": clu.names.take(),
        "index": clu.index.ops,
        "aliases": clu.aliases.ops,
    }


def _snapshot(clu: StoryClusterer) -> dict[str, Any]:
    return {
        "snapshot": {
            "terms": [clu.terms.n_docs, clu.terms.df],
            "names": [clu.names.n_docs, clu.names.df],
            "postings": clu.index.to_lists(),
            "aliases": dict(clu.aliases),
        }
    }


def _apply(clu: StoryClusterer, chunk: dict[str, Any]) -> None:
    """Replay one log chunk onto ``clu`` (stories come from their own rows)."""
    snap = chunk.get("snapshot")
    if snap is not None:
        for table, (n_docs, df) in ((clu.terms, snap["terms"]), (clu.names, snap["names"])):
            table.n_docs, table.df = n_docs, dict(df)
        clu.index.share(InvertedIndex(snap["postings"]))
        clu.aliases.clear()
        clu.aliases.update(snap["aliases"])
        return
    for table, (n_docs, delta) in ((clu.terms, chunk["terms"]), (clu.names, chunk["names"])):
        table.n_docs += n_docs
        df = table.df
        for key, change in delta.items():
            left = df.get(key, 0) + change
            if left > 0:
                df[key] = left
            else:
                df.pop(key, None)
    for story_id, keys in chunk["index"]:
        InvertedIndex.add(clu.index, keys, story_id)
    for key, value in chunk["aliases"]:
        if value is None:
            StoryAliases.pop(clu.aliases, key, None)
        else:
            StoryAliases.__setitem__(clu.aliases, key, value)
