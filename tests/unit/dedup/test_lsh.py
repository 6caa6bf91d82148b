from __future__ import annotations

import struct

import numpy as np
import pytest

from newsweave.dedup.lsh import KeyIndex, LSHIndex, band_keys, lsh_params


def _signatures(n: int, perm: int = 64, seed: int = 0) -> np.ndarray:
    return np.random.default_rng(seed).integers(0, 2**32, size=(n, perm), dtype=np.uint32)


def test_params_follow_the_threshold():
    assert lsh_params(0.5, 128) == (25, 5)
    low, high = lsh_params(0.3, 128), lsh_params(0.8, 128)
    assert low[1] < high[1]
    assert low[0] * low[1] <= 128
    with pytest.raises(ValueError, match="threshold"):
        lsh_params(1.0, 128)


def test_band_keys_differ_by_band_even_for_equal_values():
    keys = band_keys(np.zeros((1, 8), dtype=np.uint32), 4, 2)
    assert len(set(keys[0].tolist())) == 4


def test_query_finds_items_sharing_a_band_only():
    sigs = _signatures(200)
    index = LSHIndex(64, 16, 4)
    index.insert(np.arange(200), sigs)
    probe = sigs[[7]].copy()
    probe[0, 4:] = 0  # keeps only the first band of item 7
    assert index.query(probe[0]).tolist() == [7]
    assert index.query(np.full(64, 123, dtype=np.uint32)).size == 0


def test_incremental_inserts_equal_one_batch():
    sigs = _signatures(500)
    one, many = LSHIndex(64, 16, 4), LSHIndex(64, 16, 4)
    one.insert(np.arange(500), sigs)
    for start in range(0, 500, 3):
        many.insert(np.arange(start, min(start + 3, 500)), sigs[start : start + 3])
    rows_a, ids_a = one.query_pairs(sigs[:50])
    rows_b, ids_b = many.query_pairs(sigs[:50])
    assert np.array_equal(rows_a, rows_b)
    assert np.array_equal(ids_a, ids_b)
    assert len(many) == 500
    assert many.dropped == 0


def test_a_full_bucket_keeps_the_earliest_items():
    sigs = np.repeat(_signatures(1), 50, axis=0)
    index = LSHIndex(64, 16, 4, bucket_limit=8)
    index.insert(np.arange(50), sigs)
    assert index.query(sigs[0]).tolist() == list(range(8))
    assert (index.bucket_limit, index.dropped) == (8, 16 * 42)


def test_reads_the_earlier_sorted_run_state():
    sigs = _signatures(100)
    keys = KeyIndex()
    keys.add(band_keys(sigs, 8, 8).ravel(), np.repeat(np.arange(100, 200, dtype=np.uint32), 8))
    header = struct.pack("<8sIIIQQ", b"NWLSH1\0\0", 64, 8, 8, 9, 100)
    restored = LSHIndex.from_bytes(header + keys.to_bytes())
    assert (restored.bands, restored.seed, len(restored)) == (8, 9, 100)
    assert restored.query(sigs[3]).tolist() == [103]


def test_state_round_trips_through_bytes():
    sigs = _signatures(100)
    index = LSHIndex(64, 8, 8, seed=9)
    index.insert(np.arange(100, 200), sigs)
    restored = LSHIndex.from_bytes(index.to_bytes())
    assert (restored.bands, restored.rows, restored.seed, len(restored)) == (8, 8, 9, 100)
    assert restored.query(sigs[3]).tolist() == [103]
    with pytest.raises(ValueError, match="LSH state"):
        LSHIndex.from_bytes(b"garbage")
    with pytest.raises(ValueError, match="corrupt"):
        LSHIndex.from_bytes(index.to_bytes()[:-4])


def test_ids_and_shapes_are_checked():
    index = LSHIndex(64, 16, 4)
    with pytest.raises(ValueError, match="ids"):
        index.insert(np.array([2**32]), _signatures(1))
    with pytest.raises(ValueError, match="shape"):
        index.insert(np.array([1]), _signatures(1, perm=32))
    with pytest.raises(ValueError, match="bands"):
        LSHIndex(64, 16, 5)


def test_key_index_keeps_duplicates_and_few_runs():
    index = KeyIndex()
    for i in range(1000):
        index.add(np.array([i % 10], dtype=np.uint64), np.array([i], dtype=np.uint32))
    where, ids = index.lookup(np.array([3, 99], dtype=np.uint64))
    assert where.tolist() == [0] * 100
    assert sorted(ids.tolist()) == list(range(3, 1000, 10))
    assert len(index._runs) <= 11
