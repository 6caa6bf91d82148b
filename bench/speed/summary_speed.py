"""Cost of a story summary + timeline at 50, 500 and 1,000 articles: time and memory.

The stories are those of ``compare_speed`` (sentences of the largest ECB+ event spread over
fictional outlets, dated over a week). Reported per size: the comparison the summary builds on
(parse + alignment, cached per story in the stored path), the summary itself (candidates,
sentence embeddings, selection, headline, timeline), its per-article cost and peak memory
(tracemalloc). A story is read on its first ``MAX_ARTICLES`` articles, as the stored path
does, so the 1,000-article story costs what a 400-article one does: bounded time.

Usage: ``python -m bench.speed.summary_speed [--sizes 50 500 1000] [--embedder embed.static.v1]``
"""

from __future__ import annotations

import argparse
import json
import resource
import time
import tracemalloc
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from typing import Any

from bench.speed.compare_speed import claims_service, story_articles
from newsweave.claims.compare import compare_units
from newsweave.claims.service import MAX_ARTICLES, ClaimsService
from newsweave.claims.sources import source_groups
from newsweave.summary.summarize import bag_of_words, summarize

START = datetime(2026, 3, 2, 6, 0, tzinfo=UTC)


def measure(n: int, service: ClaimsService) -> dict[str, Any]:
    """Comparison and summary seconds for one story of ``n`` articles."""
    articles = [
        replace(a, date=START + timedelta(hours=3 * i % 168))
        for i, a in enumerate(story_articles(n))
    ][:MAX_ARTICLES]
    started = time.perf_counter()
    parsed = service.units(articles)
    units = [u for a in articles for u in parsed[a.id]]
    groups = source_groups(articles, [])
    comparison = compare_units("st", units, service.embed(units), groups, service.scorer)
    compared = time.perf_counter()
    embedder = service.embedder
    embed = bag_of_words if embedder is None else embedder.encode
    tracemalloc.start()
    summary = summarize("st", articles, comparison=comparison, edges=[], embed=embed)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    done = time.perf_counter()
    return {
        "articles": n,
        "read": len(articles),
        "sentences": len(summary.sentences),
        "timeline_entries": len(summary.timeline),
        "compare_s": round(compared - started, 3),
        "summary_s": round(done - compared, 3),
        "summary_ms_per_read_article": round(1000 * (done - compared) / len(articles), 2),
        "summary_peak_mib": round(peak / 2**20, 1),
    }


def main() -> None:
    """Run the benchmark and print JSON."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[50, 500, 1000])
    parser.add_argument("--embedder", default="embed.static.v1")
    args = parser.parse_args()
    service = claims_service(args.embedder)
    results = [measure(n, service) for n in args.sizes]
    first, last = results[0], results[-1]
    print(
        json.dumps(
            {
                "results": results,
                "per_read_article_ratio_summary": round(
                    last["summary_ms_per_read_article"] / first["summary_ms_per_read_article"], 2
                ),
                "max_rss_mib": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
            },
            indent=2,
        )
    )


if __name__ == "__main__":
    main()
