"""Batch clustering with its per-article and per-pair work spread over an executor's workers.

The clustering of :func:`~newsweave.cluster.batch.cluster_batch`, cut into independent work
units that :meth:`Context.map_work <newsweave.pipeline.Context.map_work>` sends to workers:

1. workers, over consecutive blocks of the articles in (date, id) order: each article's
   sketch and index keys under the document frequencies of the whole input;
2. driver: an inverted index of those keys gives the candidate pairs
   (:func:`~newsweave.cluster.batch.candidate_pairs`: never all pairs), within the time window;
3. workers, over the candidate pairs grouped by the block of their earlier article (nearby
   articles share neighbours, so each unit carries few articles besides its own block): the
   pair probabilities;
4. driver: average link over the sparse graph of pairs, then the clusterer is built from the
   sketches and keys of step 1.

Each step computes what :func:`~newsweave.cluster.batch.cluster_batch` computes, with the same
functions on the same inputs, and the pairs are put back in the order a single pass finds
them: the stories are the same, whatever the executor and the number of workers.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

from newsweave.cluster.batch import (
    Keys,
    average_link,
    candidate_pairs,
    canonical,
    pair_probability,
    prepare_article,
)
from newsweave.cluster.clusterer import StoryClusterer
from newsweave.cluster.features import ArticleFeatures
from newsweave.cluster.params import ClusterParams
from newsweave.cluster.profile import Sketch, StoryProfile
from newsweave.cluster.scoring import Prepared, prepare, weight_vector
from newsweave.cluster.tfidf import DocFreq
from newsweave.model import stable_id

T = TypeVar("T")
R = TypeVar("R")

#: Articles per work unit: big enough that a unit's work dwarfs sending it, small enough
#: that a backfill of a few thousand articles already makes several units per worker.
BLOCK = 1000

Freqs = tuple[DocFreq, DocFreq]
#: Runs the workers a factory builds over work units, results in order (``Context.map_work``).
MapWork = Callable[[Callable[[], Callable[[Any], Any]], Sequence[Any]], Iterable[Any]]


@dataclass(frozen=True, slots=True)
class PairUnit:
    """Candidate pairs to score and the articles (features and sketches) they refer to."""

    feats: tuple[ArticleFeatures, ...]
    sketches: tuple[Sketch, ...]
    pairs: tuple[tuple[int, int, float], ...]  # (position, position, bias) in ``feats``


class _Sketcher:
    """Step 1: sketches and keys of a block of articles (pure)."""

    def __init__(self, freqs: Freqs) -> None:
        self.freqs = freqs

    def __call__(self, block: tuple[ArticleFeatures, ...]) -> list[tuple[Sketch, Keys, Keys]]:
        terms, names = self.freqs
        out = []
        for f in block:
            p = prepare_article(f, terms, names)
            out.append((p.sketch, p.looked, p.indexed))
        return out


class _PairScorer:
    """Step 3: probabilities of a unit's candidate pairs (pure)."""

    def __init__(self, params: ClusterParams, freqs: Freqs) -> None:
        self.weights = weight_vector(params.weights)
        self.freqs = freqs

    def __call__(self, unit: PairUnit) -> list[float]:
        terms, names = self.freqs
        ready: dict[int, Prepared] = {}

        def get(i: int) -> Prepared:
            if i not in ready:  # as prepare_article builds it, from the sketch of step 1
                f, sketch = unit.feats[i], unit.sketches[i]
                single = StoryProfile(id=f.article_id)
                single.add(f, sketch)
                ready[i] = Prepared(sketch, [], [], single, prepare(sketch, terms, names))
            return ready[i]

        return [
            pair_probability(get(a), get(b), terms, names, self.weights, bias)
            for a, b, bias in unit.pairs
        ]


@dataclass(frozen=True, slots=True)
class _SketcherFactory:
    freqs: Freqs

    def __call__(self) -> _Sketcher:
        return _Sketcher(self.freqs)


@dataclass(frozen=True, slots=True)
class _PairScorerFactory:
    params: ClusterParams
    freqs: Freqs

    def __call__(self) -> _PairScorer:
        return _PairScorer(self.params, self.freqs)


def _here(factory: Callable[[], Callable[[T], R]], items: Sequence[T]) -> Iterator[R]:
    worker = factory()
    return (worker(item) for item in items)


def pair_units(
    pairs: Sequence[tuple[int, int, float]],
    feats: Sequence[ArticleFeatures],
    sketches: Sequence[Sketch],
    block: int,
) -> tuple[list[PairUnit], list[list[int]]]:
    """Group pairs by the block of their earlier article; also each unit's pair numbers."""
    numbers: dict[int, list[int]] = {}
    for n, (a, _, _) in enumerate(pairs):
        numbers.setdefault(a // block, []).append(n)
    units, order = [], []
    for chosen in numbers.values():
        needed = sorted({i for n in chosen for i in pairs[n][:2]})
        local = {i: k for k, i in enumerate(needed)}
        units.append(
            PairUnit(
                feats=tuple(feats[i] for i in needed),
                sketches=tuple(sketches[i] for i in needed),
                pairs=tuple((local[pairs[n][0]], local[pairs[n][1]], pairs[n][2]) for n in chosen),
            )
        )
        order.append(chosen)
    return units, order


def cluster_parallel(
    feats: Sequence[ArticleFeatures],
    params: ClusterParams,
    map_work: MapWork | None = None,
    *,
    block: int | None = None,
) -> StoryClusterer:
    """:func:`~newsweave.cluster.batch.cluster_batch`, with its work units run by ``map_work``.

    Without ``map_work`` the units run here, one after another (the same result). ``block``
    is the articles per unit (default :data:`BLOCK`).
    """
    run: MapWork = map_work or _here
    block = block or BLOCK
    ordered = canonical(feats)
    clu = StoryClusterer(params)
    for f in ordered:
        clu.terms.add(f.terms)
        clu.names.add(f.entities)
    freqs = (clu.terms, clu.names)
    blocks = [tuple(ordered[i : i + block]) for i in range(0, len(ordered), block)]
    made = [row for part in run(_SketcherFactory(freqs), blocks) for row in part]
    sketches = [m[0] for m in made]
    indexed = [m[2] for m in made]
    pairs = candidate_pairs(ordered, [m[1] for m in made], indexed, params)
    units, order = pair_units(pairs, ordered, sketches, block)
    values = [0.0] * len(pairs)
    for chosen, got in zip(order, run(_PairScorerFactory(params, freqs), units), strict=True):
        for n, value in zip(chosen, got, strict=True):
            values[n] = value
    scores = {(a, b): v for (a, b, _), v in zip(pairs, values, strict=True)}
    labels = average_link(len(ordered), scores, params.batch_threshold)
    founders: dict[int, str] = {}
    for i, (f, label) in enumerate(zip(ordered, labels, strict=True)):
        sid = founders.setdefault(label, stable_id("st", f.article_id))
        clu.attach(f, sid, sketches[i], indexed[i])
    return clu
