"""Word tokens and word n-gram shingles hashed to stable 64-bit integers.

Hashing is vectorised over a whole batch of texts: the texts are folded (NFKC, casefold) and
turned into one array of code points; a token is a run of alphanumeric code points. Each token's
hash is a polynomial over its code points modulo 2**64, computed for all tokens at once from a
prefix sum, then passed through the SplitMix64 finaliser. A shingle hash chains the
token hashes of ``n`` consecutive tokens through the same finaliser. Hashes depend only on the
text, never on the batch it was hashed in, the process or the platform (unlike :func:`hash`).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

U64 = npt.NDArray[np.uint64]
I64 = npt.NDArray[np.int64]

_MASK64 = (1 << 64) - 1
_WORD = re.compile(r"[^\W_]+")
_POLY = 0x100000001B3  # FNV-1a 64-bit prime: odd, so invertible modulo 2**64
_POLY_INV = pow(_POLY, -1, 1 << 64)
_MIX1 = np.uint64(0xBF58476D1CE4E5B9)
_MIX2 = np.uint64(0x94D049BB133111EB)
_CHAIN = np.uint64(0x9E3779B97F4A7C15)


def words(text: str) -> list[str]:
    """Return the word tokens of ``text``: runs of alphanumeric characters, NFKC and casefolded."""
    return _WORD.findall(fold(text))


def mix64(x: U64) -> U64:
    """Return the SplitMix64 finaliser of every element (a bijection on 64-bit integers)."""
    x = x ^ (x >> np.uint64(30))
    x = x * _MIX1
    x = x ^ (x >> np.uint64(27))
    x = x * _MIX2
    return x ^ (x >> np.uint64(31))


def _power_table(base: int) -> tuple[U64, U64]:
    """Return ``base**k`` and ``base**(k * 2**16)`` modulo 2**64 for ``k < 2**16``."""
    steps = np.full(1 << 16, base, dtype=np.uint64)
    steps[0] = 1
    low = np.cumprod(steps, dtype=np.uint64)
    steps[1:] = pow(base, 1 << 16, 1 << 64)
    return low, np.cumprod(steps, dtype=np.uint64)


_POW_INV = _power_table(_POLY_INV)


def _forward_powers(count: int) -> U64:
    """Return ``_POLY**k mod 2**64`` for ``k < count`` (a running product: faster than tables)."""
    steps = np.full(count, _POLY, dtype=np.uint64)
    steps[:1] = 1
    return np.cumprod(steps, dtype=np.uint64)


def _powers(table: tuple[U64, U64], exponents: npt.NDArray[np.intp]) -> U64:
    """Return ``base**e mod 2**64`` for each exponent below 2**32, from a :func:`_power_table`."""
    result: U64 = table[0][exponents & 0xFFFF] * table[1][exponents >> 16]
    return result


@dataclass(frozen=True, slots=True)
class TokenBatch:
    """Hashed tokens of a batch of texts.

    Attributes:
        hashes: 64-bit hash of every token, texts one after the other.
        offsets: ``offsets[i]:offsets[i + 1]`` is the slice of ``hashes`` for text ``i``.
    """

    hashes: U64
    offsets: I64

    def counts(self) -> I64:
        """Return the number of tokens of each text."""
        return np.diff(self.offsets)


def _word_table() -> npt.NDArray[np.bool_]:
    """Return, for each code point of the Basic Multilingual Plane, whether it is alphanumeric."""
    return np.array([chr(i).isalnum() for i in range(0x10000)], dtype=np.bool_)


_IS_WORD = _word_table()


def fold(text: str) -> str:
    """Return ``text`` NFKC-normalised and casefolded."""
    return unicodedata.normalize("NFKC", text).casefold()


def hash_tokens(texts: Sequence[str]) -> TokenBatch:
    """Hash the word tokens of every text in one vectorised pass.

    A token is a maximal run of alphanumeric code points of the folded text (see :func:`fold`);
    characters outside the Basic Multilingual Plane separate tokens. The result is the same as
    hashing the tokens of :func:`words`, whatever the batch.

    Args:
        texts: raw texts.

    Returns:
        The token hashes of all texts and the offsets delimiting each text.
    """
    folded = [fold(t) for t in texts]
    lengths = np.fromiter((len(f) + 1 for f in folded), dtype=np.int64, count=len(folded))
    points = np.frombuffer(" ".join(folded).encode("utf-32-le"), dtype=np.uint32)
    flags = np.zeros(points.size + 2, dtype=np.bool_)
    flags[1:-1] = _IS_WORD[points & 0xFFFF]
    if points.size and points.max() > 0xFFFF:
        flags[1:-1] &= points <= 0xFFFF
    edges = np.flatnonzero(flags[1:] != flags[:-1])
    starts, ends = edges[0::2], edges[1::2]
    text_starts = np.cumsum(lengths) - lengths
    offsets = np.searchsorted(starts, np.append(text_starts, points.size + 1)).astype(np.int64)
    if starts.size == 0:
        return TokenBatch(np.zeros(0, dtype=np.uint64), offsets)
    weighted = points.astype(np.uint64) * _forward_powers(points.size)
    prefix = np.zeros(points.size + 1, dtype=np.uint64)
    np.cumsum(weighted, out=prefix[1:])
    # Dividing by base**start makes a token's hash independent of where it sits.
    poly = (prefix[ends] - prefix[starts]) * _powers(_POW_INV, starts)
    sizes = (ends - starts).astype(np.uint64)
    return TokenBatch(mix64(poly ^ (sizes * _CHAIN)), offsets)


def _chain(hashes: U64, starts: I64, size: int) -> U64:
    """Return the chained hash of ``hashes[s:s + size]`` for every start ``s``."""
    acc = hashes[starts]
    for j in range(1, size):
        acc = mix64(acc * _CHAIN + hashes[starts + j])
    return mix64(acc ^ np.uint64(size))


def shingle_batch(tokens: TokenBatch, size: int) -> TokenBatch:
    """Return the hashes of the word ``size``-grams of each text (not deduplicated).

    A text with fewer than ``size`` tokens (but at least one) gets one shingle made of all its
    tokens, so that short texts still have a fingerprint.
    """
    if size < 1:
        raise ValueError("shingle size must be >= 1")
    counts = tokens.counts()
    per_text = np.where(counts >= size, counts - size + 1, np.minimum(counts, 1))
    offsets = np.zeros(counts.size + 1, dtype=np.int64)
    np.cumsum(per_text, out=offsets[1:])
    out = np.zeros(int(offsets[-1]), dtype=np.uint64)
    long_texts = counts >= size
    text_of = np.repeat(np.arange(counts.size), per_text)
    local = np.arange(out.size, dtype=np.int64) - offsets[text_of]
    starts = tokens.offsets[text_of] + local
    full = long_texts[text_of]
    if full.any():
        out[full] = _chain(tokens.hashes, starts[full], size)
    for i in np.flatnonzero(~long_texts & (counts > 0)):
        span = tokens.hashes[tokens.offsets[i] : tokens.offsets[i + 1]]
        out[offsets[i]] = _chain(span, np.zeros(1, dtype=np.int64), int(counts[i]))[0]
    return TokenBatch(out, offsets)


def shingles(text: str, size: int = 5) -> U64:
    """Return the sorted, unique hashes of the word ``size``-grams of one text."""
    batch = shingle_batch(hash_tokens([text]), size)
    return np.unique(batch.hashes)


def jaccard(a: U64, b: U64) -> float:
    """Return the Jaccard similarity of two sorted unique hash arrays (1.0 if both empty)."""
    if a.size == 0 and b.size == 0:
        return 1.0
    inter = np.intersect1d(a, b, assume_unique=True).size
    return inter / (a.size + b.size - inter)


def containment(a: U64, b: U64) -> float:
    """Return the share of ``a`` found in ``b`` (both sorted unique; 0.0 if ``a`` is empty)."""
    if a.size == 0:
        return 0.0
    return np.intersect1d(a, b, assume_unique=True).size / a.size


__all__ = [
    "TokenBatch",
    "containment",
    "fold",
    "hash_tokens",
    "jaccard",
    "mix64",
    "shingle_batch",
    "shingles",
    "words",
]
