"""Rewrite detection: one-to-one, in-order alignment of the sentences of two articles.

Sentences are scored pairwise by a pluggable scorer (a function from two sentence lists to a
score matrix in [0, 1]). The default, :func:`lexical_scorer`, is a logistic combination of word
Jaccard, word containment, character 4-gram Dice and length ratio, fit on the MSRP training
split. :func:`blended_scorer` mixes it with cosine similarity of sentence embeddings from any
embedder returning L2-normalised vectors. A monotone dynamic programme then picks the best
one-to-one, order-preserving set of sentence pairs above a minimum score.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import numpy.typing as npt

from newsweave.text.shingles import words

F64 = npt.NDArray[np.float64]
I64 = npt.NDArray[np.int64]
Scorer = Callable[[Sequence[str], Sequence[str]], F64]
Embedder = Callable[[Sequence[str]], npt.NDArray[np.floating]]

# Logistic weights of (word Jaccard, word containment, char 4-gram Dice, length ratio) and bias,
# fit on MSRP train (4,076 pairs) by bench/quality/msrp.py; MSRP test: acc 0.719, F1 0.809.
LEXICAL_WEIGHTS = (7.62, -3.48, 2.06, -0.15)
LEXICAL_BIAS = -1.49

_STOP_WORDS = (
    "a an the and or but of to in on at by for with from as into about over after before "
    "than that this these those it its is are was were be been being has have had do does "
    "did will would can could should may might must he she they we you i his her their our "
    "your them him us me my who whom which what when where why how not no so if then there "
    "here also just"
)
STOP_WORDS = frozenset(_STOP_WORDS.split())
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"'\u201d\u2019)]*\s+(?=[\"'\u201c\u2018(]*[A-Z0-9])")
_ABBREVIATIONS = re.compile(
    r"(?:\b(?:Mr|Mrs|Ms|Dr|Prof|Sen|Rep|Gov|Gen|Lt|Col|Sgt|St|Jr|Sr|Inc|Co|Corp|Ltd|No|vs|"
    r"Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)|\b[A-Z])\.$"
)


def split_sentences(text: str) -> list[str]:
    """Split ``text`` into sentences: at line breaks, then after ``.!?`` before a capital."""
    sentences: list[str] = []
    for line in text.splitlines():
        pending = ""
        for piece in _SENTENCE_END.split(line.strip()):
            pending = f"{pending} {piece}" if pending else piece
            if not _ABBREVIATIONS.search(pending):
                sentences.append(pending)
                pending = ""
        if pending:
            sentences.append(pending)
    return [s for s in sentences if s.strip()]


def content_words(sentence: str) -> frozenset[str]:
    """Return the words of ``sentence`` minus function words (all words if none are left)."""
    tokens = words(sentence)
    content = frozenset(t for t in tokens if t not in STOP_WORDS)
    return content or frozenset(tokens)


def _char_grams(sentence: str, size: int = 4) -> frozenset[str]:
    """Return the character ``size``-grams of the folded sentence with spaces squeezed out."""
    squeezed = "".join(words(sentence))
    if len(squeezed) <= size:
        return frozenset([squeezed]) if squeezed else frozenset()
    return frozenset(squeezed[i : i + size] for i in range(len(squeezed) - size + 1))


@lru_cache(maxsize=16384)
def _items(sentence: str) -> tuple[I64, I64]:
    """Hashes of a sentence's content words and of its character 4-grams, each distinct.

    Cached: an article's sentences meet many candidates, and a stored article's many articles.
    Python's string hash is salted per process, which is fine for sets compared in-process.
    """
    words_ = np.fromiter((hash(w) for w in content_words(sentence)), dtype=np.int64)
    grams = np.fromiter((hash(g) for g in _char_grams(sentence)), dtype=np.int64)
    return words_, grams


def _overlap(a: Sequence[I64], b: Sequence[I64]) -> tuple[F64, F64, F64]:
    """Intersection sizes (n x m) of two lists of distinct-item arrays, and the set sizes.

    Only items found on both sides become matrix columns, so unrelated texts cost little.
    """
    size_a = np.array([len(x) for x in a], dtype=np.int64)
    size_b = np.array([len(x) for x in b], dtype=np.int64)
    empty = np.zeros(0, dtype=np.int64)
    flat_a, flat_b = np.concatenate([*a, empty]), np.concatenate([*b, empty])
    shared = np.intersect1d(flat_a, flat_b)
    mats = []
    for sizes, flat in ((size_a, flat_a), (size_b, flat_b)):
        rows = np.repeat(np.arange(len(sizes)), sizes)
        pos = np.searchsorted(shared, flat)
        hit = pos < len(shared)
        hit[hit] = shared[pos[hit]] == flat[hit]
        mat = np.zeros((len(sizes), max(1, len(shared))), dtype=np.float32)
        mat[rows[hit], pos[hit]] = 1.0
        mats.append(mat)
    inter = (mats[0] @ mats[1].T).astype(np.float64)
    return inter, size_a.astype(np.float64), size_b.astype(np.float64)


def lexical_features(a: Sequence[str], b: Sequence[str]) -> npt.NDArray[np.float64]:
    """Return the lexical features of every sentence pair, shape ``(len(a), len(b), 4)``."""
    items_a, items_b = [_items(s) for s in a], [_items(s) for s in b]
    inter, size_a, size_b = _overlap([x[0] for x in items_a], [x[0] for x in items_b])
    union = size_a[:, None] + size_b[None, :] - inter
    smaller = np.minimum(size_a[:, None], size_b[None, :])
    larger = np.maximum(size_a[:, None], size_b[None, :])
    jac = np.divide(inter, union, out=np.zeros_like(inter), where=union > 0)
    cont = np.divide(inter, smaller, out=np.zeros_like(inter), where=smaller > 0)
    ratio = np.divide(smaller, larger, out=np.zeros_like(inter), where=larger > 0)
    cinter, csize_a, csize_b = _overlap([x[1] for x in items_a], [x[1] for x in items_b])
    total = csize_a[:, None] + csize_b[None, :]
    dice = np.divide(2.0 * cinter, total, out=np.zeros_like(cinter), where=total > 0)
    return np.stack([jac, cont, dice, ratio], axis=-1)


def lexical_scorer(a: Sequence[str], b: Sequence[str]) -> F64:
    """Return a lexical paraphrase score in (0, 1) for every sentence pair of ``a`` x ``b``."""
    if not a or not b:
        return np.zeros((len(a), len(b)), dtype=np.float64)
    logits = lexical_features(a, b) @ np.asarray(LEXICAL_WEIGHTS) + LEXICAL_BIAS
    result: F64 = 1.0 / (1.0 + np.exp(-logits))
    return result


def blended_scorer(embed: Embedder, weight: float = 0.5) -> Scorer:
    """Return a scorer mixing :func:`lexical_scorer` with embedding cosine similarity.

    Args:
        embed: maps sentences to L2-normalised vectors, one row per sentence.
        weight: share of the embedding cosine (clipped to [0, 1]) in the score.
    """

    def score(a: Sequence[str], b: Sequence[str]) -> F64:
        lexical = lexical_scorer(a, b)
        if not a or not b:
            return lexical
        cosine = np.clip(np.asarray(embed(a)) @ np.asarray(embed(b)).T, 0.0, 1.0)
        mixed: F64 = (1.0 - weight) * lexical + weight * cosine.astype(np.float64)
        return mixed

    return score


@dataclass(frozen=True, slots=True, kw_only=True)
class Alignment:
    """The in-order sentence alignment of two articles.

    Attributes:
        pairs: ``(i, j, score)``: sentence ``i`` of the first article matches ``j`` of the second.
        coverage_a: share of the first article's words in aligned (or split-off) sentences.
        coverage_b: the same for the second article.
        sentences_a: the first article's sentences.
        sentences_b: the second article's sentences.
    """

    pairs: tuple[tuple[int, int, float], ...]
    coverage_a: float
    coverage_b: float
    sentences_a: tuple[str, ...]
    sentences_b: tuple[str, ...]

    def evidence(self, limit: int = 10) -> tuple[tuple[str, str], ...]:
        """Return up to ``limit`` aligned sentence pairs whose texts differ, weakest first."""
        changed = [p for p in self.pairs if self.sentences_a[p[0]] != self.sentences_b[p[1]]]
        changed.sort(key=lambda p: p[2])
        return tuple((self.sentences_a[i], self.sentences_b[j]) for i, j, _ in changed[:limit])


def monotone_matching(scores: F64, min_score: float) -> list[tuple[int, int]]:
    """Return the one-to-one, order-preserving pairs maximising the summed score.

    Only pairs scoring at least ``min_score`` may be matched. Runs in O(n * m), one vectorised
    row at a time: ``best[i, j]`` is the running maximum of ``max(best[i-1, j], best[i-1, j-1] +
    gain[i-1, j-1])`` along the row.
    """
    n, m = scores.shape
    gain = np.where(scores >= min_score, scores, -np.inf)
    best = np.zeros((n + 1, m + 1), dtype=np.float64)
    for i in range(1, n + 1):
        candidate = best[i - 1].copy()
        np.maximum(candidate[1:], best[i - 1, :-1] + gain[i - 1], out=candidate[1:])
        best[i] = np.maximum.accumulate(candidate)
    pairs: list[tuple[int, int]] = []
    i, j = n, m
    while i > 0 and j > 0:
        if best[i, j] == best[i - 1, j]:
            i -= 1
        elif best[i, j] == best[i, j - 1]:
            j -= 1
        else:
            pairs.append((i - 1, j - 1))
            i, j = i - 1, j - 1
    return pairs[::-1]


def _coverage(sentences: Sequence[str], aligned: dict[int, str], split_share: float) -> float:
    """Return the share of words in aligned sentences or in pieces split off an aligned partner.

    A sentence that is not aligned still counts when at least ``split_share`` of its content
    words occur in the partner of an aligned neighbour: it was split off that sentence, or
    merged into it.
    """
    sizes = [len(words(s)) for s in sentences]
    covered = 0
    for k, sentence in enumerate(sentences):
        if k in aligned:
            covered += sizes[k]
            continue
        mine = content_words(sentence)
        for near in (k - 1, k + 1):
            partner = aligned.get(near)
            if partner is not None and len(mine & content_words(partner)) >= split_share * len(
                mine
            ):
                covered += sizes[k]
                break
    total = sum(sizes)
    return covered / total if total else 0.0


def align(
    a: Sequence[str],
    b: Sequence[str],
    scorer: Scorer = lexical_scorer,
    min_score: float = 0.5,
    split_share: float = 0.8,
) -> Alignment:
    """Align two articles' sentences one to one and in order.

    Args:
        a: sentences of the first article.
        b: sentences of the second article.
        scorer: sentence-pair similarity, a matrix in [0, 1].
        min_score: lowest score of an aligned pair.
        split_share: share of an unaligned sentence's content words that must occur in an
            aligned neighbour's partner for it to count as covered (split or merged sentences).

    Returns:
        The aligned pairs and the coverage of each side.
    """
    if not a or not b:
        return Alignment(
            pairs=(), coverage_a=0.0, coverage_b=0.0, sentences_a=tuple(a), sentences_b=tuple(b)
        )
    scores = scorer(a, b)
    matched = monotone_matching(scores, min_score)
    to_b = {i: b[j] for i, j in matched}
    to_a = {j: a[i] for i, j in matched}
    return Alignment(
        pairs=tuple((i, j, float(scores[i, j])) for i, j in matched),
        coverage_a=_coverage(a, to_b, split_share),
        coverage_b=_coverage(b, to_a, split_share),
        sentences_a=tuple(a),
        sentences_b=tuple(b),
    )


@dataclass(frozen=True, slots=True, kw_only=True)
class RewriteRule:
    """When an alignment makes two articles a rewrite of one another.

    Attributes:
        min_pairs: fewest aligned sentence pairs.
        min_coverage: coverage the better-covered side must reach.
        min_other: coverage the other side must reach.
    """

    min_pairs: int = 3
    min_coverage: float = 0.7
    min_other: float = 0.4

    def accepts(self, alignment: Alignment) -> bool:
        """Return whether ``alignment`` shows a rewrite."""
        high = max(alignment.coverage_a, alignment.coverage_b)
        low = min(alignment.coverage_a, alignment.coverage_b)
        return (
            len(alignment.pairs) >= self.min_pairs
            and high >= self.min_coverage
            and low >= self.min_other
        )


__all__ = [
    "STOP_WORDS",
    "Alignment",
    "Embedder",
    "RewriteRule",
    "Scorer",
    "align",
    "blended_scorer",
    "content_words",
    "lexical_features",
    "lexical_scorer",
    "monotone_matching",
    "split_sentences",
]
