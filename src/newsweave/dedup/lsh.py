"""A memory-lean LSH banding index over MinHash signatures, with incremental insert and query.

Each signature is cut into ``bands`` bands of ``rows`` values; each band is hashed to one 64-bit
key that also encodes the band number. Keys live with their item ids in a
:class:`~newsweave.dedup.buckets.BucketIndex`, an open-addressing hash table in numpy arrays:
insert and query cost O(1) per band whatever the number of items, and at most
``bucket_limit`` items are kept per band key, which bounds the work of a query. There is no
per-item Python object. Item ids are integers below 2**32 (e.g. SQLite rowids); the caller maps
them to article ids.

:class:`KeyIndex`, the earlier store (sorted runs merged like a log-structured tree), is kept
to read states written by that version: its lookups cost ``O(log n)`` cache misses per key per
run, which made query time grow with the corpus.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from newsweave.dedup.buckets import BucketIndex
from newsweave.text.shingles import mix64

U32 = npt.NDArray[np.uint32]
U64 = npt.NDArray[np.uint64]
I64 = npt.NDArray[np.int64]

_MAGIC_V1 = b"NWLSH1\0\0"
_MAGIC = b"NWLSH2\0\0"
_HEADER = struct.Struct("<8sIIIQQ")  # magic, num_perm, bands, rows, seed, items
_BAND_SALT = np.uint64(0xD6E8FEB86659FD93)
_MAX_ID = 0xFFFFFFFF


def lsh_params(
    threshold: float, num_perm: int, fp_weight: float = 0.5, fn_weight: float = 0.5
) -> tuple[int, int]:
    """Return ``(bands, rows)`` minimising the weighted false positive and negative areas.

    The probability that two sets of Jaccard similarity ``s`` share a band is
    ``1 - (1 - s**rows)**bands``; the false positive area is its integral below ``threshold``
    and the false negative area the integral of its complement above.
    """
    if not 0.0 < threshold < 1.0:
        raise ValueError("threshold must be in (0, 1)")
    grid = np.linspace(0.0, 1.0, 1001)
    below, above = grid <= threshold, grid >= threshold
    best, best_cost = (1, num_perm), float("inf")
    for bands in range(1, num_perm + 1):
        for rows in range(1, num_perm // bands + 1):
            hit = 1.0 - (1.0 - grid**rows) ** bands
            fp = float(np.trapezoid(hit[below], grid[below]))
            fn = float(np.trapezoid(1.0 - hit[above], grid[above]))
            cost = fp_weight * fp + fn_weight * fn
            if cost < best_cost:
                best, best_cost = (bands, rows), cost
    return best


def band_keys(signatures: U32, bands: int, rows: int) -> U64:
    """Return the 64-bit key of each band of each signature, shape ``(items, bands)``."""
    if signatures.shape[1] < bands * rows:
        raise ValueError("signatures are shorter than bands * rows")
    sig = signatures[:, : bands * rows].astype(np.uint64).reshape(-1, bands, rows)
    acc = np.broadcast_to(np.arange(1, bands + 1, dtype=np.uint64) * _BAND_SALT, sig.shape[:2])
    for r in range(rows):
        acc = mix64(acc ^ sig[:, :, r])
    return acc


@dataclass(slots=True)
class _Run:
    """A sorted run of keys and the item id stored under each."""

    keys: U64
    ids: U32


class KeyIndex:
    """A multimap from 64-bit keys to 32-bit item ids, kept as sorted runs."""

    def __init__(self) -> None:
        """Create an empty index."""
        self._runs: list[_Run] = []

    def __len__(self) -> int:
        """Return the number of stored (key, id) entries."""
        return sum(run.keys.size for run in self._runs)

    @property
    def nbytes(self) -> int:
        """Return the bytes held by the key and id arrays."""
        return sum(run.keys.nbytes + run.ids.nbytes for run in self._runs)

    def add(self, keys: U64, ids: U32) -> None:
        """Store ``ids[i]`` under ``keys[i]`` for every ``i``."""
        if keys.size == 0:
            return
        order = np.argsort(keys, kind="stable")
        self._runs.append(_Run(keys[order], ids[order]))
        # Merge while the newest run is at least half the size of the one before: each entry is
        # then copied O(log n) times and there are O(log n) runs to search.
        while len(self._runs) > 1 and 2 * self._runs[-1].keys.size >= self._runs[-2].keys.size:
            top, below = self._runs.pop(), self._runs.pop()
            self._runs.append(_merge(below, top))

    def lookup(self, keys: U64) -> tuple[I64, U32]:
        """Return ``(positions, ids)``: every id stored under ``keys[position]``."""
        positions: list[I64] = []
        found: list[U32] = []
        for run in self._runs:
            lo = np.searchsorted(run.keys, keys, side="left")
            hi = np.searchsorted(run.keys, keys, side="right")
            counts = hi - lo
            hits = int(counts.sum())
            if hits == 0:
                continue
            where = np.repeat(np.arange(keys.size, dtype=np.int64), counts)
            first = np.repeat(lo - (np.cumsum(counts) - counts), counts)
            positions.append(where)
            found.append(run.ids[first + np.arange(hits)])
        if not positions:
            return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.uint32)
        return np.concatenate(positions), np.concatenate(found)

    def compacted(self) -> tuple[U64, U32]:
        """Return all entries as one sorted run (and keep it as the only run)."""
        while len(self._runs) > 1:
            top, below = self._runs.pop(), self._runs.pop()
            self._runs.append(_merge(below, top))
        if not self._runs:
            return np.zeros(0, dtype=np.uint64), np.zeros(0, dtype=np.uint32)
        return self._runs[0].keys, self._runs[0].ids

    def to_bytes(self) -> bytes:
        """Return the entries as bytes: a count, then keys and ids in little-endian order."""
        keys, ids = self.compacted()
        return (
            struct.pack("<Q", keys.size)
            + keys.astype("<u8").tobytes()
            + ids.astype("<u4").tobytes()
        )

    @classmethod
    def from_bytes(cls, data: bytes | memoryview) -> KeyIndex:
        """Rebuild an index from :meth:`to_bytes` output."""
        (count,) = struct.unpack_from("<Q", data)
        if len(data) != 8 + 12 * count:
            raise ValueError("truncated or corrupt key index state")
        body = memoryview(data)[8:]
        index = cls()
        if count:
            keys = np.frombuffer(body[: 8 * count], dtype="<u8").astype(np.uint64)
            ids = np.frombuffer(body[8 * count :], dtype="<u4").astype(np.uint32)
            index._runs.append(_Run(keys, ids))
        return index


def _merge(a: _Run, b: _Run) -> _Run:
    """Merge two sorted runs (a stable sort of two sorted halves is a linear merge)."""
    keys = np.concatenate([a.keys, b.keys])
    order = np.argsort(keys, kind="stable")
    return _Run(keys[order], np.concatenate([a.ids, b.ids])[order])


class LSHIndex:
    """Banded LSH over MinHash signatures: incremental insert, batch query, serialisable state.

    Args:
        num_perm: signature length the index expects.
        bands: number of bands.
        rows: values per band (``bands * rows <= num_perm``).
        seed: seed of the :class:`~newsweave.text.minhash.MinHasher` whose signatures are
            stored; kept in the state so that a reloaded index is not fed foreign signatures.
        bucket_limit: most items kept per band key (the earliest inserted).
    """

    def __init__(
        self, num_perm: int, bands: int, rows: int, seed: int = 1, *, bucket_limit: int = 32
    ) -> None:
        """Create an empty index."""
        if bands < 1 or rows < 1 or bands * rows > num_perm:
            raise ValueError("need bands >= 1, rows >= 1 and bands * rows <= num_perm")
        self.num_perm, self.bands, self.rows, self.seed = num_perm, bands, rows, seed
        self._keys = BucketIndex(bucket_limit)
        self._items = 0

    def __len__(self) -> int:
        """Return the number of items inserted."""
        return self._items

    @property
    def nbytes(self) -> int:
        """Return the bytes held by the index arrays (about 11 to 16 bytes per band per item)."""
        return self._keys.nbytes

    @property
    def bucket_limit(self) -> int:
        """Return the most items kept per band key."""
        return self._keys.limit

    @property
    def dropped(self) -> int:
        """Return how many (band, item) entries were not kept because their bucket was full."""
        return self._keys.dropped

    def insert(self, ids: U32 | I64, signatures: U32) -> None:
        """Insert items: ``ids[i]`` has signature ``signatures[i]``."""
        given = np.asarray(ids)
        if given.size and (int(given.min()) < 0 or int(given.max()) > _MAX_ID):
            raise ValueError("LSH item ids must be in [0, 2**32)")
        keys = band_keys(self._check(signatures), self.bands, self.rows)
        self._keys.add(keys.ravel(), np.repeat(given.astype(np.uint32), self.bands))
        self._items += int(given.size)

    def query_pairs(self, signatures: U32, *, unique: bool = True) -> tuple[I64, U32]:
        """Return ``(query_position, item_id)`` pairs sharing at least one band.

        With ``unique`` false a pair is listed once per shared band, so callers can count them.
        """
        keys = band_keys(self._check(signatures), self.bands, self.rows)
        where, ids = self._keys.lookup(keys.ravel())
        combined = ((where // self.bands).astype(np.uint64) << np.uint64(32)) | ids
        if unique:
            combined = np.unique(combined)
        return (combined >> np.uint64(32)).astype(np.int64), (combined & np.uint64(_MAX_ID)).astype(
            np.uint32
        )

    def query(self, signature: U32) -> U32:
        """Return the sorted ids of items sharing at least one band with ``signature``."""
        return self.query_pairs(signature.reshape(1, -1))[1]

    def to_bytes(self) -> bytes:
        """Return the whole state as bytes (see :meth:`from_bytes`)."""
        header = _HEADER.pack(_MAGIC, self.num_perm, self.bands, self.rows, self.seed, self._items)
        return header + self._keys.to_bytes()

    @classmethod
    def from_bytes(cls, data: bytes | memoryview) -> LSHIndex:
        """Rebuild an index from :meth:`to_bytes` output (or from the earlier sorted-run state)."""
        magic = bytes(data[:8])
        if len(data) < _HEADER.size or magic not in (_MAGIC, _MAGIC_V1):
            raise ValueError("not a newsweave LSH state")
        _, num_perm, bands, rows, seed, items = _HEADER.unpack_from(data)
        index = cls(num_perm, bands, rows, seed)
        body = memoryview(data)[_HEADER.size :]
        index._keys = BucketIndex.from_bytes(body) if magic == _MAGIC else buckets_from_v1(body)
        if len(index._keys) + index._keys.dropped != items * bands:
            raise ValueError("corrupt LSH state: entry count does not match the header")
        index._items = items
        return index

    def _check(self, signatures: U32) -> U32:
        """Return ``signatures`` as a 2-D array, or raise if their length is wrong."""
        if signatures.ndim != 2 or signatures.shape[1] != self.num_perm:
            raise ValueError(f"expected signatures of shape (n, {self.num_perm})")
        return signatures


def buckets_from_v1(data: bytes | memoryview, limit: int = 32) -> BucketIndex:
    """Return a :class:`BucketIndex` holding the entries of a :meth:`KeyIndex.to_bytes` state.

    Entries of one key were stored in insertion order, so the ids kept are still the earliest.
    """
    keys, ids = KeyIndex.from_bytes(data).compacted()
    buckets = BucketIndex(limit)
    buckets.add(keys, ids)
    return buckets


__all__ = ["KeyIndex", "LSHIndex", "band_keys", "buckets_from_v1", "lsh_params"]
