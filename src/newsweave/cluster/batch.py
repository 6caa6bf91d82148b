"""Batch clustering for backfills, and maintenance that merges and splits live stories.

Batch mode scores only candidate pairs found through the inverted index, then runs
average-link agglomerative clustering on that sparse graph (a missing pair counts as 0).
Pairs apply the date rule of online candidate scoring: articles further apart than
``window_days`` are never paired, closer dated pairs pay ``time_penalty`` per window (undated
articles pay nothing). Relinking uses these scores too.
Articles are processed in (date, id) order whatever order they came in, so the result does
not depend on input order; a story's id comes from its earliest member.
"""

from __future__ import annotations

import heapq
from collections.abc import Sequence
from datetime import UTC, datetime

from newsweave.cluster.clusterer import StoryClusterer
from newsweave.cluster.features import ArticleFeatures
from newsweave.cluster.index import LOOKUP_DEPTH, InvertedIndex, both_keys
from newsweave.cluster.params import ClusterParams
from newsweave.cluster.profile import Sketch, StoryProfile, make_sketch
from newsweave.cluster.scoring import (
    PairMemo,
    Prepared,
    features,
    prepare,
    probability_of,
    weight_vector,
)
from newsweave.cluster.tfidf import DocFreq, tfidf_weights
from newsweave.model import stable_id

_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


def canonical(feats: Sequence[ArticleFeatures]) -> list[ArticleFeatures]:
    """Drop repeated ids and sort by (date, id): the order batch work always uses."""
    unique = {f.article_id: f for f in sorted(feats, key=lambda f: f.article_id, reverse=True)}
    return sorted(unique.values(), key=lambda f: (f.date or _EPOCH, f.article_id))


def pair_scores(
    feats: Sequence[ArticleFeatures],
    params: ClusterParams,
    freqs: tuple[DocFreq, DocFreq] | None = None,
) -> dict[tuple[int, int], float]:
    """Symmetric probabilities of candidate article pairs ``(i, j)``, ``i < j``.

    Args:
        feats: the articles.
        params: model weights.
        freqs: ``(terms, names)`` document frequencies of a larger corpus to use; by default
            they are counted over ``feats``.
    """
    return scored_pairs(feats, params, freqs)[0]


Keys = list[tuple[str, float]]


def _gap_windows(a: ArticleFeatures, b: ArticleFeatures, window_days: float) -> float | None:
    """Date gap between two articles, in time windows; ``None`` when either has no date."""
    if a.date is None or b.date is None:
        return None
    return abs((a.date - b.date).total_seconds()) / 86400.0 / window_days


def scored_pairs(
    feats: Sequence[ArticleFeatures],
    params: ClusterParams,
    freqs: tuple[DocFreq, DocFreq] | None = None,
    memo: PairMemo | None = None,
) -> tuple[dict[tuple[int, int], float], list[Sketch], list[Keys]]:
    """:func:`pair_scores`, plus each article's sketch and index keys under ``freqs``.

    A caller that then attaches the articles under the same frequencies (relinking) passes
    these to :meth:`StoryClusterer.attach` instead of computing them a second time. With a
    ``memo`` (and ``freqs``), articles and pairs scored by earlier calls are reused while the
    IDF stays in the memo's bucket.
    """
    if freqs is None:
        terms, names = DocFreq(), DocFreq()
        for f in feats:
            terms.add(f.terms)
            names.add(f.entities)
        memo = None
    else:
        terms, names = freqs
    if memo is not None:
        memo.refresh(terms, names)
    prepared = [prepare_article(f, terms, names, memo) for f in feats]
    weights = weight_vector(params.weights)
    out: dict[tuple[int, int], float] = {}
    for a, b, bias in candidate_pairs(
        feats, [p.looked for p in prepared], [p.indexed for p in prepared], params
    ):
        key = (feats[a].article_id, feats[b].article_id)
        known = memo.pair(key) if memo is not None else None
        if known is None:
            known = pair_probability(prepared[a], prepared[b], terms, names, weights, bias)
            if memo is not None:
                memo.keep_pair(key, known)
        out[(a, b)] = known
    return out, [p.sketch for p in prepared], [p.indexed for p in prepared]


def candidate_pairs(
    feats: Sequence[ArticleFeatures],
    looked: Sequence[Keys],
    indexed: Sequence[Keys],
    params: ClusterParams,
) -> list[tuple[int, int, float]]:
    """Candidate pairs ``(i, j, bias)``, ``i < j``, found through an inverted index of keys.

    Each article looks up its ``looked`` keys among every article's ``indexed`` keys; pairs
    further apart than the time window are dropped, closer dated pairs get the bias lowered
    by the time penalty. Pairs come in the order the look-ups find them.
    """
    index = InvertedIndex()
    for i, keys in enumerate(indexed):
        index.add((k for k, _ in keys), str(i))
    seen: set[tuple[int, int]] = set()
    out: list[tuple[int, int, float]] = []
    for i in range(len(feats)):
        for cand in index.candidates(looked[i], 2 * params.max_candidates, term_depth=LOOKUP_DEPTH):
            a, b = sorted((i, int(cand)))
            if a == b or (a, b) in seen:
                continue
            seen.add((a, b))
            gap = _gap_windows(feats[a], feats[b], params.window_days)
            if gap is not None and gap > 1.0:
                continue  # further apart than the time window: never one story (as online)
            out.append((a, b, params.bias - (0.0 if gap is None else params.time_penalty * gap)))
    return out


def pair_probability(
    a: Prepared,
    b: Prepared,
    terms: DocFreq,
    names: DocFreq,
    weights: tuple[float, ...],
    bias: float,
) -> float:
    """Symmetric probability that two prepared articles tell one story."""
    return (
        probability_of(features(a.probe, b.single, terms, names), weights, bias)
        + probability_of(features(b.probe, a.single, terms, names), weights, bias)
    ) / 2


def prepare_article(
    f: ArticleFeatures, terms: DocFreq, names: DocFreq, memo: PairMemo | None = None
) -> Prepared:
    """An article's sketch, keys, one-article story and probe (from ``memo`` when kept)."""
    known = memo.article(f.article_id) if memo is not None else None
    if known is not None:
        return known
    weights = tfidf_weights(f.terms, terms)
    sketch = make_sketch(f, terms, names, weights)
    looked, indexed = both_keys(f, terms, names, weights)
    single = StoryProfile(id=f.article_id)
    single.add(f, sketch)
    out = Prepared(sketch, looked, indexed, single, prepare(sketch, terms, names))
    if memo is not None:
        memo.keep_article(f.article_id, out)
    return out


def average_link(n: int, scores: dict[tuple[int, int], float], threshold: float) -> list[int]:
    """Average-link agglomeration over a sparse similarity graph; returns a label per item.

    Clusters merge while some pair's mean similarity (missing pairs = 0) exceeds
    ``threshold``; ties break on the smaller ids, so the result is deterministic.
    """
    size = {i: 1 for i in range(n)}
    links: dict[int, dict[int, float]] = {i: {} for i in range(n)}
    for (a, b), s in scores.items():
        links[a][b] = links[a].get(b, 0.0) + s
        links[b][a] = links[b].get(a, 0.0) + s
    heap = [(-s, a, b) for (a, b), s in scores.items() if s > threshold]
    heapq.heapify(heap)
    parent = list(range(n))
    while heap:
        neg, a, b = heapq.heappop(heap)
        if a not in size or b not in size:
            continue
        current = links[a].get(b, 0.0) / (size[a] * size[b])
        if abs(current + neg) > 1e-12:
            continue  # stale entry; the fresh one is in the heap
        for c, w in links.pop(b).items():
            links[c].pop(b, None)
            if c != a:
                links[a][c] = links[a].get(c, 0.0) + w
                links[c][a] = links[a][c]
        links[a].pop(b, None)
        size[a] += size.pop(b)
        parent[b] = a
        for c, w in links[a].items():
            avg = w / (size[a] * size[c])
            if avg > threshold:
                heapq.heappush(heap, (-avg, min(a, c), max(a, c)))
    return [_root(parent, i) for i in range(n)]


def _root(parent: list[int], i: int) -> int:
    while parent[i] != i:
        i = parent[i]
    return i


def cluster_batch(feats: Sequence[ArticleFeatures], params: ClusterParams) -> StoryClusterer:
    """Cluster a whole collection at once; returns a clusterer ready to go on online.

    Every story id is ``stable_id("st", earliest member id)``, the id an online run would
    have given it had that article arrived first.
    """
    ordered = canonical(feats)
    labels = average_link(len(ordered), pair_scores(ordered, params), params.batch_threshold)
    clu = StoryClusterer(params)
    for f in ordered:
        clu.terms.add(f.terms)
        clu.names.add(f.entities)
    founders: dict[int, str] = {}
    for f, label in zip(ordered, labels, strict=True):
        sid = founders.setdefault(label, stable_id("st", f.article_id))
        clu.attach(f, sid)
    return clu
