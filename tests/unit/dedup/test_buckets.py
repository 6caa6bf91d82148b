from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsweave.dedup.buckets import BucketIndex
from newsweave.dedup.lsh import KeyIndex

HOT = np.arange(1, 21, dtype=np.uint64) * np.uint64(0x9E3779B97F4A7C15)


def _batches(count: int, size: int = 300, seed: int = 1):
    """Random keys, a sixth of them drawn from 20 hot keys, with increasing ids."""
    rng = np.random.default_rng(seed)
    for i in range(count):
        keys = rng.integers(0, 2**64 - 1, size, dtype=np.uint64)
        keys[: size // 6] = HOT[rng.integers(0, HOT.size, size // 6)]
        yield keys, np.arange(i * size, (i + 1) * size, dtype=np.uint32)


def test_lookup_returns_what_was_stored_across_resizes():
    buckets, plain = BucketIndex(limit=1000, segments=4), KeyIndex()
    for keys, ids in _batches(100):
        buckets.add(keys, ids)
        plain.add(keys, ids)
    keys, ids = plain.compacted()
    probe = np.concatenate([np.unique(keys), np.array([5, 2**63], dtype=np.uint64)])
    where, found = buckets.lookup(probe)
    assert sorted(zip(probe[where].tolist(), found.tolist(), strict=True)) == sorted(
        zip(keys.tolist(), ids.tolist(), strict=True)
    )
    assert len(buckets) == keys.size
    assert buckets.dropped == 0


def test_a_full_bucket_keeps_its_earliest_ids():
    buckets, plain = BucketIndex(limit=5), KeyIndex()
    for keys, ids in _batches(50):
        buckets.add(keys, ids)
        plain.add(keys, ids)
    for key in HOT:
        _, kept = buckets.lookup(np.array([key]))
        _, everything = plain.lookup(np.array([key]))
        assert sorted(kept.tolist()) == sorted(everything.tolist())[:5]
    assert buckets.dropped == 50 * 50 - 20 * 5


def test_equal_keys_in_one_batch_respect_the_limit():
    buckets = BucketIndex(limit=3)
    buckets.add(np.full(10, 7, dtype=np.uint64), np.arange(10, dtype=np.uint32))
    assert sorted(buckets.lookup(np.array([7], dtype=np.uint64))[1].tolist()) == [0, 1, 2]
    assert (len(buckets), buckets.dropped) == (3, 7)


def test_memory_stays_under_16_bytes_per_key():
    buckets = BucketIndex()
    rng = np.random.default_rng(0)
    for i in range(50):
        keys = rng.integers(0, 2**64 - 1, 10_000, dtype=np.uint64)
        buckets.add(keys, np.full(keys.size, i, dtype=np.uint32))
        # Segments fill unevenly while small; from 100k keys the load stays above 1/2.
        assert buckets.nbytes <= 16.5 * len(buckets) or len(buckets) < 100_000


def test_state_round_trips_and_is_checked():
    buckets = BucketIndex(limit=4, segments=8)
    for keys, ids in _batches(10):
        buckets.add(keys, ids)
    restored = BucketIndex.from_bytes(buckets.to_bytes())
    assert (restored.limit, restored.segments, len(restored)) == (4, 8, len(buckets))
    assert restored.dropped == buckets.dropped
    probe = np.concatenate([HOT, keys])
    assert all(
        np.array_equal(a, b)
        for a, b in zip(restored.lookup(probe), buckets.lookup(probe), strict=True)
    )
    with pytest.raises(ValueError, match="bucket index state"):
        BucketIndex.from_bytes(b"garbage")
    with pytest.raises(ValueError, match="corrupt"):
        BucketIndex.from_bytes(buckets.to_bytes()[:-8])


def test_parameters_are_checked():
    with pytest.raises(ValueError, match="limit"):
        BucketIndex(limit=0)
    with pytest.raises(ValueError, match="power of two"):
        BucketIndex(segments=3)


def _same_key(key: int, segments: int) -> tuple[int, int]:
    """What the table compares of a key: its segment and its nonzero high 32 bits."""
    return key & (segments - 1), max(key >> 32, 1)


# Keys from a few high and low parts, so that equal, colliding (same segment and tag, other
# middle bits) and zero-tag keys all occur; several segments and small limits force resizes,
# wrap-around probing and full buckets.
_keys = st.builds(
    lambda hi, mid, lo: (hi << 32) | (mid << 8) | lo,
    st.sampled_from([0, 1, 2, 2**32 - 1]),
    st.integers(0, 3),
    st.integers(0, 40),
)


@settings(max_examples=150)
@given(
    batches=st.lists(st.lists(_keys, max_size=60), max_size=8),
    limit=st.integers(1, 6),
    segments=st.sampled_from([1, 2, 8]),
    probe=st.lists(_keys, max_size=20),
)
def test_lookup_equals_a_dict_of_first_ids(batches, limit, segments, probe):
    buckets = BucketIndex(limit=limit, segments=segments)
    model: dict[tuple[int, int], list[int]] = {}
    total = next_id = 0
    for batch in batches:
        ids = np.arange(next_id, next_id + len(batch), dtype=np.uint32)
        buckets.add(np.array(batch, dtype=np.uint64), ids)
        for key, item in zip(batch, ids.tolist(), strict=True):
            kept = model.setdefault(_same_key(key, segments), [])
            if len(kept) < limit:  # the earliest ids stay, later ones drop
                kept.append(item)
        next_id += len(batch)
        total += len(batch)
    assert len(buckets) == sum(map(len, model.values()))
    assert buckets.dropped == total - len(buckets)
    probe += [key for batch in batches for key in batch[:3]]
    for index in (buckets, BucketIndex.from_bytes(buckets.to_bytes())):
        where, found = index.lookup(np.array(probe, dtype=np.uint64))
        got: dict[int, list[int]] = {}
        for pos, item in zip(where.tolist(), found.tolist(), strict=True):
            got.setdefault(pos, []).append(item)
        for pos, key in enumerate(probe):
            assert sorted(got.get(pos, [])) == model.get(_same_key(key, segments), [])
