"""``newsweave eval dedup``: a labelled copy benchmark built from real articles, and its scores.

From a JSONL corpus with ``id``, ``text``, ``topic``, ``cluster`` and ``split`` fields (the
ECB+ file in ../shared/data/ecbplus) it builds, deterministically, one copy of each kind (see
:mod:`.copies`) per eligible article of the chosen splits, streams the pool through the real
candidate index and verification rules, and reports precision and recall per kind. Hard
negatives are the corpus' own articles: other articles of the same topic and of the same event.
A second pass over the original articles alone counts the corpus' real wire copies found and the
independent same-event pairs wrongly flagged.
"""

from __future__ import annotations

import itertools
import json
import random
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from newsweave.dedup import core
from newsweave.dedup.index import CandidateIndex, SketchConfig, sketch
from newsweave.evaluation import copies as dc
from newsweave.model import JSON, Article, ProvenanceEdge
from newsweave.text.shingles import containment, jaccard, shingles

SPLITS = {"tune": ("train", "dev"), "test": ("test",)}
#: Same-topic article pairs that share text: ``copy`` or ``ambiguous`` (see source_relations).
Relations = dict[frozenset[str], str]


@dataclass(frozen=True)
class VariantReport:
    """Counts per copy kind, and flagged pairs by gold label per edge kind.

    ``recall[kind]`` counts gold, candidate, found, kind_ok and direction_ok;
    ``precision[edge kind]`` counts positive, negative and ambiguous flagged pairs.
    """

    recall: dict[str, Counter[str]]
    precision: dict[str, Counter[str]]
    articles: int
    candidate_pairs: int


@dataclass(frozen=True)
class OriginalsReport:
    """The corpus' own articles: real wire copies found and independent pairs flagged."""

    wire_pairs: int
    wire_found: int
    flagged: Counter[str]
    independent_same_cluster_pairs: int


@dataclass(frozen=True)
class Evaluation:
    """Both reports and their flattened figures."""

    variants: VariantReport
    originals: OriginalsReport
    metrics: dict[str, float]


def load_ecb(path: Path) -> list[dict[str, str]]:
    """Read the corpus' articles (one JSON object per line)."""
    with path.open(encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def source_relations(docs: list[dict[str, str]]) -> Relations:
    """Label same-topic ECB+ pairs by 5-gram overlap: ``copy``, ``ambiguous`` or independent.

    ``copy``: Jaccard > 0.5 (the corpus' real wire copies). ``ambiguous``: Jaccard >= 0.05 or
    containment >= 0.5 (partial re-use; neither right nor wrong when flagged). Pairs absent from
    the result are independent.
    """
    sets = {d["id"]: shingles(d["text"]) for d in docs}
    by_topic: dict[str, list[str]] = defaultdict(list)
    for d in docs:
        by_topic[d["topic"]].append(d["id"])
    out: Relations = {}
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


def gold(pool: Pool, relations: Relations, a: str, b: str) -> str:
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
    prints: dict[int, core.Fingerprint] = {}
    edges: dict[tuple[str, str], ProvenanceEdge] = {}
    for i, j in pairs:
        for k in (i, j):
            if k not in prints:
                prints[k] = core.fingerprint(pool.articles[k], rules)
        match = core.compare(prints[i], prints[j], rules)
        if match is not None:
            e = core.edge(prints[i], prints[j], match)
            edges[_key(e.child, e.parent)] = e
    return edges


def _key(a: str, b: str) -> tuple[str, str]:
    return (a, b) if a <= b else (b, a)


def report_variants(pool: Pool, relations: Relations, rules: core.DedupRules) -> VariantReport:
    """Run the real index and rules on a pool; count recall, precision and direction per kind."""
    pairs = candidate_pairs(pool, SketchConfig())
    candidates = {_key(pool.articles[i].id, pool.articles[j].id) for i, j in pairs}
    edges = run(pool, pairs, rules)
    recall: dict[str, Counter[str]] = {}
    for a in pool.articles:
        kind = pool.kind[a.id]
        if kind == "original":
            continue
        key = _key(a.id, pool.family[a.id])
        e = edges.get(key)
        row = recall.setdefault(kind, Counter())
        row["gold"] += 1
        row["candidate"] += key in candidates
        row["found"] += e is not None
        row["kind_ok"] += e is not None and e.kind == dc.EXPECTED[kind]
        row["direction_ok"] += e is not None and e.parent == pool.family[a.id]
    precision: dict[str, Counter[str]] = {}
    for (x, y), e in edges.items():
        precision.setdefault(e.kind, Counter())[gold(pool, relations, x, y)] += 1
    return VariantReport(recall, precision, len(pool.articles), len(pairs))


def report_originals(
    docs: list[dict[str, str]], relations: Relations, rules: core.DedupRules
) -> OriginalsReport:
    """Run the rules on the corpus' own articles: real wire copies found, independents flagged."""
    pool = build_pool(docs, tuple({d["split"] for d in docs}))
    originals = Pool(
        [a for a in pool.articles if pool.kind[a.id] == "original"],
        pool.family,
        pool.kind,
        pool.cluster,
    )
    edges = run(originals, candidate_pairs(originals, SketchConfig()), rules)
    flagged: Counter[str] = Counter()
    for (x, y), e in edges.items():
        rel = relations.get(frozenset((x, y)), "independent")
        same = "same-cluster" if pool.cluster[x] == pool.cluster[y] else "other-cluster"
        flagged[f"{rel}/{same}/{e.kind}"] += 1
    wire = [p for p, r in relations.items() if r == "copy"]
    found = sum(1 for p in wire if _key(*sorted(p)) in edges)
    by_cluster: Counter[str] = Counter(pool.cluster[a.id] for a in originals.articles)
    same_cluster_pairs = sum(n * (n - 1) // 2 for n in by_cluster.values())
    related_same = sum(1 for p in relations if len({pool.cluster[x] for x in p}) == 1)
    return OriginalsReport(
        wire_pairs=len(wire),
        wire_found=found,
        flagged=flagged,
        independent_same_cluster_pairs=same_cluster_pairs - related_same,
    )


def _share(numerator: int, denominator: int) -> float:
    return numerator / denominator if denominator else 1.0


def metrics(variants: VariantReport, originals: OriginalsReport) -> dict[str, float]:
    """Flatten both reports into named figures (the quality gate's metric names)."""
    out: dict[str, float] = {}
    for kind, row in variants.recall.items():
        out[f"recall.{kind}"] = _share(row["found"], row["gold"])
        out[f"kind_ok.{kind}"] = _share(row["kind_ok"], row["gold"])
    for kind, row in variants.precision.items():
        out[f"precision.{kind}"] = _share(row["positive"], row["positive"] + row["negative"])
    out["wire.recall"] = _share(originals.wire_found, originals.wire_pairs)
    flagged = sum(n for k, n in originals.flagged.items() if k.startswith("independent/same"))
    out["independent_same_event.clean"] = 1 - _share(
        flagged, originals.independent_same_cluster_pairs
    )
    out["independent_same_event.flagged"] = float(flagged)
    return out


def evaluate(path: Path, split: str = "test", rules: core.DedupRules | None = None) -> Evaluation:
    """Build the benchmark from ``path``, score ``split`` and the whole corpus' originals."""
    docs = load_ecb(path)
    relations = source_relations(docs)
    rules = rules or core.DedupRules()
    variants = report_variants(build_pool(docs, (split,)), relations, rules)
    originals = report_originals(docs, relations, rules)
    return Evaluation(variants, originals, metrics(variants, originals))


def report_json(result: Evaluation) -> dict[str, JSON]:
    """Both reports and the figures as JSON (counts as plain objects, figures to 4 places)."""
    v, o = result.variants, result.originals
    return {
        "metrics": {k: round(x, 4) for k, x in result.metrics.items()},
        "variants": {
            "articles": v.articles,
            "candidate_pairs": v.candidate_pairs,
            "recall": {k: dict(c) for k, c in v.recall.items()},
            "precision": {k: dict(c) for k, c in v.precision.items()},
        },
        "originals": {
            "wire_pairs": o.wire_pairs,
            "wire_found": o.wire_found,
            "flagged": dict(o.flagged),
            "independent_same_cluster_pairs": o.independent_same_cluster_pairs,
        },
    }
