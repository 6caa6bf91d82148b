"""Incremental document frequencies, IDF weights and sparse TF-IDF cosine.

Document frequencies grow as articles arrive, so an IDF weight is always the one of the corpus
seen so far; nothing is refitted. Sparse vectors are plain ``dict[str, float]``.
"""

from __future__ import annotations

import math
from array import array
from collections.abc import Collection, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from itertools import repeat
from operator import mul


@dataclass(slots=True)
class DocFreq:
    """Counts how many documents contain each key (a term or an entity key).

    Attributes:
        n_docs: documents added so far.
        df: documents containing each key.
    """

    n_docs: int = 0
    df: dict[str, int] = field(default_factory=dict)
    #: IDF by document frequency for one corpus size (a cache, not state).
    _memo: _IdfByCount = field(default_factory=lambda: _IdfByCount(-1), compare=False, repr=False)

    def add(self, keys: Iterable[str]) -> None:
        """Count one document containing the (distinct) ``keys``."""
        self.n_docs += 1
        df = self.df
        for key in set(keys):
            df[key] = df.get(key, 0) + 1

    def remove(self, keys: Iterable[str]) -> None:
        """Undo :meth:`add` for one document (used when an article is re-ingested)."""
        self.n_docs = max(0, self.n_docs - 1)
        for key in set(keys):
            left = self.df.get(key, 0) - 1
            if left > 0:
                self.df[key] = left
            else:
                self.df.pop(key, None)

    def idf(self, key: str) -> float:
        """Smoothed IDF, ``ln((1 + N) / (1 + df)) + 1``; an unseen key gets the highest value."""
        return self.idf_of(self.df.get(key, 0))

    def idf_of(self, count: int) -> float:
        """The IDF of a key found in ``count`` documents (memoised per corpus size)."""
        return self.idf_table()[count]

    def bucket(self) -> int:
        """``int(ln(N) / ln(1.05))``: it moves each time the corpus grows by 5 %.

        IDF-weighted values cached by callers are refreshed when it moves: the change in
        ln(N) is then below 0.05, far under the weights' own noise.
        """
        return self._table().bucket

    def idf_table(self) -> Mapping[int, float]:
        """IDF by document frequency under the current corpus size, filled on demand.

        For loops that look many keys up: ``table[df.get(key, 0)]`` is a plain dict look-up.
        Valid until the next :meth:`add` or :meth:`remove`.
        """
        return self._table()

    def _table(self) -> _IdfByCount:
        if self._memo.n_docs != self.n_docs:
            self._memo = _IdfByCount(self.n_docs)
        return self._memo


_LOG_STEP = math.log(1.05)


class _IdfByCount(dict[int, float]):
    """Document frequency -> smoothed IDF for one corpus size, computed on first use."""

    __slots__ = ("bucket", "n_docs")

    def __init__(self, n_docs: int) -> None:
        super().__init__()
        self.n_docs = n_docs
        self.bucket = int(math.log(max(n_docs, 1)) / _LOG_STEP)

    def __missing__(self, count: int) -> float:
        value = self[count] = math.log((1 + self.n_docs) / (1 + count)) + 1.0
        return value


class SparseVec(Mapping[str, float]):
    """A read-only sparse mapping stored compactly: a key tuple and a numeric array.

    Used for vectors (float32), exact sums (``"d"``) and counts (``"i"``); values come back as
    the array gives them (ints for counts).

    A dict of 32 floats costs about 2 KB in CPython; this form about 500 bytes, which is
    what keeps member sketches affordable at a million indexed articles.
    """

    __slots__ = ("keys_", "vals")

    def __init__(self, items: Mapping[str, float], typecode: str = "f") -> None:
        """Copy ``items``; values as float32 (``typecode="f"``) or exact doubles (``"d"``)."""
        self.keys_ = tuple(items)
        self.vals = array(typecode, list(items.values()))  # (from a list: no spare room)

    @classmethod
    def of(cls, keys: tuple[str, ...], vals: array[float] | array[int]) -> SparseVec:
        """A mapping over ``keys`` and ``vals`` as given (no copy: neither may change)."""
        out = cls.__new__(cls)
        out.keys_ = keys
        out.vals = vals  # type: ignore[assignment]  # (int counts read as the floats they equal)
        return out

    def __getitem__(self, key: str) -> float:
        """Look a key up (a linear scan: stored vectors are short)."""
        try:
            return self.vals[self.keys_.index(key)]
        except ValueError:
            raise KeyError(key) from None

    def __iter__(self) -> Iterator[str]:
        """Iterate over the keys."""
        return iter(self.keys_)

    def __len__(self) -> int:
        """Number of entries."""
        return len(self.keys_)

    def __contains__(self, key: object) -> bool:
        """Whether ``key`` has an entry."""
        return key in self.keys_

    def get(self, key: str, default: float | None = None) -> float | None:  # type: ignore[override]
        """Look a key up, or return ``default``."""
        try:
            return self.vals[self.keys_.index(key)]
        except ValueError:
            return default

    def items(self) -> Iterator[tuple[str, float]]:  # type: ignore[override]
        """Iterate over ``(key, value)`` pairs in stored order (no per-key look-up)."""
        return zip(self.keys_, self.vals, strict=True)

    def keys(self) -> tuple[str, ...]:  # type: ignore[override]
        """The keys, in stored order."""
        return self.keys_

    def values(self) -> array[float]:  # type: ignore[override]
        """The values, in stored order (no per-key look-up)."""
        return self.vals

    def as_dict(self) -> dict[str, float]:
        """The entries as a plain dict (fast look-ups when one vector is probed many times)."""
        return dict(zip(self.keys_, self.vals, strict=True))

    def __reduce__(self) -> tuple[type[SparseVec], tuple[dict[str, float], str]]:
        """Pickle as the equivalent dict."""
        return SparseVec, (dict(zip(self.keys_, self.vals, strict=True)), self.vals.typecode)

    def dot(self, other: Mapping[str, float]) -> float:
        """Dot product with a dict-like vector."""
        if isinstance(other, SparseVec):
            other = other.as_dict()
        # One C-level pass: the products v * other.get(k, 0.0), summed exactly.
        return math.fsum(map(mul, self.vals, map(other.get, self.keys_, repeat(0.0))))


def top_items(items: Mapping[str, float], keep: int) -> list[tuple[str, float]]:
    """The ``keep`` largest entries, largest first; ties go to the larger key (deterministic).

    The same order as ``heapq.nlargest(keep, items.items(), key=lambda kv: (kv[1], kv[0]))``,
    compared in C as ``(value, key)`` tuples instead of through a Python key function.
    """
    if len(items) <= keep:
        return sorted(((k, v) for k, v in items.items()), key=_by_value_key, reverse=True)
    # The keep-th largest value first (floats compare fast), then the (value, key) order of
    # the few entries at or above it: the same result as ranking every (value, key) pair.
    kth = sorted(items.values(), reverse=True)[keep - 1]  # (sorting floats in C beats a heap)
    best = sorted([(v, k) for k, v in items.items() if v > kth], reverse=True)
    # The rest tie at the kth value: the larger keys among them, compared as plain strings.
    tied = sorted([k for k, v in items.items() if v == kth], reverse=True)[: keep - len(best)]
    return [(k, v) for v, k in best] + [(k, kth) for k in tied]


def _by_value_key(kv: tuple[str, float]) -> tuple[float, str]:
    return kv[1], kv[0]


#: ``1 + ln(c)`` for the small integer counts nearly every term has (0 -> 0.0).
_TF_TABLE: tuple[float, ...] = (0.0, *(1.0 + math.log(c) for c in range(1, 256)))


def tf_weight(count: float) -> float:
    """Sub-linear term frequency, ``1 + ln(count)`` (0.0 for a count of 0 or less)."""
    if type(count) is int and 0 <= count < 256:
        return _TF_TABLE[count]
    return 1.0 + math.log(count) if count > 0 else 0.0


def tfidf(counts: Mapping[str, float], freq: DocFreq) -> dict[str, float]:
    """Return the L2-normalised TF-IDF vector of ``counts`` under the current IDF."""
    return unit_length(tfidf_weights(counts, freq))


def tf_weights(counts: Collection[float]) -> list[float]:
    """:func:`tf_weight` of each (positive) count, by table look-up when all are small ints."""
    table = _TF_TABLE
    try:
        return [table[c] for c in counts]  # type: ignore[call-overload]  # (float: TypeError)
    except (TypeError, IndexError):  # a float count, or one past the table
        return [tf_weight(c) for c in counts]


def tfidf_weights(counts: Mapping[str, float], freq: DocFreq) -> dict[str, float]:
    """The TF-IDF weights of ``counts`` before normalisation (keys with a positive count)."""
    df, idf = freq.df, freq.idf_table()
    return {t: tf_weight(c) * idf[df.get(t, 0)] for t, c in counts.items() if c > 0}


def l2_norm(values: list[float]) -> float:
    """Euclidean length of ``values`` (the sum of squares is exactly rounded)."""
    return math.sqrt(math.fsum(map(mul, values, values)))


def unit_length(vec: Mapping[str, float]) -> dict[str, float]:
    """``vec`` scaled to unit L2 length (empty when its norm is 0)."""
    norm = l2_norm(list(vec.values()))
    if norm == 0.0:
        return {}
    return {t: v / norm for t, v in vec.items()}


def cosine(a: Mapping[str, float], b: Mapping[str, float]) -> float:
    """Cosine of two sparse vectors (not assumed normalised), in [0, 1] for non-negative ones."""
    if len(a) > len(b):
        a, b = b, a
    dot = math.fsum(v * b.get(k, 0.0) for k, v in a.items())
    if dot == 0.0:
        return 0.0
    na, nb = l2_norm(list(a.values())), l2_norm(list(b.values()))
    return min(1.0, dot / (na * nb))


def dots(vec: dict[str, float], others: Iterable[Mapping[str, float]]) -> list[float]:
    """``[dot(vec, o) for o in others]``, the packed ones walked in C without a call each."""
    get, zeros = vec.get, repeat(0.0)
    return [
        math.fsum(map(mul, o.vals, map(get, o.keys_, zeros)))
        if isinstance(o, SparseVec)
        else dot(vec, o)
        for o in others
    ]


def dot(a: Mapping[str, float], b: Mapping[str, float]) -> float:
    """Dot product of two sparse vectors (the cosine when both have unit length)."""
    if isinstance(b, SparseVec):  # walk the packed vector, look keys up in the dict
        return b.dot(a)
    if isinstance(a, SparseVec):
        return a.dot(b)
    if len(a) > len(b):
        a, b = b, a
    return math.fsum(v * b[k] for k, v in a.items() if k in b)
