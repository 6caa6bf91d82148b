"""Cost of ``compare`` on one story of 50 and of 500 articles: time and memory.

A story is made of articles that each take 4-8 sentences of the largest ECB+ event (real news
prose, many sentences shared between articles, as in a wire-heavy story), from as many
fictional outlets as articles. Reported per size: the parse (spaCy, cached per article in the
stored path, so paid once per article), the alignment (candidates, scoring, facts: paid on
every recomputation), the total, the per-article cost, and the peak memory of the alignment
(tracemalloc). The ratio of per-article costs between the two sizes says how close to linear
the cost grows.

Usage: ``python -m bench.speed.compare_speed [--sizes 50 500] [--embedder embed.static.v1]``
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import time
import tracemalloc
from collections import Counter
from typing import Any

from bench.quality.ecbdata import load_rows
from newsweave.claims.compare import compare_units
from newsweave.claims.scorer import load_scorer
from newsweave.claims.service import ClaimsService
from newsweave.claims.sources import source_groups
from newsweave.claims.units import ClaimUnit
from newsweave.config import NerConfig
from newsweave.model import Article
from newsweave.registry import default_registries


def story_articles(n: int, seed: int = 0) -> list[Article]:
    """``n`` articles retelling the largest ECB+ event, each from its own outlet."""
    rows = load_rows()
    event = Counter(r["cluster"] for r in rows).most_common(1)[0][0]
    pool = [s for r in rows if r["cluster"] == event for s in r["text"].splitlines() if len(s) > 30]
    rng = random.Random(seed)
    out = []
    for i in range(n):
        text = " ".join(rng.sample(pool, min(len(pool), rng.randint(4, 8))))
        out.append(Article(id=f"a{i}", title=text[:60], text=text, source=f"Outlet {i}"))
    return out


def measure(n: int, service: ClaimsService) -> dict[str, Any]:
    """Parse, align and total seconds for one story of ``n`` articles."""
    articles = story_articles(n)
    started = time.perf_counter()
    parsed = service.units(articles)
    units: list[ClaimUnit] = [u for a in articles for u in parsed[a.id]]
    parsed = time.perf_counter()
    tracemalloc.start()
    vecs = service.embed(units)
    comparison = compare_units("st", units, vecs, source_groups(articles, []), service.scorer)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    done = time.perf_counter()
    statuses = Counter(f.status for f in comparison.facts)
    return {
        "articles": n,
        "units": len(units),
        "facts": len(comparison.facts),
        "statuses": dict(statuses),
        "parse_s": round(parsed - started, 3),
        "align_s": round(done - parsed, 3),
        "total_s": round(done - started, 3),
        "ms_per_article": round(1000 * (done - started) / n, 2),
        "align_ms_per_article": round(1000 * (done - parsed) / n, 2),
        "align_peak_mib": round(peak / 2**20, 1),
    }


def claims_service(embedder_name: str) -> ClaimsService:
    """The claims service the engine would build for this embedder, warmed up."""
    embedder = (
        None if embedder_name == "none" else default_registries().embedders.create(embedder_name)
    )
    service = ClaimsService(
        model=NerConfig().model, embedder=embedder, scorer=load_scorer(embedder_name)
    )
    service.parse("Warm-up sentence for the parser and its vectors.")
    return service


def main() -> None:
    """Run the benchmark and print JSON."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[50, 500])
    parser.add_argument("--embedder", default="embed.static.v1")
    args = parser.parse_args()
    service = claims_service(args.embedder)
    results = [measure(n, service) for n in args.sizes]
    first, last = results[0], results[-1]
    report = {
        "results": results,
        "per_article_ratio_total": round(last["ms_per_article"] / first["ms_per_article"], 2),
        "per_article_ratio_align": round(
            last["align_ms_per_article"] / first["align_ms_per_article"], 2
        ),
        "max_rss_mib": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
    }
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
