"""How the cluster stage keeps its clusterer in storage, at a cost per batch that does not grow.

Layout, in the stage's state namespace:

* ``story/<id>``: one row per live story (:func:`~newsweave.cluster.state.story_to_dict`),
  rewritten only when the story changed in a batch and deleted when it is merged away;
* ``log/<n>``: an append-only log, one zlib-compressed JSON chunk per batch, holding what the
  stories do not: document-frequency changes, inverted-index insertions in order, and alias
  changes. A chunk may instead hold a snapshot of those tables (batch mode, migration);
* ``count``: the number of log chunks, written in the batch's transaction.

The article -> story map is rebuilt from the stories. Loading reads every row once; a stage
then keeps the clusterer in memory and, on the next batch, reuses it when ``count`` is the one
it wrote last (else, after another process wrote or a batch was rolled back, it reloads).
What a batch changed is recorded by journaling subclasses of the clusterer's tables
(:func:`journaled`), so nothing in the clusterer itself knows about storage.
"""

from __future__ import annotations

import json
import zlib
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from typing import Any

from newsweave.backends.storage.base import Storage
from newsweave.cluster.aliases import StoryAliases
from newsweave.cluster.clusterer import StoryClusterer
from newsweave.cluster.index import InvertedIndex
from newsweave.cluster.params import ClusterParams
from newsweave.cluster.state import from_state, story_from_dict, story_to_dict
from newsweave.cluster.tfidf import DocFreq

STORY = "story/"
LOG = "log/"
COUNT = "count"
LEGACY = "clusterer"  # the whole clusterer as one JSON blob (stores written before the log)


class JournaledDocFreq(DocFreq):
    """Document frequencies that also count this batch's changes."""

    def __init__(self, base: DocFreq) -> None:
        """Share ``base``'s counts (no copy)."""
        super().__init__(base.n_docs, base.df)
        self.delta_docs = 0
        self.delta: Counter[str] = Counter()

    def add(self, keys: Iterable[str]) -> None:
        """Count one document, and remember it."""
        distinct = set(keys)
        super().add(distinct)
        self.delta_docs += 1
        self.delta.update(distinct)

    def remove(self, keys: Iterable[str]) -> None:
        """Uncount one document, and remember it."""
        distinct = set(keys)
        super().remove(distinct)
        self.delta_docs -= 1
        self.delta.subtract(distinct)

    def take(self) -> list[Any]:
        """This batch's changes as JSON data; the journal starts afresh."""
        out = [self.delta_docs, {k: v for k, v in sorted(self.delta.items()) if v}]
        self.delta_docs, self.delta = 0, Counter()
        return out


class JournaledIndex(InvertedIndex):
    """An inverted index that records each insertion, in order."""

    def __init__(self, base: InvertedIndex) -> None:
        """Take over ``base``'s tables (no copy)."""
        super().__init__()
        self.share(base)
        self.ops: list[tuple[str, list[str]]] = []

    def add(self, keys: Iterable[str], story_id: str) -> None:
        """Post ``story_id`` under ``keys``, and remember it."""
        listed = list(keys)
        super().add(listed, story_id)
        self.ops.append((story_id, listed))


class JournaledAliases(StoryAliases):
    """The merged-story alias map, recording every change in order."""

    def __init__(self, base: StoryAliases) -> None:
        """Copy ``base``."""
        super().__init__(base)
        self.ops: list[tuple[str, str | None]] = []

    def __setitem__(self, key: str, value: str) -> None:
        """Set an alias, and remember it."""
        super().__setitem__(key, value)
        self.ops.append((key, value))

    def __delitem__(self, key: str) -> None:
        """Drop an alias, and remember it."""
        super().__delitem__(key)
        self.ops.append((key, None))

    def pop(self, key: str, *default: Any) -> Any:  # noqa: ANN401 - dict.pop's own signature
        """Drop an alias if present, and remember it."""
        if key in self:
            self.ops.append((key, None))
        return super().pop(key, *default)


def journaled(clu: StoryClusterer) -> StoryClusterer:
    """The same clusterer with journaling tables (shared data, nothing copied but aliases)."""
    return replace(
        clu,
        terms=JournaledDocFreq(clu.terms),
        names=JournaledDocFreq(clu.names),
        aliases=JournaledAliases(clu.aliases),
        index=JournaledIndex(clu.index),
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
        clu = journaled(from_state(json.loads(legacy.decode("utf-8")), params))
        return Loaded(storage, 0, clu, snapshot_due=True)
    clu = journaled(StoryClusterer(params))
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
    _forget_journal(clu)
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
    _forget_journal(clu)
    blob = zlib.compress(json.dumps(chunk, ensure_ascii=False).encode("utf-8"), 6)
    storage.set_state(namespace, f"{LOG}{loaded.count:012d}", blob)
    loaded.count += 1
    loaded.snapshot_due = False
    storage.set_state(namespace, COUNT, str(loaded.count).encode())
    return changed


def _changed_stories(clu: StoryClusterer) -> set[str]:
    """Stories touched since the journal was last taken: attached to, or merged in or away."""
    index, aliases = clu.index, clu.aliases
    assert isinstance(index, JournaledIndex)
    assert isinstance(aliases, JournaledAliases)
    out = {sid for sid, _ in index.ops}
    for gone, keep in aliases.ops:
        out.add(gone)
        if keep is not None:
            out.add(keep)
    return out


def _delta(clu: StoryClusterer) -> dict[str, Any]:
    assert isinstance(clu.terms, JournaledDocFreq)
    assert isinstance(clu.names, JournaledDocFreq)
    assert isinstance(clu.index, JournaledIndex)
    assert isinstance(clu.aliases, JournaledAliases)
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


def _forget_journal(clu: StoryClusterer) -> None:
    for table in (clu.terms, clu.names):
        assert isinstance(table, JournaledDocFreq)
        table.take()
    assert isinstance(clu.index, JournaledIndex)
    assert isinstance(clu.aliases, JournaledAliases)
    clu.index.ops = []
    clu.aliases.ops = []
