"""A deterministic hashing-trick embedder: the fast fake used by unit tests.

Each lower-cased word (and word bigram) is hashed to a signed bucket; no model, no randomness
across processes (``hashlib`` rather than the salted built-in ``hash``).
"""

from __future__ import annotations

import hashlib
import itertools
import re
from collections.abc import Sequence

import numpy as np

from newsweave.backends.embed.base import FloatMatrix, l2_normalize

_WORD = re.compile(r"\w+", re.UNICODE)


def _bucket(token: str, dim: int) -> tuple[int, float]:
    digest = hashlib.blake2b(token.encode("utf-8"), digest_size=8).digest()
    value = int.from_bytes(digest, "little")
    sign = 1.0 if value & 1 else -1.0
    return (value >> 1) % dim, sign


class HashingEmbedder:
    """Hashes words and word bigrams into ``dim`` signed buckets.

    Args:
        dim: vector length.
        bigrams: also hash adjacent word pairs.
    """

    name = "embed.hashing.v1"

    def __init__(self, dim: int = 256, *, bigrams: bool = True) -> None:
        """Build the embedder; it holds no model and no state beyond its settings."""
        self.dim = dim
        self.bigrams = bigrams

    def encode(self, texts: Sequence[str]) -> FloatMatrix:
        """Return one unit-norm float32 row per text (all-zero when it has no word)."""
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for row, text in enumerate(texts):
            words = _WORD.findall(text.lower())
            tokens = list(words)
            if self.bigrams:
                tokens += [f"{a} {b}" for a, b in itertools.pairwise(words)]
            for token in tokens:
                col, sign = _bucket(token, self.dim)
                out[row, col] += sign
        return l2_normalize(out)
