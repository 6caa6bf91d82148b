"""Throughput, per-article latency and memory of online story clustering at scale.

Usage: ``python -m bench.speed.cluster_speed --path fast --sizes 10000 100000``.
A corpus of ``size`` generated articles (real ECB+ sentences, see :mod:`bench.speed.corpus`)
is indexed first, timing everything an article costs: feature extraction, the lead embedding
and the assignment. Then ``--measure`` more articles are timed one by one for p50/p99.

Paths: ``fast`` = lexical features + the static distilled embedding (numpy only);
``minilm`` = all-MiniLM-L6-v2 via torch. For ``minilm`` the indexed background gets random
unit vectors instead of real embeddings (embedding 100k articles with MiniLM on 2 cores takes
hours, and assignment cost does not depend on the vector values); the measured articles are
embedded for real, one at a time, and that time is included in their latency.
"""

from __future__ import annotations

import argparse
import gc
import json
import resource
import statistics
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import numpy as np

from bench.quality.ecbdata import load_rows, make_embedder
from bench.speed.corpus import GenArticle, generate
from newsweave.cluster.clusterer import StoryClusterer
from newsweave.cluster.features import ArticleFeatures, extract, lead
from newsweave.cluster.maintain import add_and_relink
from newsweave.cluster.params import default_params

Embed = Callable[[list[str]], np.ndarray]


def rss_mb() -> float:
    """Current resident set size in MiB (Linux /proc)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def featurize(batch: list[GenArticle], embed: Embed) -> list[ArticleFeatures]:
    """Extract features and lead embeddings of a batch of generated articles."""
    vectors = embed([lead(a.title, a.text) for a in batch])
    return [
        extract(a.id, a.title, a.text, date=a.date, embedding=vectors[i])
        for i, a in enumerate(batch)
    ]


def chunks(items: Iterator[GenArticle], size: int, limit: int) -> Iterator[list[GenArticle]]:
    """Take ``limit`` items from ``items`` in lists of ``size``."""
    batch: list[GenArticle] = []
    for taken, item in enumerate(items):
        if taken >= limit:
            break
        batch.append(item)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def run(size: int, measure: int, path: str, relink: bool) -> dict[str, float]:
    """Index ``size`` articles, then time ``measure`` more; return the numbers."""
    rows = load_rows()
    real = make_embedder("static" if path == "fast" else "minilm")
    assert real is not None
    rng = np.random.default_rng(0)

    def background(texts: list[str]) -> np.ndarray:
        if path == "fast":
            return real.encode(texts)
        vecs = rng.normal(size=(len(texts), 384)).astype(np.float32)
        return vecs / np.linalg.norm(vecs, axis=1, keepdims=True)

    real.encode(["warm up the model"])
    params = default_params("static" if path == "fast" else "minilm")
    clu = StoryClusterer(params)
    store: dict[str, ArticleFeatures] = {}
    stream = generate(rows, size + measure, seed=size)
    gc.collect()
    base = rss_mb()
    start = time.perf_counter()
    for batch in chunks(stream, 256, size):
        for f in featurize(batch, background):
            step(clu, f, store, relink)
    index_s = time.perf_counter() - start
    gc.collect()
    grown = rss_mb() - base
    lat = []
    for art in stream:
        t0 = time.perf_counter()
        step(clu, featurize([art], real.encode)[0], store, relink)
        lat.append(time.perf_counter() - t0)
    lat.sort()
    return {
        "indexed": size,
        "stories": len(clu.stories),
        "index_articles_per_s": round(size / index_s, 1),
        "measured": len(lat),
        "p50_ms": round(1000 * statistics.median(lat), 2),
        "p99_ms": round(1000 * lat[int(0.99 * (len(lat) - 1))], 2),
        "mean_ms": round(1000 * statistics.fmean(lat), 2),
        "rss_growth_mb": round(grown, 1),
        "bytes_per_indexed_article": round(grown * 1024 * 1024 / size),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
    }


def step(
    clu: StoryClusterer, f: ArticleFeatures, store: dict[str, ArticleFeatures], relink: bool
) -> None:
    """One online step, with or without neighbourhood relinking."""
    if relink:
        add_and_relink(clu, f, store)
        store[f.article_id] = f
    else:
        clu.add(f)


def main() -> None:
    """Parse arguments, run each size, print one JSON line per size."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000])
    parser.add_argument("--measure", type=int, default=1000)
    parser.add_argument("--path", choices=["fast", "minilm"], default="fast")
    parser.add_argument("--relink", action="store_true", help="online step with relinking")
    args = parser.parse_args()
    for size in args.sizes:
        out = run(size, args.measure, args.path, args.relink)
        print(json.dumps({"path": args.path, "relink": args.relink, **out}), flush=True)


if __name__ == "__main__":
    main()
