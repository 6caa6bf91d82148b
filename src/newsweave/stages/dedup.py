"""Dedup stage: exact copies, near duplicates and rewrites, with provenance edges.

For each batch of newly stored articles it sketches the texts, fetches candidates from the
persistent :class:`~newsweave.dedup.index.CandidateIndex` (never a scan of the corpus), verifies
each candidate pair on the real texts (:func:`~newsweave.dedup.core.decide_fingerprints`) and
stores, for each copy, the edge to its best parent. The index lives in ``ctx.storage``.
"""

from __future__ import annotations

import json
import struct
from collections.abc import Iterable, Iterator, Sequence
from typing import ClassVar

import numpy as np

from newsweave.dedup.core import DedupRules, Fingerprint, decide_fingerprints, fingerprint
from newsweave.dedup.index import CandidateIndex, SketchConfig, sketch
from newsweave.errors import StageError
from newsweave.model import Article, ProvenanceEdge
from newsweave.pipeline import Context

_STRENGTH = {"exact": 2, "near": 1, "rewrite": 0}
# Candidates verified per new article (those colliding in the most LSH bands): keeps the cost
# per article bounded on corpora whose articles all look alike.
_MAX_CANDIDATES = 32


def stronger(a: ProvenanceEdge, b: ProvenanceEdge | None) -> bool:
    """True when edge ``a`` is a stronger claim of copying than ``b``."""
    return b is None or (_STRENGTH[a.kind], a.score) > (_STRENGTH[b.kind], b.score)


class DedupStage:
    """Find copies among new articles and against everything stored before."""

    name: ClassVar[str] = "dedup.minhash.v1"
    requires: ClassVar[frozenset[str]] = frozenset({"article.clean_text"})
    provides: ClassVar[frozenset[str]] = frozenset({"article.provenance"})

    def __init__(
        self, rules: DedupRules | None = None, sketches: SketchConfig | None = None
    ) -> None:
        """Use the given verification rules and sketch parameters (defaults: tuned values)."""
        self.rules = rules or DedupRules()
        self.sketches = sketches or SketchConfig()

    def run(self, items: Iterable[Article], ctx: Context) -> Iterator[Article]:
        """Record provenance for a batch, then pass the articles on unchanged."""
        batch = list(items)
        if ctx.storage is None:
            raise StageError(f"{self.name} needs a storage to keep its index")
        if batch:
            index, ids = self._load(ctx)
            edges = self._batch_edges(batch, index, ids, ctx)
            ctx.storage.put_edges(edges)
            ctx.stats.add(f"{self.name}.edges", len(edges))
            ctx.storage.set_state(self.name, "index", _pack(index, ids))
        yield from batch

    def _load(self, ctx: Context) -> tuple[CandidateIndex, list[str]]:
        assert ctx.storage is not None
        blob = ctx.storage.get_state(self.name, "index")
        return _unpack(blob) if blob else (CandidateIndex(self.sketches), [])

    def _batch_edges(
        self, batch: Sequence[Article], index: CandidateIndex, ids: list[str], ctx: Context
    ) -> list[ProvenanceEdge]:
        assert ctx.storage is not None
        sketches = sketch([a.text for a in batch], index.config)
        first = len(ids)
        ids.extend(a.id for a in batch)
        index.add(np.arange(first, first + len(batch), dtype=np.int64), sketches)
        rows, items = index.ranked_candidates(sketches, _MAX_CANDIDATES)
        prints = {a.id: fingerprint(a, self.rules) for a in batch}
        best: dict[str, ProvenanceEdge] = {}
        for row in sorted(set(rows.tolist())):
            new = prints[batch[row].id]
            others = [ids[int(i)] for i in items[rows == row] if ids[int(i)] != new.article.id]
            for edge in decide_fingerprints(new, self._prints(others, prints, ctx), self.rules):
                if stronger(edge, best.get(edge.child)):
                    best[edge.child] = edge
        accepted: dict[str, ProvenanceEdge] = {}
        for edge in sorted(best.values(), key=_edge_rank, reverse=True):
            if self._improves(edge, ctx) and not _makes_cycle(edge, accepted, ctx):
                accepted[edge.child] = edge
        return list(accepted.values())

    def _prints(
        self, article_ids: Sequence[str], cache: dict[str, Fingerprint], ctx: Context
    ) -> list[Fingerprint]:
        assert ctx.storage is not None
        for article_id in article_ids:
            if article_id not in cache:
                cache[article_id] = fingerprint(ctx.storage.get_article(article_id), self.rules)
        return [cache[article_id] for article_id in article_ids]

    def _improves(self, edge: ProvenanceEdge, ctx: Context) -> bool:
        assert ctx.storage is not None
        current = [e for e in ctx.storage.edges_of(edge.child) if e.child == edge.child]
        return stronger(edge, current[0] if current else None)


def _edge_rank(edge: ProvenanceEdge) -> tuple[int, float, str]:
    return (_STRENGTH[edge.kind], edge.score, edge.child)


def _makes_cycle(edge: ProvenanceEdge, accepted: dict[str, ProvenanceEdge], ctx: Context) -> bool:
    """True if following parents from ``edge.parent`` leads back to ``edge.child``."""
    assert ctx.storage is not None
    node, seen = edge.parent, {edge.child}
    while node not in seen:
        seen.add(node)
        parent = accepted.get(node)
        if parent is None:
            stored = [e for e in ctx.storage.edges_of(node) if e.child == node]
            parent = stored[0] if stored else None
        if parent is None:
            return False
        node = parent.parent
    return True


def _pack(index: CandidateIndex, ids: list[str]) -> bytes:
    names = json.dumps(ids).encode("utf-8")
    return struct.pack("<Q", len(names)) + names + index.to_bytes()


def _unpack(blob: bytes) -> tuple[CandidateIndex, list[str]]:
    (size,) = struct.unpack_from("<Q", blob)
    ids = json.loads(blob[8 : 8 + size].decode("utf-8"))
    return CandidateIndex.from_bytes(blob[8 + size :]), list(ids)
