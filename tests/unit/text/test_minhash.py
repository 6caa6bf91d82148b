from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsweave.text.minhash import EMPTY_VALUE, MinHasher, estimate_jaccard
from newsweave.text.shingles import TokenBatch, hash_tokens, jaccard, shingle_batch, shingles

hash_sets = st.lists(st.integers(0, 2**64 - 1), max_size=60).map(
    lambda xs: np.unique(np.array(xs, dtype=np.uint64))
)


def test_signature_is_deterministic_and_seeded():
    h = shingles("the quick brown fox jumps over the lazy dog again and again", 3)
    assert np.array_equal(MinHasher(64, 5).signature(h), MinHasher(64, 5).signature(h))
    assert not np.array_equal(MinHasher(64, 5).signature(h), MinHasher(64, 6).signature(h))
    assert MinHasher(64).signature(h).dtype == np.uint32


def test_empty_set_gets_the_empty_signature():
    sig = MinHasher(16).signature(np.zeros(0, dtype=np.uint64))
    assert (sig == EMPTY_VALUE).all()


def test_estimate_tracks_true_jaccard():
    rng = np.random.default_rng(3)
    base = rng.integers(0, 2**63, size=2000, dtype=np.uint64)
    a, b = np.unique(base[:1500]), np.unique(base[500:])
    true = jaccard(a, b)
    hasher = MinHasher(512)
    est = estimate_jaccard(hasher.signature(a), hasher.signature(b))
    assert true == pytest.approx(0.5)
    assert abs(est - true) < 0.07


def test_batch_equals_one_at_a_time():
    texts = ["one two three four five six", "", "seven", "one two three four five six seven"]
    batch = shingle_batch(hash_tokens(texts), 2)
    hasher = MinHasher(32)
    sigs = hasher.signatures(batch)
    for i, text in enumerate(texts):
        single = shingle_batch(hash_tokens([text]), 2)
        assert np.array_equal(sigs[i], hasher.signatures(single)[0])


def test_large_batches_take_the_loop_path_with_the_same_result():
    rng = np.random.default_rng(1)
    hashes = rng.integers(0, 2**64 - 1, size=5000, dtype=np.uint64)
    batch = TokenBatch(hashes, np.array([0, 2500, 5000], dtype=np.int64))
    hasher = MinHasher(64)
    sigs = hasher.signatures(batch)
    assert np.array_equal(sigs[0], hasher.signature(hashes[:2500]))
    assert np.array_equal(sigs[1], hasher.signature(hashes[2500:]))


def test_signatures_of_different_length_cannot_be_compared():
    with pytest.raises(ValueError, match="different lengths"):
        estimate_jaccard(np.zeros(4, dtype=np.uint32), np.zeros(5, dtype=np.uint32))


@settings(max_examples=60, deadline=None)
@given(hash_sets, hash_sets)
def test_estimate_is_symmetric_and_in_unit_interval(a, b):
    hasher = MinHasher(32)
    sa, sb = hasher.signature(a), hasher.signature(b)
    est = estimate_jaccard(sa, sb)
    assert est == estimate_jaccard(sb, sa)
    assert 0.0 <= est <= 1.0
    assert estimate_jaccard(sa, sa) == 1.0


@settings(max_examples=60, deadline=None)
@given(hash_sets, hash_sets)
def test_true_jaccard_is_symmetric_and_in_unit_interval(a, b):
    j = jaccard(a, b)
    assert j == jaccard(b, a)
    assert 0.0 <= j <= 1.0
    assert jaccard(a, a) == 1.0
