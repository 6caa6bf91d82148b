"""Aligning the claim units of a story's articles into facts.

Candidates are blocked by shared keys (content lemmas, names, years, numbers) through an
inverted index, weighted by rarity within the story: each unit meets at most
:data:`MAX_CANDIDATES` units of other articles, so the cost grows with the story's size, not
with its square. The pair scorer decides which candidates state the same fact; facts are the
connected groups of aligned units.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import combinations

import numpy as np
import numpy.typing as npt

from newsweave.backends.embed.base import FloatMatrix
from newsweave.claims.scorer import PairScorer
from newsweave.claims.units import ClaimUnit

#: Candidates scored per unit. Set on the examples' and the conflict set's stories (not on a
#: benchmark's test split); a larger value finds no more aligned pairs there.
MAX_CANDIDATES = 8
#: Key support from which two claims state the same fact (see :func:`align`). Chosen a priori
#: (half the rarity-weighted keys of the shorter claim), not fitted on any benchmark.
MIN_SUPPORT = 0.5
#: Nearest units by embedding (of other articles) added as candidates per unit.
EMBED_NEIGHBOURS = 3
#: Keys held by more than this share of a story's units (and at least 40 units) block nothing.
COMMON_KEY_SHARE = 0.2


# Years and counted nouns are the most specific thing two claims can share: they weigh double.
_SPECIFIC = {"y:": 2.0, "q:": 2.0}


@dataclass(frozen=True, slots=True, kw_only=True)
class Alignment:
    """Aligned unit pairs ``(i, j, paraphrase probability)`` and the facts (unit indices).

    ``disagreements`` are pairs ``(i, j)`` joined because they give one count or amount two
    values (:func:`join_disagreeing`): a conflict, whatever the paraphrase scorer said.
    """

    pairs: tuple[tuple[int, int, float], ...]
    groups: tuple[tuple[int, ...], ...]
    disagreements: tuple[tuple[int, int], ...] = ()


def block_keys(unit: ClaimUnit) -> set[str]:
    """The keys a unit is posted under."""
    keys = set(unit.keys) | {f"y:{y}" for y in unit.years}
    if unit.entities:  # resolved entities stand for the names (not counted twice)
        keys |= {f"e:{e}" for e in unit.entities}
    else:
        keys |= {f"p:{p}" for p in unit.places}
        keys |= {f"n:{word}" for name in unit.persons for word in name.split()}
    return keys | {f"q:{noun}" for _, noun in unit.quantities if noun}


def candidates(units: Sequence[ClaimUnit]) -> tuple[list[tuple[int, int]], list[float]]:
    """Pairs ``(i, j)``, ``i < j``, of units of different articles that share rare keys.

    Returns:
        The pairs and, for each, its key support: the rarity-weighted share of the smaller
        side's keys that the other side has (1.0 = every key of the shorter claim is shared).
    """
    postings: dict[str, list[int]] = defaultdict(list)
    keys = [block_keys(u) for u in units]
    for i, ks in enumerate(keys):
        for key in ks:
            postings[key].append(i)
    cap = max(40, int(COMMON_KEY_SHARE * len(units)))
    idf = {
        k: _SPECIFIC.get(k[:2], 1.0) * math.log(1 + len(units) / len(v))
        for k, v in postings.items()
        if len(v) <= cap
    }
    mass = [math.fsum(idf.get(k, 0.0) for k in ks) for ks in keys]
    found: dict[tuple[int, int], float] = {}
    for i, ks in enumerate(keys):
        # Exact sums (fsum): a plain sum over the set ``ks`` depended on its iteration order,
        # hence on the hash seed, and near-tied weights then picked different candidates.
        parts: dict[int, list[float]] = defaultdict(list)
        for key in ks:
            if key in idf:
                for j in postings[key]:
                    if units[j].article_id != units[i].article_id:
                        parts[j].append(idf[key])
        weight = {j: math.fsum(values) for j, values in parts.items()}
        for j in sorted(weight, key=lambda j: (-weight[j], j))[:MAX_CANDIDATES]:
            smaller = min(mass[i], mass[j])
            found[(min(i, j), max(i, j))] = weight[j] / smaller if smaller else 0.0
    pairs = sorted(found)
    return pairs, [found[p] for p in pairs]


def neighbours(units: Sequence[ClaimUnit], vecs: FloatMatrix, k: int) -> list[tuple[int, int]]:
    """Pairs ``(i, j)``, ``i < j``: each unit's ``k`` nearest units of other articles."""
    ids: dict[str, int] = {}
    articles = np.asarray([ids.setdefault(u.article_id, len(ids)) for u in units])
    found: set[tuple[int, int]] = set()
    for start in range(0, len(units), 512):
        sims = vecs[start : start + 512] @ vecs.T
        rows = np.arange(start, min(start + 512, len(units)))
        sims[articles[rows][:, None] == articles[None, :]] = -1.0
        top = np.argsort(-sims, axis=1)[:, :k]
        for row, cols in zip(rows, top, strict=True):
            found.update((min(row, c), max(row, c)) for c in cols if sims[row - start, c] > 0)
    return sorted((int(i), int(j)) for i, j in found)


def align(units: Sequence[ClaimUnit], vecs: FloatMatrix, scorer: PairScorer) -> Alignment:
    """Score the candidate pairs and group aligned units into facts.

    A pair is aligned when the scorer calls it a paraphrase, or when the shorter claim's rare
    keys are mostly shared (:data:`MIN_SUPPORT`): one outlet's long sentence often states,
    among other things, what another says in a short one. Facts are grown greedily from the
    strongest pairs, holding at most one claim per article, so that loosely related
    sentences never chain into one large fact.
    """
    pairs, support = candidates(units)
    if vecs.size and EMBED_NEIGHBOURS:
        known = set(pairs)
        extra = [p for p in neighbours(units, vecs, EMBED_NEIGHBOURS) if p not in known]
        pairs, support = pairs + extra, support + [0.0] * len(extra)
    probs = _score_distinct(units, pairs, vecs, scorer)
    scored = [
        (i, j, float(p), float(s))
        for (i, j), p, s in zip(pairs, probs, support, strict=True)
        if p >= scorer.threshold or s >= MIN_SUPPORT
    ]
    scored.sort(key=lambda x: (-max(x[2], x[3]), x[0], x[1]))
    kept, groups = _grow(units, scored)
    groups, disagreements = join_disagreeing(units, groups)
    return Alignment(pairs=tuple(kept), groups=groups, disagreements=disagreements)


#: Units per measure key from which the key is too common to join facts by (see below).
MAX_MEASURE_POSTINGS = 24


def join_disagreeing(
    units: Sequence[ClaimUnit], groups: Sequence[tuple[int, ...]]
) -> tuple[tuple[tuple[int, ...], ...], tuple[tuple[int, int], ...]]:
    """Join facts whose claims give one count or amount, said with one verb, two values.

    The paraphrase scorer learnt that sentences with different numbers differ; for a story
    that is the disagreement to show ("injuring four dock workers" / "five workers were
    injured"). Units are looked up by ``(thing counted, verb)`` (:attr:`ClaimUnit.measures`);
    keys held by more than :data:`MAX_MEASURE_POSTINGS` units join nothing. Two facts are
    joined only when no article has a claim in both.
    """
    postings: dict[tuple[str, str], list[tuple[int, float]]] = defaultdict(list)
    for i, unit in enumerate(units):
        for value, noun, verb in unit.measures:
            postings[(noun, verb)].append((i, value))
    group = {m: n for n, g in enumerate(groups) for m in g}
    members = {n: list(g) for n, g in enumerate(groups)}
    joined: list[tuple[int, int]] = []
    for key in sorted(postings):
        posted = postings[key]
        if len(posted) > MAX_MEASURE_POSTINGS:
            continue
        for (i, vi), (j, vj) in combinations(posted, 2):
            if vi == vj or units[i].article_id == units[j].article_id:
                continue
            gi, gj = group[i], group[j]
            if gi == gj or _join(units, group, members, gi, gj):
                joined.append((min(i, j), max(i, j)))
    return tuple(tuple(sorted(m)) for _, m in sorted(members.items())), tuple(joined)


def _score_distinct(
    units: Sequence[ClaimUnit],
    pairs: Sequence[tuple[int, int]],
    vecs: FloatMatrix,
    scorer: PairScorer,
) -> npt.NDArray[np.float64]:
    """Scorer probabilities of the pairs, each distinct pair of texts scored once.

    Wire-heavy stories repeat sentences verbatim across outlets; the pair of two repeated
    sentences gets one score instead of one per article pair.
    """
    first: dict[tuple[str, str], int] = {}
    index = [first.setdefault((units[i].text, units[j].text), n) for n, (i, j) in enumerate(pairs)]
    distinct = [pairs[n] for n in sorted(set(index))]
    if not distinct:
        return np.zeros(0)
    left, right = [i for i, _ in distinct], [j for _, j in distinct]
    probs = scorer.score(
        [units[i].text for i in left],
        [units[j].text for j in right],
        vecs[left] if vecs.size else vecs,
        vecs[right] if vecs.size else vecs,
    )
    slot = {n: k for k, n in enumerate(sorted(set(index)))}
    return np.asarray([probs[slot[n]] for n in index], dtype=np.float64)


def _grow(
    units: Sequence[ClaimUnit], scored: Sequence[tuple[int, int, float, float]]
) -> tuple[list[tuple[int, int, float]], tuple[tuple[int, ...], ...]]:
    """Join pairs strongest first; a fact never holds two claims of one article."""
    group = list(range(len(units)))
    members: dict[int, list[int]] = {i: [i] for i in range(len(units))}
    kept: list[tuple[int, int, float]] = []
    for i, j, prob, _ in scored:
        gi, gj = group[i], group[j]
        if gi == gj or _join(units, group, members, gi, gj):
            kept.append((i, j, prob))
    return kept, tuple(tuple(sorted(m)) for _, m in sorted(members.items()))


def _join(
    units: Sequence[ClaimUnit],
    group: dict[int, int] | list[int],
    members: dict[int, list[int]],
    gi: int,
    gj: int,
) -> bool:
    """Merge facts ``gi`` and ``gj`` unless an article has a claim in both (then False)."""
    left = {units[m].article_id for m in members[gi]}
    if any(units[m].article_id in left for m in members[gj]):
        return False
    keep, gone = min(gi, gj), max(gi, gj)
    for m in members.pop(gone):
        group[m] = keep
        members[keep].append(m)
    return True
