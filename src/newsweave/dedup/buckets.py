"""A capped multimap from 64-bit keys to 32-bit ids: open addressing in numpy arrays.

Insert and lookup cost O(1) expected per key, whatever the number of stored keys, and both are
vectorised over a batch: every pending key probes one slot per round, and rounds continue
until each key has found an empty slot (insert) or the end of its probe run (lookup).

Layout. The table is ``segments`` independent open-addressing tables of ``capacity`` slots,
one ``uint64`` per slot holding ``tag << 32 | id``; 0 marks an empty slot. A key goes to the
segment given by its low bits and stores its high 32 bits as the tag (0 is mapped to 1). Its
home slot within the segment is ``tag * capacity >> 32`` and probing is linear, wrapping
around within the segment, so a slot's segment is implied by its position and the table can be
rebuilt at a new capacity from the slots alone. Two keys are taken as equal when segment and
tag agree: ``32 + log2(segments)`` bits, so a lookup meets a foreign key with probability
``stored / 2**38`` at the default 64 segments (under 1e-4 for 10M stored keys). For LSH this
only adds a rare spurious candidate, which verification rejects.

Bucket limit. At most ``limit`` ids are kept per key: later ones are dropped (and counted).
This bounds the work of a lookup and the size of the probe runs when a corpus is so uniform
that many items share a band, the way large near-duplicate systems skip overfull buckets.
The ids kept are the earliest, which suits provenance: the first copies of a text are the
likely originals.

Memory. Segments grow by half when the fullest would pass 3/4 load, so the load stays in
about [1/2, 3/4]: 11 to 16 bytes per stored key, instead of 12 for a sorted array, but without
its ``O(log n)`` cache misses per lookup.

Invariants (tested against a dict of lists in ``tests/unit/dedup/test_buckets.py``): a lookup
of a key returns exactly the ids of the first ``limit`` entries stored under keys equal to it
(same segment and tag), in no set order; ``len`` counts the stored entries and ``dropped`` the
others; :meth:`BucketIndex.to_bytes` round-trips. Nothing is ever deleted.
"""

from __future__ import annotations

import math
import struct

import numpy as np
import numpy.typing as npt

U32 = npt.NDArray[np.uint32]
U64 = npt.NDArray[np.uint64]
I64 = npt.NDArray[np.int64]

_MAGIC = b"NWBKT1\0\0"
_HEADER = struct.Struct("<8sIIQQQ")  # magic, segments, limit, capacity, stored, dropped
_LOW32 = np.uint64(0xFFFFFFFF)
_SHIFT = np.uint64(32)
_MAX_LOAD = 0.75
_GROWTH = 1.5
_MIN_CAPACITY = 8


class BucketIndex:
    """A multimap from 64-bit keys to 32-bit ids with at most ``limit`` ids per key.

    Args:
        limit: most ids kept per key; later ones are dropped.
        segments: number of sub-tables, a power of two; more segments mean more key bits
            compared (``32 + log2(segments)``) and a larger empty table.
    """

    def __init__(self, limit: int = 32, segments: int = 64) -> None:
        """Create an empty index."""
        if limit < 1:
            raise ValueError("bucket limit must be >= 1")
        if segments < 1 or segments & (segments - 1):
            raise ValueError("segments must be a power of two")
        self.limit, self.segments = limit, segments
        self._capacity = _MIN_CAPACITY
        self._slots = np.zeros(segments * _MIN_CAPACITY, dtype=np.uint64)
        self._fill = np.zeros(segments, dtype=np.int64)
        self._dropped = 0

    def __len__(self) -> int:
        """Return the number of stored (key, id) entries."""
        return int(self._fill.sum())

    @property
    def dropped(self) -> int:
        """Return how many entries were not stored because their key already had ``limit``."""
        return self._dropped

    @property
    def nbytes(self) -> int:
        """Return the bytes held by the slot array."""
        return int(self._slots.nbytes)

    def add(self, keys: U64, ids: U32) -> None:
        """Store ``ids[i]`` under ``keys[i]`` for every ``i`` (earlier ``i`` first)."""
        if keys.size == 0:
            return
        segment, tag = self._split(keys)
        incoming = np.bincount(segment, minlength=self.segments)
        need = int((self._fill + incoming).max())
        if need > _MAX_LOAD * self._capacity:
            self._resize(max(math.ceil(_GROWTH * self._capacity), math.ceil(need / 0.6)))
        self._place(segment, tag, np.asarray(ids, dtype=np.uint32))

    def lookup(self, keys: U64) -> tuple[I64, U32]:
        """Return ``(positions, ids)``: every id stored under ``keys[position]``."""
        segment, tag = self._split(keys)
        cap, slots = self._capacity, self._slots
        where = np.arange(keys.size, dtype=np.int64)
        base, offset = segment * cap, self._home(tag)
        positions: list[I64] = []
        found: list[U32] = []
        while where.size:
            slot = slots[base + offset]
            hit = (slot >> _SHIFT) == tag
            if hit.any():
                positions.append(where[hit])
                found.append((slot[hit] & _LOW32).astype(np.uint32))
            live = slot != 0
            where, base, tag = where[live], base[live], tag[live]
            offset = offset[live] + 1
            offset[offset == cap] = 0
        if not positions:
            return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.uint32)
        return np.concatenate(positions), np.concatenate(found)

    def to_bytes(self) -> bytes:
        """Return the state as bytes: a header, then the slot array in little-endian order."""
        stored = len(self)
        header = _HEADER.pack(
            _MAGIC, self.segments, self.limit, self._capacity, stored, self._dropped
        )
        return header + self._fill.astype("<i8").tobytes() + self._slots.astype("<u8").tobytes()

    @classmethod
    def from_bytes(cls, data: bytes | memoryview) -> BucketIndex:
        """Rebuild an index from :meth:`to_bytes` output."""
        if len(data) < _HEADER.size or bytes(data[:8]) != _MAGIC:
            raise ValueError("not a newsweave bucket index state")
        _, segments, limit, capacity, stored, dropped = _HEADER.unpack_from(data)
        if len(data) != _HEADER.size + 8 * segments * (1 + capacity):
            raise ValueError("truncated or corrupt bucket index state")
        index = cls(limit, segments)
        body = memoryview(data)[_HEADER.size :]
        fill = np.frombuffer(body[: 8 * segments], dtype="<i8").astype(np.int64)
        slots = np.frombuffer(body[8 * segments :], dtype="<u8").astype(np.uint64)
        if int(fill.sum()) != stored or int(np.count_nonzero(slots)) != stored:
            raise ValueError("corrupt bucket index state: entry count does not match")
        index._capacity, index._slots, index._fill = capacity, slots, fill
        index._dropped = dropped
        return index

    def _split(self, keys: U64) -> tuple[I64, U64]:
        """Return each key's segment and its nonzero 32-bit tag (as uint64)."""
        keys = np.asarray(keys, dtype=np.uint64)
        segment = (keys & np.uint64(self.segments - 1)).astype(np.int64)
        tag = keys >> _SHIFT
        tag[tag == 0] = 1
        return segment, tag

    def _home(self, tag: U64) -> I64:
        """Return each tag's home slot within its segment (multiply-shift range reduction)."""
        return ((tag * np.uint64(self._capacity)) >> _SHIFT).astype(np.int64)

    def _place(self, segment: I64, tag: U64, ids: U32) -> None:
        """Insert entries round by round; an entry is dropped once it has met ``limit`` equals.

        Entries of one key lie on that key's probe run before its first empty slot (nothing is
        ever deleted), so counting equal tags met while probing counts the key's stored ids.
        When several entries reach one empty slot in a round, the one whose index is read back
        wins (the earliest, as numpy assigns repeated indices in order); the others retry the
        same slot, and so also count the winner if it is their key.
        """
        cap, slots = self._capacity, self._slots
        base, offset = segment * cap, self._home(tag)
        entry = (tag << _SHIFT) | ids.astype(np.uint64)
        seen = np.zeros(tag.size, dtype=np.int64)
        order = np.arange(tag.size, dtype=np.uint64)
        while tag.size:
            pos = base + offset
            slot = slots[pos]
            seen += (slot >> _SHIFT) == tag
            free = slot == 0
            drop = seen >= self.limit
            claim = np.flatnonzero(free & ~drop)
            # Claim by writing the entry's batch index, then keep the entries that read it back.
            # Writes go in reverse, so the earliest entry claiming a slot is the last writer.
            slots[pos[claim[::-1]]] = order[claim[::-1]]
            won = claim[slots[pos[claim]] == order[claim]]
            slots[pos[won]] = entry[won]
            self._fill += np.bincount(segment[won], minlength=self.segments)
            self._dropped += int(np.count_nonzero(drop))
            stay = np.ones(tag.size, dtype=np.bool_)
            stay[won] = False
            stay &= ~drop
            step = ~free
            offset = offset + step
            offset[offset == cap] = 0
            base, offset, tag, entry = base[stay], offset[stay], tag[stay], entry[stay]
            segment, seen, order = segment[stay], seen[stay], order[stay]

    def _resize(self, capacity: int) -> None:
        """Rebuild the table with ``capacity`` slots per segment, without probing rounds.

        Inserting keys in order of home slot, linear probing puts entry ``j`` of a segment at
        ``max(home_j, slot_{j-1} + 1)``, i.e. ``j + cummax(home_j - j)``: one sort and one
        running maximum. The few entries pushed past the end of their segment then wrap around
        through :meth:`_place`. Segments are rebuilt a few at a time, so that the temporary
        arrays stay small next to the two tables.
        """
        old, old_capacity = self._slots, self._capacity
        self._capacity = capacity
        self._slots = np.zeros(self.segments * capacity, dtype=np.uint64)
        self._fill[:] = 0
        group = max(1, self.segments // 8)
        for first in range(0, self.segments, group):
            chunk = old[first * old_capacity : (first + group) * old_capacity]
            occupied = np.flatnonzero(chunk)
            self._rebuild(chunk[occupied], first + occupied // old_capacity)

    def _rebuild(self, values: U64, segment: I64) -> None:
        """Place the slot ``values`` of whole segments (``segment``, ascending) into the table."""
        capacity = self._capacity
        counts = np.bincount(segment, minlength=self.segments).astype(np.int64)
        self._fill += counts
        home = self._home(values >> _SHIFT)
        order = np.argsort(segment * capacity + home, kind="stable")
        values, segment, home = values[order], segment[order], home[order]
        starts = np.cumsum(counts) - counts
        rank = np.arange(values.size, dtype=np.int64) - starts[segment]
        # A segment-sized jump per segment makes the running maximum restart at each segment.
        jump = 4 * capacity * segment
        slot = rank + np.maximum.accumulate(home - rank + jump) - jump
        inside = slot < capacity
        self._slots[segment[inside] * capacity + slot[inside]] = values[inside]
        spill = ~inside
        if spill.any():
            self._fill -= np.bincount(segment[spill], minlength=self.segments)
            self._place(
                segment[spill], values[spill] >> _SHIFT, (values[spill] & _LOW32).astype(np.uint32)
            )


__all__ = ["BucketIndex"]
