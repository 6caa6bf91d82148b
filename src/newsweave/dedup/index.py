"""Batch sketches of articles and the incremental candidate index the dedup stage keeps.

A sketch holds, per article, three things computed in one vectorised pass over a batch:

* an exact key: a 64-bit hash of the article's folded word sequence (case, Unicode form,
  punctuation and spacing are ignored);
* a MinHash signature of its word ``shingle_size``-grams, for near-duplicate candidates;
* a MinHash signature of its set of content words (function words removed), for rewrite
  candidates: a rewrite changes most n-grams but keeps most names, numbers and content words.

:class:`CandidateIndex` stores the three in a :class:`~newsweave.dedup.buckets.BucketIndex` and
two :class:`~newsweave.dedup.lsh.LSHIndex` objects and answers "which stored items may be copies
of these new ones" in time independent of the number of stored items (hash tables, at most
``bucket_limit`` items per key) and without comparing any text.
"""

from __future__ import annotations

import struct
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from newsweave.dedup.align import STOP_WORDS
from newsweave.dedup.buckets import BucketIndex
from newsweave.dedup.lsh import LSHIndex, buckets_from_v1, lsh_params
from newsweave.text.minhash import MinHasher
from newsweave.text.shingles import TokenBatch, hash_tokens, mix64, shingle_batch

U32 = npt.NDArray[np.uint32]
U64 = npt.NDArray[np.uint64]
I64 = npt.NDArray[np.int64]

_POSITION = np.uint64(0xC2B2AE3D27D4EB4F)
_STOP_HASHES = np.unique(hash_tokens([" ".join(sorted(STOP_WORDS))]).hashes)
_STATE_MAGIC_V1 = b"NWCAND1\0"
_STATE_MAGIC = b"NWCAND2\0"
_HEAD_V1 = struct.Struct("<8sIIdIdQ")
_HEAD = struct.Struct("<8sIIdIdQI")  # v1 fields, then bucket_limit


@dataclass(frozen=True, slots=True, kw_only=True)
class SketchConfig:
    """Parameters of the sketches and of the candidate LSH indexes.

    Attributes:
        shingle_size: words per shingle for near duplicates.
        num_perm: MinHash permutations of the shingle signature.
        near_threshold: Jaccard threshold the near-duplicate LSH bands are tuned for; low so
            that truncated copies and copies with much boilerplate are still candidates.
        rewrite_perm: MinHash permutations of the content-word signature.
        rewrite_threshold: Jaccard threshold (on content-word sets) of the rewrite LSH. At 0.3,
            recombined ECB+ articles (bench/speed/dedup_speed.py) got 12 candidates per article
            per 10k stored, growing with the corpus; at 0.5, 0.5 per 10k.
        seed: seed of the MinHash permutations.
        bucket_limit: most items kept per exact key and per LSH band key (the earliest
            inserted); bounds the work of a query when many articles share a band.
    """

    shingle_size: int = 5
    num_perm: int = 128
    near_threshold: float = 0.3
    rewrite_perm: int = 64
    rewrite_threshold: float = 0.5
    seed: int = 1
    bucket_limit: int = 32


@dataclass(frozen=True, slots=True)
class Sketches:
    """Sketches of a batch of articles, row ``i`` for article ``i``.

    Attributes:
        exact: exact-text keys, shape ``(n,)``.
        near: shingle MinHash signatures, shape ``(n, num_perm)``.
        rewrite: content-word MinHash signatures, shape ``(n, rewrite_perm)``.
        tokens: number of words of each article.
    """

    exact: U64
    near: U32
    rewrite: U32
    tokens: I64


def exact_keys(tokens: TokenBatch) -> U64:
    """Return an order-sensitive 64-bit hash of each text's token sequence (0 for no tokens)."""
    counts = tokens.counts()
    text_of = np.repeat(np.arange(counts.size), counts)
    position = (np.arange(tokens.hashes.size) - tokens.offsets[text_of]).astype(np.uint64)
    terms = mix64(tokens.hashes ^ mix64(position * _POSITION))
    out = np.zeros(counts.size, dtype=np.uint64)
    nonempty = np.flatnonzero(counts > 0)
    if nonempty.size:
        out[nonempty] = mix64(np.add.reduceat(terms, tokens.offsets[nonempty]))
    return out


def content_terms(tokens: TokenBatch) -> TokenBatch:
    """Return the token hashes of each text without function words."""
    keep = ~np.isin(tokens.hashes, _STOP_HASHES)
    kept_before = np.concatenate([[0], np.cumsum(keep)])
    return TokenBatch(tokens.hashes[keep], kept_before[tokens.offsets].astype(np.int64))


def sketch(texts: Sequence[str], config: SketchConfig = SketchConfig()) -> Sketches:
    """Return the sketches of a batch of texts (see the module docstring)."""
    tokens = hash_tokens(texts)
    near = MinHasher(config.num_perm, config.seed).signatures(
        shingle_batch(tokens, config.shingle_size)
    )
    rewrite = MinHasher(config.rewrite_perm, config.seed + 1).signatures(content_terms(tokens))
    return Sketches(exact_keys(tokens), near, rewrite, tokens.counts())


class CandidateIndex:
    """Exact keys plus near and rewrite LSH indexes, for sub-linear candidate retrieval.

    Items are integer ids below 2**32 that the caller maps to article ids. Articles without
    words are neither stored nor queried (all their signatures would collide).
    """

    def __init__(self, config: SketchConfig = SketchConfig()) -> None:
        """Create an empty index for sketches made with ``config``."""
        self.config = config
        limit = config.bucket_limit
        self._exact = BucketIndex(limit)
        near = lsh_params(config.near_threshold, config.num_perm)
        rewrite = lsh_params(config.rewrite_threshold, config.rewrite_perm)
        self._near = LSHIndex(config.num_perm, *near, seed=config.seed, bucket_limit=limit)
        self._rewrite = LSHIndex(
            config.rewrite_perm, *rewrite, seed=config.seed + 1, bucket_limit=limit
        )

    def __len__(self) -> int:
        """Return the number of items stored."""
        return len(self._near)

    @property
    def nbytes(self) -> int:
        """Return the bytes held by the index arrays."""
        return self._exact.nbytes + self._near.nbytes + self._rewrite.nbytes

    @property
    def bands(self) -> tuple[int, int]:
        """Return the number of LSH bands of the near and the rewrite index."""
        return self._near.bands, self._rewrite.bands

    def add(self, ids: I64 | U32, sketches: Sketches) -> None:
        """Store items ``ids[i]`` with sketches row ``i``."""
        keep = np.flatnonzero(sketches.tokens > 0)
        kept = np.asarray(ids, dtype=np.int64)[keep]
        self._exact.add(sketches.exact[keep], kept.astype(np.uint32))
        self._near.insert(kept, sketches.near[keep])
        self._rewrite.insert(kept, sketches.rewrite[keep])

    def candidates(self, sketches: Sketches) -> tuple[I64, U32]:
        """Return unique ``(row, item_id)`` pairs: stored items that may copy sketch ``row``."""
        keep = np.flatnonzero(sketches.tokens > 0)
        rows_e, ids_e = self._exact.lookup(sketches.exact[keep])
        rows_n, ids_n = self._near.query_pairs(sketches.near[keep])
        rows_r, ids_r = self._rewrite.query_pairs(sketches.rewrite[keep])
        rows = keep[np.concatenate([rows_e, rows_n, rows_r])].astype(np.uint64)
        ids = np.concatenate([ids_e, ids_n, ids_r]).astype(np.uint64)
        pairs = np.unique((rows << np.uint64(32)) | ids)
        return (pairs >> np.uint64(32)).astype(np.int64), (pairs & np.uint64(0xFFFFFFFF)).astype(
            np.uint32
        )

    def ranked_candidates(self, sketches: Sketches, limit: int) -> tuple[I64, U32]:
        """Like :meth:`candidates`, but at most ``limit`` items per row.

        The items kept are those colliding in the most bands (exact-key hits count most). This
        bounds verification work per article even when a corpus is so uniform that LSH buckets
        grow large.
        """
        keep = np.flatnonzero(sketches.tokens > 0)
        rows_e, ids_e = self._exact.lookup(sketches.exact[keep])
        rows_n, ids_n = self._near.query_pairs(sketches.near[keep], unique=False)
        rows_r, ids_r = self._rewrite.query_pairs(sketches.rewrite[keep], unique=False)
        rows = keep[np.concatenate([rows_e, rows_e, rows_n, rows_r])].astype(np.uint64)
        ids = np.concatenate([ids_e, ids_e, ids_n, ids_r]).astype(np.uint64)
        # Exact hits are listed twice and weighted by the band count so they always rank first.
        weights = np.concatenate(
            [
                np.full(rows_e.size * 2, self._near.bands + self._rewrite.bands),
                np.ones(rows_n.size + rows_r.size),
            ]
        )
        pairs, inverse = np.unique((rows << np.uint64(32)) | ids, return_inverse=True)
        hits = np.bincount(inverse.ravel(), weights=weights)
        pair_rows = (pairs >> np.uint64(32)).astype(np.int64)
        order = np.lexsort((-hits, pair_rows))
        pair_rows, pairs = pair_rows[order], pairs[order]
        starts = np.searchsorted(pair_rows, pair_rows, side="left")
        chosen = (np.arange(pair_rows.size) - starts) < limit
        return pair_rows[chosen], (pairs[chosen] & np.uint64(0xFFFFFFFF)).astype(np.uint32)

    @property
    def dropped(self) -> int:
        """Return how many key entries were not kept because their bucket was full."""
        return self._exact.dropped + self._near.dropped + self._rewrite.dropped

    def to_bytes(self) -> bytes:
        """Return the whole state as bytes, for storage (see :meth:`from_bytes`)."""
        c = self.config
        head = _HEAD.pack(
            _STATE_MAGIC,
            c.shingle_size,
            c.num_perm,
            c.near_threshold,
            c.rewrite_perm,
            c.rewrite_threshold,
            c.seed,
            c.bucket_limit,
        )
        parts = [self._exact.to_bytes(), self._near.to_bytes(), self._rewrite.to_bytes()]
        sizes = struct.pack("<QQQ", *(len(p) for p in parts))
        return head + sizes + b"".join(parts)

    @classmethod
    def from_bytes(cls, data: bytes) -> CandidateIndex:
        """Rebuild an index from :meth:`to_bytes` output, or from a state of the sorted-run index.

        An earlier state is converted: its entries move into hash tables with the default
        ``bucket_limit`` (keeping the earliest items of any fuller key).
        """
        magic = data[:8]
        head = _HEAD if magic == _STATE_MAGIC else _HEAD_V1
        if len(data) < head.size + 24 or magic not in (_STATE_MAGIC, _STATE_MAGIC_V1):
            raise ValueError("not a newsweave candidate index state")
        fields = head.unpack_from(data)
        config = SketchConfig(
            shingle_size=fields[1],
            num_perm=fields[2],
            near_threshold=fields[3],
            rewrite_perm=fields[4],
            rewrite_threshold=fields[5],
            seed=fields[6],
            **({"bucket_limit": fields[7]} if magic == _STATE_MAGIC else {}),
        )
        index = cls(config)
        lengths = struct.unpack_from("<QQQ", data, head.size)
        view, start = memoryview(data), head.size + 24
        blobs = []
        for length in lengths:
            blobs.append(view[start : start + length])
            start += length
        if magic == _STATE_MAGIC:
            index._exact = BucketIndex.from_bytes(blobs[0])
        else:
            index._exact = buckets_from_v1(blobs[0], config.bucket_limit)
        index._near = LSHIndex.from_bytes(blobs[1])
        index._rewrite = LSHIndex.from_bytes(blobs[2])
        return index


__all__ = ["CandidateIndex", "SketchConfig", "Sketches", "content_terms", "exact_keys", "sketch"]
