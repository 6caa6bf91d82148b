from __future__ import annotations

import numpy as np

from newsweave.backends.embed.base import Embedder, l2_normalize
from newsweave.backends.embed.hashing import HashingEmbedder


def test_rows_are_unit_float32_and_deterministic():
    texts = ["Fire at Marlow harbour", "Quake hits Quenby", ""]
    a = HashingEmbedder(dim=32).encode(texts)
    b = HashingEmbedder(dim=32).encode(texts)
    assert a.dtype == np.float32
    assert a.shape == (3, 32)
    np.testing.assert_array_equal(a, b)
    np.testing.assert_allclose(np.linalg.norm(a[:2], axis=1), 1.0, rtol=1e-6)
    assert not a[2].any()


def test_shared_words_mean_higher_similarity():
    emb = HashingEmbedder(dim=256)
    x, y, z = emb.encode(["harbour fire in Marlow", "Marlow harbour fire", "stock prices fell"])
    assert float(x @ y) > float(x @ z)


def test_satisfies_the_protocol():
    assert isinstance(HashingEmbedder(), Embedder)


def test_l2_normalize_keeps_zero_rows():
    out = l2_normalize(np.array([[3.0, 4.0], [0.0, 0.0]]))
    np.testing.assert_allclose(out, [[0.6, 0.8], [0.0, 0.0]], rtol=1e-6)
