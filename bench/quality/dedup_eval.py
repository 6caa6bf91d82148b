"""Benchmark pool, candidate retrieval and pair scoring for the dedup evaluation."""

from __future__ import annotations

import itertools
import json
import random
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

import dedup_corpus as dc
import numpy as np

from newsweave.dedup import core
from newsweave.dedup.index import CandidateIndex, SketchConfig, sketch
from newsweave.model import Article, ProvenanceEdge
from newsweave.text.shingles import containment, jaccard, shingles

ECB_PATH = Path(__file__).resolve().parents[3] / "shared" / "data" / "ecbplus" / "ecbplus.jsonl"
SPLITS = {"tune": ("train", "dev"), "test": ("test",)}


def load_ecb(path: Path = ECB_PATH) -> list[dict[str, str]]:
    """Read the ECB+ articles."""
    with path.open(encoding="utf-8") as f:
        return [json.loads(line) for line in f]


def source_relations(docs: list[dict[str, str]]) -> dict[frozenset[str], str]:
    """Label same-topic ECB+ pairs by 5-gram overlap: ``copy``, ``ambiguous`` or independent.

    ``copy``: Jaccard > 0.5 (the corpus' real wire copies). ``ambiguous``: Jaccard >= 0.05 or
    containment >= 0.5 (partial re-use; neither right nor wrong when flagged). Pairs absent from
    the result are independent.
    """
    sets = {d["id"]: shingles(d["text"]) for d in docs}
    by_topic: dict[str, list[str]] = defaultdict(list)
    for d in docs:
        by_topic[d["topic"]].append(d["id"])
    out: dict[frozenset[str], str] = {}
    for ids in by_topic.values():
        for a, b in itertools.combinations(ids, 2):
            jac = jaccard(sets[a], sets[b])
            cont = max(containment(sets[a], sets[b]), containment(sets[b], sets[a]))
            if jac > 0.5:
                out[frozenset((a, b))] = "copy"
            elif jac >= 0.05 or cont >= 0.5:
                out[frozenset((a, b))] = "ambiguous"
    return out


@dataclass(frozen=True)
class Pool:
    """Articles of one benchmark split with their gold families."""

    articles: list[Article]
    family: dict[str, str]
    kind: dict[str, str]
    cluster: dict[str, str]


def build_pool(docs: list[dict[str, str]], splits: tuple[str, ...]) -> Pool:
    """Return the split's ECB+ articles plus one variant of each kind per eligible article."""
    articles, family, kind, cluster = [], {}, {}, {}
    for d in docs:
        if d["split"] not in splits:
            continue
        made = [("original", d["id"], d["text"])]
        if dc.eligible(d["text"]):
            made += [
                (k, f"{d['id']}~{k}", dc.make_variant(d["id"], d["text"], k)) for k in dc.KINDS
            ]
        for k, aid, text in made:
            articles.append(Article(id=aid, title="", text=text))
            family[aid], kind[aid], cluster[aid] = d["id"], k, d["cluster"]
    random.Random(7).shuffle(articles)
    return Pool(articles, family, kind, cluster)


def candidate_pairs(pool: Pool, config: SketchConfig, batch: int = 64) -> list[tuple[int, int]]:
    """Stream the pool through a :class:`CandidateIndex`; return unordered candidate pairs."""
    index = CandidateIndex(config)
    pairs: set[tuple[int, int]] = set()
    texts = [a.text for a in pool.articles]
    for start in range(0, len(texts), batch):
        ids = np.arange(start, min(start + batch, len(texts)))
        sk = sketch(texts[start : ids[-1] + 1], config)
        index.add(ids, sk)
        rows, found = index.candidates(sk)
        for row, item in zip((rows + start).tolist(), found.tolist(), strict=True):
            if item < row:
                pairs.add((item, row))
    return sorted(pairs)


def gold(pool: Pool, relations: dict[frozenset[str], str], a: str, b: str) -> str:
    """Return ``positive``, ``ambiguous`` or ``negative`` for two pool articles."""
    fa, fb = pool.family[a], pool.family[b]
    if fa == fb:
        return "positive"
    rel = relations.get(frozenset((fa, fb)))
    return {"copy": "positive", "ambiguous": "ambiguous"}.get(rel or "", "negative")


def run(
    pool: Pool, pairs: list[tuple[int, int]], rules: core.DedupRules
) -> dict[tuple[str, str], ProvenanceEdge]:
    """Verify every candidate pair with :func:`core.compare`; return edges by unordered pair."""
    prints = {}
    edges = {}
    for i, j in pairs:
        for k in (i, j):
            if k not in prints:
                prints[k] = core.fingerprint(pool.articles[k], rules)
        match = core.compare(prints[i], prints[j], rules)
        if match is not None:
            e = core.edge(prints[i], prints[j], match)
            edges[tuple(sorted((e.child, e.parent)))] = e
    return edges  # type: ignore[return-value]
