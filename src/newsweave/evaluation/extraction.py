r"""Main-text extraction scores of the Article Extraction Benchmark (AEB).

A fresh implementation of the metric the benchmark's README describes:

* tokens are the matches of the regex ``\w+``;
* each page becomes a multiset of word 4-gram shingles, for truth and prediction;
* per page, TP / FP / FN are the overlapping, surplus and missing shingle counts, normalised
  so they sum to one;
* precision and recall are computed per page and averaged over pages; F1 is the harmonic mean
  of the two averages;
* accuracy is the share of pages whose token sequence equals the truth exactly;
* the standard error of F1 comes from a seeded bootstrap over pages (1,000 resamples).

``bench/quality/aeb.py`` runs the reader over the benchmark's pages and scores them with this.
"""

from __future__ import annotations

import random
import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

SHINGLE = 4
BOOTSTRAP_SAMPLES = 1000
BOOTSTRAP_SEED = 42
_TOKEN = re.compile(r"\w+")


@dataclass(frozen=True, slots=True, kw_only=True)
class AebScore:
    """Benchmark figures for one system.

    Attributes:
        f1: harmonic mean of the page-averaged precision and recall.
        precision: mean per-page shingle precision.
        recall: mean per-page shingle recall.
        accuracy: share of pages whose token sequence matches the truth exactly.
        f1_stderr: bootstrap standard error of ``f1``.
        pages: number of pages scored.
    """

    f1: float
    precision: float
    recall: float
    accuracy: float
    f1_stderr: float
    pages: int


def tokenize(text: str) -> list[str]:
    r"""Split text into ``\w+`` tokens."""
    return _TOKEN.findall(text)


def shingles(tokens: Sequence[str], n: int = SHINGLE) -> Counter[tuple[str, ...]]:
    """Count the word n-grams of a token sequence.

    A sequence shorter than ``n`` (but not empty) yields one shorter shingle, so that short
    texts still count.
    """
    if not tokens:
        return Counter()
    last = max(1, len(tokens) - n + 1)
    return Counter(tuple(tokens[i : i + n]) for i in range(last))


def page_counts(pred: str, true: str) -> tuple[float, float, float]:
    """Return the normalised (TP, FP, FN) shingle shares of one page."""
    p, t = shingles(tokenize(pred)), shingles(tokenize(true))
    tp = sum(min(c, t[k]) for k, c in p.items())
    fp = sum(max(0, c - t[k]) for k, c in p.items())
    fn = sum(max(0, c - p[k]) for k, c in t.items())
    total = tp + fp + fn
    if total == 0:
        return 0.0, 0.0, 0.0
    return tp / total, fp / total, fn / total


def page_precision_recall(tp: float, fp: float, fn: float) -> tuple[float, float]:
    """Precision and recall of one page, with the benchmark's edge cases.

    Both are 1 when nothing is wrong (``fp == fn == 0``, which includes two empty texts);
    precision is 0 when nothing was predicted, recall is 0 when nothing matched the truth.
    """
    if fp == 0 and fn == 0:
        return 1.0, 1.0
    precision = 0.0 if tp == 0 and fp == 0 else tp / (tp + fp)
    recall = 0.0 if tp == 0 and fn == 0 else tp / (tp + fn)
    return precision, recall


def _f1(precision: float, recall: float) -> float:
    """Harmonic mean of two numbers (0 when both are 0)."""
    if precision + recall == 0:
        return 0.0
    return 2 * precision * recall / (precision + recall)


def _f1_of(rows: Sequence[tuple[float, float]]) -> float:
    """F1 of the page-averaged precision and recall of ``rows``."""
    n = len(rows)
    return _f1(sum(r[0] for r in rows) / n, sum(r[1] for r in rows) / n)


def _bootstrap_stderr(rows: Sequence[tuple[float, float]], samples: int, seed: int) -> float:
    """Standard deviation of F1 over page resamples drawn with replacement."""
    rng = random.Random(seed)
    n = len(rows)
    values = [_f1_of([rows[rng.randrange(n)] for _ in range(n)]) for _ in range(samples)]
    mean = sum(values) / samples
    return float((sum((v - mean) ** 2 for v in values) / samples) ** 0.5)


def score(
    predictions: Mapping[str, str],
    truth: Mapping[str, str],
    *,
    samples: int = BOOTSTRAP_SAMPLES,
    seed: int = BOOTSTRAP_SEED,
) -> AebScore:
    """Score predicted article texts against the truth.

    Args:
        predictions: page id -> predicted text; a missing page counts as an empty prediction.
        truth: page id -> true article text; defines the pages scored.
        samples: bootstrap resamples for the standard error.
        seed: bootstrap random seed.

    Returns:
        The benchmark figures.

    Raises:
        ValueError: when ``truth`` is empty.
    """
    if not truth:
        raise ValueError("no truth pages to score")
    rows: list[tuple[float, float]] = []
    exact = 0
    for key, true in truth.items():
        pred = predictions.get(key, "")
        rows.append(page_precision_recall(*page_counts(pred, true)))
        exact += tokenize(pred) == tokenize(true)
    n = len(rows)
    precision = sum(r[0] for r in rows) / n
    recall = sum(r[1] for r in rows) / n
    return AebScore(
        f1=_f1(precision, recall),
        precision=precision,
        recall=recall,
        accuracy=exact / n,
        f1_stderr=_bootstrap_stderr(rows, samples, seed),
        pages=n,
    )
