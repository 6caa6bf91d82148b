"""Dedup stage: exact copies, near duplicates and rewrites, with provenance edges.

For each batch of newly stored articles it sketches the texts, fetches candidates from the
persistent :class:`~newsweave.dedup.index.CandidateIndex` (never a scan of the corpus), verifies
each candidate pair on the real texts (:func:`~newsweave.dedup.core.decide_fingerprints`) and
stores, for each copy, the edge to its best parent.

The index lives in ``ctx.storage`` as an append-only journal: each batch adds one chunk (its
article ids and sketches) and the article count, in the batch's transaction, so the write cost of
a batch does not grow with the corpus. A stage instance keeps the index it rebuilt in memory and
reads only the chunks written since (by itself or another process); if the stored count is
behind its copy (a rolled-back batch), it rebuilds from storage.
"""

from __future__ import annotations

import io
import json
import struct
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, ClassVar

import numpy as np

from newsweave.backends.embed.base import Embedder
from newsweave.backends.storage.base import Storage
from newsweave.config import Config
from newsweave.dedup.core import DedupRules, decide_fingerprints, fingerprint
from newsweave.dedup.groups import DisjointSets
from newsweave.dedup.index import CandidateIndex, SketchConfig, Sketches, sketch
from newsweave.errors import StageError
from newsweave.model import Article, ProvenanceEdge
from newsweave.pipeline import Context

_STRENGTH = {"exact": 2, "near": 1, "rewrite": 0}
_LEGACY = "index"  # the whole index as one blob (stores written before the journal)
_COUNT = "count"  # articles in the stored index
_CHUNK = "chunk/"  # + the zero-padded position of the chunk's first article
_SKETCH_FIELDS = ("exact", "near", "rewrite", "tokens")
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
        self._cache: tuple[Storage, CandidateIndex, list[str]] | None = None

    @classmethod
    def from_config(cls, config: Config, *, embedder: Embedder | None = None) -> DedupStage:
        """The stage with the tuned rules and sketches (a StageFactory; no setting of its own)."""
        return cls()

    def run(self, items: Iterable[Article], ctx: Context) -> Iterator[Article]:
        """Record provenance for a batch, then pass the articles on unchanged."""
        batch = list(items)
        if ctx.storage is None:
            raise StageError(f"{self.name} needs a storage to keep its index")
        if batch:
            index, ids = self._load(ctx.storage)
            first = len(ids)
            sketches = self._sketches(batch, index.config, ctx.prepared_for(self.name))
            ids.extend(a.id for a in batch)
            index.add(np.arange(first, first + len(batch), dtype=np.int64), sketches)
            edges = self._batch_edges(batch, index, ids, sketches, ctx)
            ctx.storage.put_edges(edges)
            ctx.stats.add(f"{self.name}.edges", len(edges))
            ctx.storage.set_state(self.name, _chunk_key(first), _pack_chunk(batch, sketches))
            ctx.storage.set_state(self.name, _COUNT, str(len(ids)).encode())
        yield from batch

    def prepare(self, items: Sequence[Article]) -> dict[str, Any]:
        """Each article's sketch row (exact key, signatures, length), for :meth:`run`."""
        got = sketch([a.text for a in items], self.sketches)
        return {
            a.id: (got.exact[i], got.near[i], got.rewrite[i], got.tokens[i])
            for i, a in enumerate(items)
        }

    def _sketches(
        self, batch: Sequence[Article], config: SketchConfig, prepared: Mapping[str, Any]
    ) -> Sketches:
        """The batch's sketches: stacked from prepared rows when all are there, else computed."""
        if config != self.sketches or not all(a.id in prepared for a in batch):
            return sketch([a.text for a in batch], config)
        rows = [prepared[a.id] for a in batch]
        return Sketches(
            np.array([r[0] for r in rows], dtype=np.uint64),
            np.stack([r[1] for r in rows]).astype(np.uint32),
            np.stack([r[2] for r in rows]).astype(np.uint32),
            np.array([r[3] for r in rows], dtype=np.int64),
        )

    def _load(self, storage: Storage) -> tuple[CandidateIndex, list[str]]:
        """The index with every stored chunk (the cached copy, brought up to date)."""
        count = storage.get_state(self.name, _COUNT)
        cached = self._cache
        if (
            cached is not None
            and cached[0] is storage
            and count is not None
            and len(cached[2]) <= int(count)
        ):
            _, index, ids = cached
        else:  # rebuild: from the legacy blob (older stores) plus every chunk
            legacy = storage.get_state(self.name, _LEGACY)
            index, ids = _unpack(legacy) if legacy else (CandidateIndex(self.sketches), [])
            cached = (storage, index, ids)
        stored = int(count) if count is not None else len(ids)
        if len(ids) < stored:
            for key, blob in storage.iter_state(self.name, _CHUNK, start=_chunk_key(len(ids))):
                chunk_ids, sketches = _unpack_chunk(blob)
                if key != _chunk_key(len(ids)):
                    raise StageError(f"{self.name}: index chunk {key} out of sequence")
                index.add(np.arange(len(ids), len(ids) + len(chunk_ids)), sketches)
                ids.extend(chunk_ids)
        if len(ids) != stored:
            raise StageError(f"{self.name}: index holds {len(ids)} articles, {stored} recorded")
        self._cache = cached
        return index, ids

    def _batch_edges(
        self,
        batch: Sequence[Article],
        index: CandidateIndex,
        ids: list[str],
        sketches: Sketches,
        ctx: Context,
    ) -> list[ProvenanceEdge]:
        assert ctx.storage is not None
        rows, items = index.ranked_candidates(sketches, _MAX_CANDIDATES)
        starts = np.flatnonzero(np.r_[True, rows[1:] != rows[:-1]]) if rows.size else rows
        ends = np.r_[starts[1:], rows.size] if rows.size else rows
        checks: list[Check] = []
        for lo, hi in zip(starts.tolist(), ends.tolist(), strict=True):  # rows come sorted
            row = int(rows[lo])
            new = batch[row].id
            others = tuple(ids[int(i)] for i in items[lo:hi] if ids[int(i)] != new)
            checks.append((row, new, others))
        units = verify_units(checks, {a.id: a for a in batch}, ctx.storage.get_article)
        verified = ctx.map_work(_VerifierFactory(self.rules), units)
        best: dict[str, ProvenanceEdge] = {}
        for _, edges in sorted((r for unit in verified for r in unit), key=lambda r: r[0]):
            for edge in edges:  # in row order, as one pass over the rows would see them
                if stronger(edge, best.get(edge.child)):
                    best[edge.child] = edge
        accepted: dict[str, ProvenanceEdge] = {}
        for edge in sorted(best.values(), key=_edge_rank, reverse=True):
            if self._improves(edge, ctx) and not _makes_cycle(edge, accepted, ctx):
                accepted[edge.child] = edge
        return list(accepted.values())

    def _improves(self, edge: ProvenanceEdge, ctx: Context) -> bool:
        assert ctx.storage is not None
        current = [e for e in ctx.storage.edges_of(edge.child) if e.child == edge.child]
        return stronger(edge, current[0] if current else None)


#: A new article's row in its batch, its id and the ids of the candidates to verify it against.
Check = tuple[int, str, tuple[str, ...]]
#: Candidate checks per work unit sent to a worker: enough that shipping the texts and the
#: call cost little next to the alignments, small enough that 2+ workers share a batch.
UNIT_CHECKS = 256


@dataclass(frozen=True, slots=True)
class VerifyUnit:
    """Independent verification work: candidate checks and every article they refer to."""

    articles: tuple[Article, ...]
    checks: tuple[Check, ...]


class _Verifier:
    """Verify a unit's candidate pairs on the real texts (pure: runs in any worker)."""

    def __init__(self, rules: DedupRules) -> None:
        self.rules = rules

    def __call__(self, unit: VerifyUnit) -> list[tuple[int, list[ProvenanceEdge]]]:
        prints = {a.id: fingerprint(a, self.rules) for a in unit.articles}
        return [
            (row, decide_fingerprints(prints[new], [prints[o] for o in others], self.rules))
            for row, new, others in unit.checks
        ]


@dataclass(frozen=True, slots=True)
class _VerifierFactory:
    """A picklable factory of verifiers (sent to each worker)."""

    rules: DedupRules

    def __call__(self) -> _Verifier:
        return _Verifier(self.rules)


def verify_units(
    checks: Sequence[Check],
    batch: Mapping[str, Article],
    load: Callable[[str], Article],
    size: int | None = None,
) -> list[VerifyUnit]:
    """Group candidate checks into units of about ``size`` checks (:data:`UNIT_CHECKS`).

    Checks that share articles (connected through candidate pairs, found by union-find over
    the pairs: never all pairs of articles) go to the same unit so that each text is sent
    once; a connected group larger than ``size`` is cut into several units. Articles not in
    ``batch`` (stored by an earlier run) are read with ``load``.
    """
    size = size or UNIT_CHECKS
    sets = DisjointSets()
    for _, new, others in checks:
        for other in others:
            sets.union(new, other)
    groups: dict[str, list[Check]] = {}
    for check in checks:  # groups ordered by their first check (dicts keep insertion order)
        if check[2]:
            groups.setdefault(sets.find(check[1]), []).append(check)
    units: list[VerifyUnit] = []
    current: list[Check] = []
    for group in groups.values():
        for start in range(0, len(group), size):
            current.extend(group[start : start + size])
            if len(current) >= size:
                units.append(_unit(current, batch, load))
                current = []
    if current:
        units.append(_unit(current, batch, load))
    return units


def _unit(
    checks: list[Check], batch: Mapping[str, Article], load: Callable[[str], Article]
) -> VerifyUnit:
    needed = dict.fromkeys(i for _, new, others in checks for i in (new, *others))
    articles = tuple(batch[i] if i in batch else load(i) for i in needed)
    return VerifyUnit(articles=articles, checks=tuple(checks))


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


def _chunk_key(first: int) -> str:
    return f"{_CHUNK}{first:012d}"


def _pack_chunk(batch: Sequence[Article], sketches: Sketches) -> bytes:
    """One batch's article ids and sketches (numpy's own format, no pickles)."""
    out = io.BytesIO()
    arrays = {name: getattr(sketches, name) for name in _SKETCH_FIELDS}
    np.savez(out, ids=np.array([a.id for a in batch], dtype=np.str_), **arrays)
    return out.getvalue()


def _unpack_chunk(blob: bytes) -> tuple[list[str], Sketches]:
    with np.load(io.BytesIO(blob), allow_pickle=False) as data:
        ids = [str(x) for x in data["ids"]]
        return ids, Sketches(*(data[name] for name in _SKETCH_FIELDS))


def _unpack(blob: bytes) -> tuple[CandidateIndex, list[str]]:
    (size,) = struct.unpack_from("<Q", blob)
    ids = json.loads(blob[8 : 8 + size].decode("utf-8"))
    return CandidateIndex.from_bytes(blob[8 + size :]), list(ids)
