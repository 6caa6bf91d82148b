"""Clusterer tables that remember what a batch changed, for :mod:`newsweave.cluster.codec`.

The codec saves a batch as a delta (document-frequency changes, index insertions in order,
alias changes) rather than rewriting the tables; these subclasses record that delta, so the
clusterer itself knows nothing about storage.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import replace
from typing import Any

from newsweave.cluster.aliases import StoryAliases
from newsweave.cluster.clusterer import StoryClusterer
from newsweave.cluster.index import InvertedIndex
from newsweave.cluster.tfidf import DocFreq


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


def forget(clu: StoryClusterer) -> None:
    """Empty the journals of a :func:`journaled` clusterer (after its changes were saved)."""
    for table in (clu.terms, clu.names):
        assert isinstance(table, JournaledDocFreq)
        table.take()
    assert isinstance(clu.index, JournaledIndex)
    assert isinstance(clu.aliases, JournaledAliases)
    clu.index.ops = []
    clu.aliases.ops = []
