"""Coreference scores: MUC, B-cubed, CEAF-e and their mean, the CoNLL F1.

Pure functions over two clusterings of the same mentions, each given as a mapping from mention
to cluster label. Definitions follow Vilain et al. (1995) for MUC, Bagga and Baldwin (1998) for
B-cubed and Luo (2005) for CEAF with the entity similarity phi4; the CoNLL F1 is the mean of the
three F1 values (Pradhan et al., 2012). Mentions in only one of the two clusterings count as
singletons on the other side. :func:`score` applies them to gold entity chains and the system
entities their mentions were matched to (:func:`newsweave.evaluation.entities.match_document`).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass

from newsweave.evaluation.prf import PRF

Clusters = list[frozenset[Hashable]]


@dataclass(frozen=True, slots=True, kw_only=True)
class GoldMention:
    """One gold entity mention: document, line of ``text``, surface text, tag and chain."""

    doc_id: str
    line: int
    text: str
    tag: str
    chain: str


@dataclass(frozen=True, slots=True, kw_only=True)
class Score:
    """Coverage and coreference scores of one evaluation."""

    gold: int
    matched: int
    scores: Mapping[str, PRF]

    @property
    def coverage(self) -> float:
        """Share of gold mentions met by a system mention."""
        return self.matched / self.gold if self.gold else 0.0

    @property
    def conll_f1(self) -> float:
        """Mean F1 of MUC, B3 and CEAF-e on the met mentions."""
        return conll_f1(self.scores)


def clusters_of(labels: Mapping[Hashable, Hashable]) -> Clusters:
    """Group mentions by label into clusters."""
    groups: dict[Hashable, set[Hashable]] = defaultdict(set)
    for mention, label in labels.items():
        groups[label].add(mention)
    return [frozenset(g) for g in groups.values()]


def _complete(a: Mapping[Hashable, Hashable], b: Mapping[Hashable, Hashable]) -> Clusters:
    extra = [frozenset({m}) for m in b if m not in a]
    return clusters_of(a) + extra


def muc(key: Mapping[Hashable, Hashable], response: Mapping[Hashable, Hashable]) -> PRF:
    """MUC link-based score."""

    def recall(gold: Clusters, other: Mapping[Hashable, Hashable]) -> float:
        num = den = 0
        for cluster in gold:
            parts = {other.get(m, ("missing", m)) for m in cluster}
            num += len(cluster) - len(parts)
            den += len(cluster) - 1
        return num / den if den else 0.0

    return PRF(
        precision=recall(_complete(response, key), key),
        recall=recall(_complete(key, response), response),
    )


def b_cubed(key: Mapping[Hashable, Hashable], response: Mapping[Hashable, Hashable]) -> PRF:
    """B-cubed mention-based score."""

    def score(gold: Clusters, other: Clusters) -> float:
        where = {m: c for c in other for m in c}
        total = sum(len(c) for c in gold)
        acc = sum(len(c & where.get(m, frozenset({m}))) / len(c) for c in gold for m in c)
        return acc / total if total else 0.0

    k, r = _complete(key, response), _complete(response, key)
    return PRF(precision=score(r, k), recall=score(k, r))


def ceaf_e(key: Mapping[Hashable, Hashable], response: Mapping[Hashable, Hashable]) -> PRF:
    """CEAF with the entity similarity phi4 and an optimal one-to-one cluster alignment."""
    k, r = _complete(key, response), _complete(response, key)
    total = _aligned_similarity(k, r)
    return PRF(
        precision=total / len(r) if r else 0.0,
        recall=total / len(k) if k else 0.0,
    )


def conll(
    key: Mapping[Hashable, Hashable], response: Mapping[Hashable, Hashable]
) -> dict[str, PRF]:
    """Return MUC, B3 and CEAF-e scores; the CoNLL F1 is :func:`conll_f1` of the result."""
    return {"muc": muc(key, response), "b3": b_cubed(key, response), "ceafe": ceaf_e(key, response)}


def conll_f1(scores: Mapping[str, PRF]) -> float:
    """Mean F1 of MUC, B3 and CEAF-e."""
    return sum(scores[name].f1 for name in ("muc", "b3", "ceafe")) / 3


def _phi4(a: frozenset[Hashable], b: frozenset[Hashable]) -> float:
    return 2 * len(a & b) / (len(a) + len(b))


def _aligned_similarity(key: Clusters, response: Clusters) -> float:
    """Best total phi4 of a one-to-one alignment, solved per connected component."""
    where = {m: j for j, c in enumerate(response) for m in c}
    key_of = {m: i for i, c in enumerate(key) for m in c}
    seen: set[int] = set()
    total = 0.0
    for start in range(len(key)):
        if start in seen:
            continue
        keys, resps = _component(start, (key, response), (key_of, where), seen)
        weights = [[_phi4(key[i], response[j]) for j in resps] for i in keys]
        total += _max_assignment(weights)
    return total


def _component(
    start: int,
    clusters: tuple[Clusters, Clusters],
    index: tuple[dict[Hashable, int], dict[Hashable, int]],
    seen: set[int],
) -> tuple[list[int], list[int]]:
    """Key and response clusters connected to key cluster ``start`` through shared mentions."""
    key, response = clusters
    key_of, where = index
    keys, resps, todo = [start], set(), [start]
    seen.add(start)
    while todo:
        i = todo.pop()
        for m in key[i]:
            j = where.get(m)
            if j is None or j in resps:
                continue
            resps.add(j)
            for n in response[j]:
                other = key_of.get(n)
                if other is not None and other not in seen:
                    seen.add(other)
                    keys.append(other)
                    todo.append(other)
    return keys, sorted(resps)


def _max_assignment(weights: list[list[float]]) -> float:
    """Maximum-weight one-to-one assignment (Hungarian method on costs ``1 - w``)."""
    if not weights or not weights[0]:
        return 0.0
    transpose = len(weights) > len(weights[0])
    w = [list(col) for col in zip(*weights, strict=True)] if transpose else weights
    n, m = len(w), len(w[0])
    inf = float("inf")
    u, v, p, way = [0.0] * (n + 1), [0.0] * (m + 1), [0] * (m + 1), [0] * (m + 1)
    for i in range(1, n + 1):
        p[0], j0 = i, 0
        minv, used = [inf] * (m + 1), [False] * (m + 1)
        while True:
            used[j0] = True
            i0, delta, j1 = p[j0], inf, 0
            for j in range(1, m + 1):
                if not used[j]:
                    cur = (1.0 - w[i0 - 1][j - 1]) - u[i0] - v[j]
                    if cur < minv[j]:
                        minv[j], way[j] = cur, j0
                    if minv[j] < delta:
                        delta, j1 = minv[j], j
            for j in range(m + 1):
                if used[j]:
                    u[p[j]] += delta
                    v[j] -= delta
                else:
                    minv[j] -= delta
            j0 = j1
            if p[j0] == 0:
                break
        while j0:
            j1 = way[j0]
            p[j0] = p[j1]
            j0 = j1
    return sum(w[p[j] - 1][j - 1] for j in range(1, m + 1) if p[j])


def score(
    golds: Mapping[str, Sequence[GoldMention]],
    matches: Mapping[str, Mapping[int, str]],
    tags: Iterable[str],
) -> Score:
    """Score system entity ids against gold chains on the matched gold mentions.

    Args:
        golds: gold mentions by document.
        matches: per document, gold index -> system entity id (or any cluster label).
        tags: gold tags to include.
    """
    wanted = set(tags)
    key: dict[Hashable, Hashable] = {}
    response: dict[Hashable, Hashable] = {}
    total = 0
    for doc_id, doc_golds in golds.items():
        doc_matches = matches.get(doc_id, {})
        for gi, gold in enumerate(doc_golds):
            if gold.tag not in wanted:
                continue
            total += 1
            if gi in doc_matches:
                key[(doc_id, gi)] = gold.chain
                response[(doc_id, gi)] = doc_matches[gi]
    return Score(gold=total, matched=len(key), scores=conll(key, response))


__all__ = [
    "PRF",
    "GoldMention",
    "Score",
    "b_cubed",
    "ceaf_e",
    "clusters_of",
    "conll",
    "conll_f1",
    "muc",
    "score",
]
