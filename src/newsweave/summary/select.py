"""Choosing a summary's sentences: centrality, support by independent sources, no repeats.

Each usable sentence is scored by how central it is (cosine to the story's centroid, where
every independent source weighs the same however many articles it has), how many independent
sources state the facts it carries, and how early it stands in its article. Sentences are
then taken greedily by maximal marginal relevance: a sentence too close to one already taken
(by embedding; by content words, when half of the shorter one's are in the other; or stating
a fact already stated) is never taken. The best sentence opens the summary (the main event);
the others follow in the order the events were reported (their articles' publication times),
then in order of first appearance. The dates a sentence names do not order it: "recalled cars
built from 2023 to 2025" is today's news, not 2023's.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date

import numpy as np

from newsweave.backends.embed.base import FloatMatrix
from newsweave.dedup.align import content_words
from newsweave.model import Comparison, Fact
from newsweave.summary.candidates import Candidate, words


@dataclass(frozen=True, slots=True, kw_only=True)
class SelectParams:
    """Weights of the sentence score and the redundancy limits.

    Chosen on the summary dev set by ``bench/quality/tune_summary.py`` (never on its test
    set). On that run (2026-12-07, 10 dev stories, summaries cut to 80 words) the best setting
    had ``support=0.0`` (ROUGE-2 0.4436); ``support=0.3`` scored 0.4404 and is kept, so that a
    sentence stated by more independent sources wins among otherwise equal ones, which the dev
    stories (2-3 sources each) can hardly show. Lead baseline of the same run: 0.4377.

    Attributes:
        centrality: weight of the cosine to the story's centroid.
        support: weight of the share of independent sources stating the sentence's facts.
        position: weight of ``1 / (1 + index)`` in its article.
        primary: bonus of the sentences of the first report (earliest article).
        redundancy: penalty per unit of cosine to the closest sentence already taken.
        max_cosine: a sentence closer than this to one taken is never taken.
        max_overlap: nor one sharing this share of its content words with one taken.
    """

    centrality: float = 1.0
    support: float = 0.3
    position: float = 0.3
    primary: float = 0.6
    redundancy: float = 0.6
    max_cosine: float = 0.8
    max_overlap: float = 0.5


@dataclass(frozen=True, slots=True, kw_only=True)
class Chosen:
    """A chosen sentence with the articles and independent sources behind it."""

    candidate: Candidate
    citations: tuple[str, ...]
    sources: int


def centroid_scores(vectors: FloatMatrix, weights: Sequence[float] | None = None) -> FloatMatrix:
    """Cosine of each row to the (weighted) centroid of all rows."""
    if len(vectors) == 0:
        return np.zeros(0, dtype=np.float32)
    w = np.ones(len(vectors)) if weights is None else np.asarray(weights, dtype=np.float64)
    centre = (vectors * w[:, None]).sum(axis=0)
    norm = float(np.linalg.norm(centre))
    if norm == 0.0:
        return np.zeros(len(vectors), dtype=np.float32)
    return np.asarray(vectors @ (centre / norm), dtype=np.float32)


def select(
    cands: Sequence[Candidate],
    vectors: FloatMatrix,
    comparison: Comparison | None,
    source_of: Mapping[str, str],
    *,
    origin_of: Mapping[str, str],
    sentences: int,
    max_words: int | None = None,
    params: SelectParams = SelectParams(),
) -> list[Chosen]:
    """Pick up to ``sentences`` sentences (and at most ``max_words`` words), in reading order."""
    usable = [i for i, c in enumerate(cands) if not c.usable]
    if not usable:
        return []
    per_source: dict[str, int] = {}
    for i in usable:
        key = source_of.get(cands[i].article, cands[i].article)
        per_source[key] = per_source.get(key, 0) + 1
    weights = [1.0 / per_source[source_of.get(cands[i].article, cands[i].article)] for i in usable]
    vecs = vectors[usable]
    central = centroid_scores(vecs, weights)
    facts = {f.id: f for f in comparison.facts} if comparison else {}
    n_sources = max(1, len(comparison.sources) if comparison else 1)
    support = np.array([_support(cands[i], facts) / n_sources for i in usable])
    position = np.array([1.0 / (1.0 + cands[i].index) for i in usable])
    lead_article = _primary(cands, usable)
    primary = np.array([float(cands[i].article == lead_article) for i in usable])
    score = (
        params.centrality * central
        + params.support * support
        + params.position * position
        + params.primary * primary
    )
    taken: list[int] = []
    budget = max_words
    stated: set[str] = set()
    bags = [content_words(cands[i].text) for i in usable]
    lengths = [len(words(cands[i].text)) for i in usable]
    while len(taken) < sentences:
        best, best_value = -1, -np.inf
        for j in range(len(usable)):
            if j in taken or cands[usable[j]].facts & stated:
                continue
            if _repeats(j, taken, vecs, bags, params):
                continue
            if budget is not None and lengths[j] > budget and taken:
                continue
            closest = max((float(vecs[j] @ vecs[t]) for t in taken), default=0.0)
            value = float(score[j]) - params.redundancy * max(0.0, closest)
            if value > best_value:
                best, best_value = j, value
        if best < 0:
            break
        taken.append(best)
        stated |= cands[usable[best]].facts
        if budget is not None:
            budget -= lengths[best]
            if budget <= 0:
                break
    chosen = [cands[usable[j]] for j in taken]
    ordered = chosen[:1] + sorted(chosen[1:], key=_reading_order(cands))
    return [_cite(c, facts, source_of, origin_of) for c in ordered]


def _primary(cands: Sequence[Candidate], usable: Sequence[int]) -> str:
    """The first report: the earliest article (by publication day, then arrival order)."""
    first: dict[str, tuple[date, int]] = {}
    for i in usable:
        first.setdefault(cands[i].article, (cands[i].published or date.max, i))
    return min(first, key=lambda a: first[a])


def _support(cand: Candidate, facts: Mapping[str, Fact]) -> int:
    return max((len(facts[f].sources) for f in cand.facts if f in facts), default=1)


def _repeats(
    j: int,
    taken: Sequence[int],
    vecs: FloatMatrix,
    bags: Sequence[frozenset[str]],
    p: SelectParams,
) -> bool:
    for t in taken:
        if float(vecs[j] @ vecs[t]) > p.max_cosine:
            return True
        smaller = min(len(bags[j]), len(bags[t])) or 1
        if len(bags[j] & bags[t]) / smaller >= p.max_overlap:
            return True
    return False


def _reading_order(cands: Sequence[Candidate]) -> Callable[[Candidate], tuple[date, int, int]]:
    first_seen: dict[str, int] = {}
    for pos, c in enumerate(cands):
        first_seen.setdefault(c.article, pos)

    def key(c: Candidate) -> tuple[date, int, int]:
        return (c.published or date.max, first_seen[c.article], c.index)

    return key


def _cite(
    cand: Candidate,
    facts: Mapping[str, Fact],
    source_of: Mapping[str, str],
    origin_of: Mapping[str, str],
) -> Chosen:
    cited = [cand.article]
    for fact_id in sorted(cand.facts):
        for claim in facts[fact_id].claims if fact_id in facts else ():
            article = origin_of.get(claim.article, claim.article)
            if article not in cited:
                cited.append(article)
    return Chosen(
        candidate=cand,
        citations=tuple(cited),
        sources=len({source_of.get(a, a) for a in cited}),
    )
