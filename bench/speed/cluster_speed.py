"""Throughput, per-article latency and memory of online story clustering at scale.

Usage: ``python -m bench.speed.cluster_speed --path fast --sizes 10000 100000 --workers 1``.
A corpus of ``size`` generated articles (real ECB+ sentences, see :mod:`bench.speed.corpus`)
is generated first (untimed: it stands for reading the input), then indexed, timing everything
an article costs: feature extraction, the lead embedding and the assignment. Then
``--measure`` more articles are timed one by one for p50/p99 (extraction and embedding of
that one article included).

``--workers 1`` extracts features and embeds each batch of 256 in a second process while the
main process assigns the previous batch (the two cores of the target machine); assignment
stays sequential, in input order, so the decisions are those of a single process.

``mean_extract_ms`` is the extraction part of those one-article timings: work that does not
depend on how much is indexed, so it serves as the same-run baseline. Assignment time over
extraction time compares sizes measured minutes apart on a machine whose speed drifts (the
same 10k run measured 1.12 and 1.45 ms of main CPU per article an hour apart).

Paths: ``fast`` = lexical features + the static distilled embedding (numpy only);
``minilm`` = all-MiniLM-L6-v2 via torch. For ``minilm`` the indexed background gets random
unit vectors instead of real embeddings (embedding 100k articles with MiniLM on 2 cores takes
hours, and assignment cost does not depend on the vector values); the measured articles are
embedded for real: one at a time for the latency figures, and, for ``minilm_batched_per_s``,
in batches of 64 (as the cluster stage embeds a whole batch at once) with the time of
extraction, batched encoding and assignment of ``--measure`` further articles all counted.
"""

from __future__ import annotations

import argparse
import gc
import json
import multiprocessing
import resource
import statistics
import time
from collections.abc import Callable, Iterator, Sequence
from multiprocessing.connection import Connection
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


def chunks(items: Sequence[GenArticle], size: int) -> Iterator[list[GenArticle]]:
    """``items`` in lists of ``size``."""
    for at in range(0, len(items), size):
        yield list(items[at : at + size])


def _worker(articles: Sequence[GenArticle], start: int, step: int, out: Connection) -> None:
    """Featurize every ``step``-th batch of 256 from ``start``, sending each down ``out``.

    A forked worker inherits the corpus, so only features cross the pipe; a full pipe blocks
    the worker, which keeps at most a batch or two in flight.
    """
    real = make_embedder("static")
    assert real is not None
    real.encode(["warm up the model"])
    for at in range(start * 256, len(articles), step * 256):
        out.send(featurize(list(articles[at : at + 256]), real.encode))
    out.close()


def feature_batches(
    articles: Sequence[GenArticle], embed: Embed, workers: int
) -> Iterator[list[ArticleFeatures]]:
    """Features of ``articles`` in input order, batch by batch (in worker processes if asked)."""
    if workers == 0:
        for batch in chunks(articles, 256):
            yield featurize(batch, embed)
        return
    ctx = multiprocessing.get_context("fork")
    pipes, procs = [], []
    for w in range(workers):
        recv, send = ctx.Pipe(duplex=False)
        proc = ctx.Process(target=_worker, args=(articles, w, workers, send), daemon=True)
        proc.start()
        send.close()
        pipes.append(recv)
        procs.append(proc)
    try:
        for k in range((len(articles) + 255) // 256):
            yield pipes[k % workers].recv()
    finally:
        for proc in procs:
            proc.join(timeout=5)


def run(size: int, measure: int, path: str, relink: bool, workers: int = 0) -> dict[str, float]:
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
    extra = measure if path == "fast" else 2 * measure
    corpus = list(generate(rows, size + extra, seed=size))
    del rows
    gc.collect()
    # The corpus stands for input read from disk: keep the garbage collector from walking it
    # (a real ingest streams articles and holds none of them).
    gc.freeze()
    base = rss_mb()
    start, cpu = time.perf_counter(), time.process_time()
    for feats in feature_batches(corpus[:size], background, workers if path == "fast" else 0):
        for f in feats:
            step(clu, f, store, relink)
    index_s, index_cpu = time.perf_counter() - start, time.process_time() - cpu
    gc.collect()
    grown = rss_mb() - base
    lat, extracting = [], []
    for art in corpus[size : size + measure]:
        t0 = time.perf_counter()
        feats = featurize([art], real.encode)[0]
        t1 = time.perf_counter()
        step(clu, feats, store, relink)
        lat.append(time.perf_counter() - t0)
        extracting.append(t1 - t0)
    lat.sort()
    out = {
        "indexed": size,
        "workers": workers if path == "fast" else 0,
        "stories": len(clu.stories),
        "index_articles_per_s": round(size / index_s, 1),
        "index_main_cpu_ms": round(1000 * index_cpu / size, 3),
        "measured": len(lat),
        "p50_ms": round(1000 * statistics.median(lat), 2),
        "p99_ms": round(1000 * lat[int(0.99 * (len(lat) - 1))], 2),
        "mean_ms": round(1000 * statistics.fmean(lat), 2),
        "mean_extract_ms": round(1000 * statistics.fmean(extracting), 2),
        "rss_growth_mb": round(grown, 1),
        "bytes_per_indexed_article": round(grown * 1024 * 1024 / size),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
    }
    if path == "minilm":
        batched = corpus[size + measure :]
        t0 = time.perf_counter()
        for batch in chunks(batched, 64):
            for f in featurize(batch, real.encode):
                step(clu, f, store, relink)
        out["minilm_batched_per_s"] = round(len(batched) / (time.perf_counter() - t0), 1)
    gc.unfreeze()
    return out


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
    parser.add_argument(
        "--workers", type=int, default=0, help="processes extracting features (fast path)"
    )
    args = parser.parse_args()
    for size in args.sizes:
        out = run(size, args.measure, args.path, args.relink, args.workers)
        print(json.dumps({"path": args.path, "relink": args.relink, **out}), flush=True)


if __name__ == "__main__":
    main()
