"""Throughput and memory of dedup sketching + candidate LSH at 10k, 100k and 1M articles.

Usage: ``PYTHONPATH=src python bench/speed/dedup_speed.py [--sizes 10000 100000 1000000]``

Articles are built in memory by recombining real ECB+ sentences (8-25 random sentences each,
seeded); 5 % are copies of an earlier article with one sentence dropped, so that candidates
exist. Nothing is written to the repository. For each size the script streams the articles in
batches through :func:`newsweave.dedup.index.sketch` (signatures) and
:class:`~newsweave.dedup.index.CandidateIndex` (insert + query), with 1 and 2 sketching
threads, and reports articles/s, microseconds per article, index bytes per article and peak
RSS. The baseline is datasketch's MinHash + MinHashLSH with the same shingles, permutations and
threshold, measured in the same run (at the smaller sizes only: it is much slower).
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import sys
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import numpy as np

from newsweave.dedup.align import split_sentences
from newsweave.dedup.index import CandidateIndex, SketchConfig, Sketches, sketch
from newsweave.text.shingles import words

ECB = Path(__file__).resolve().parents[3] / "shared" / "data" / "ecbplus" / "ecbplus.jsonl"
BATCH = 1000


def sentence_pool(path: Path = ECB) -> list[str]:
    """Return every sentence of the ECB+ articles."""
    with path.open(encoding="utf-8") as f:
        return [s for line in f for s in split_sentences(json.loads(line)["text"])]


def articles(pool: list[str], count: int, seed: int = 1) -> Iterator[list[str]]:
    """Yield batches of recombined articles (5 % are copies of a recent one)."""
    rng = random.Random(seed)
    recent: list[str] = []
    for start in range(0, count, BATCH):
        batch = []
        for _ in range(min(BATCH, count - start)):
            if recent and rng.random() < 0.05:
                sents = split_sentences(rng.choice(recent))
                sents.pop(rng.randrange(len(sents)))
                text = "\n".join(sents)
            else:
                text = "\n".join(rng.choices(pool, k=rng.randint(8, 25)))
            batch.append(text)
        recent = batch[-200:]
        yield batch


def rss_mib() -> float:
    """Return the peak resident set size of this process in MiB."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run_ours(pool: list[str], count: int, threads: int) -> dict[str, float]:
    """Sketch, insert and query ``count`` articles; return timings and memory."""
    config = SketchConfig()
    index = CandidateIndex(config)
    batches = list(articles(pool, count))  # generation is not timed
    found = 0
    wall, cpu = time.perf_counter(), time.process_time()
    with ThreadPoolExecutor(threads) as executor:
        sketches: Iterator[Sketches] = executor.map(lambda b: sketch(b, config), batches)
        for k, sk in enumerate(sketches):
            ids = np.arange(k * BATCH, k * BATCH + sk.tokens.size)
            rows, _ = index.candidates(sk)
            index.add(ids, sk)
            found += rows.size
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    return {
        "articles": count,
        "threads": threads,
        "articles_per_s": round(count / wall),
        "us_per_article": round(1e6 * wall / count, 1),
        "cpu_us_per_article": round(1e6 * cpu / count, 1),
        "index_bytes_per_article": round(index.nbytes / len(index), 1),
        "candidate_pairs": found,
        "peak_rss_mib": round(rss_mib()),
    }


def run_datasketch(pool: list[str], count: int) -> dict[str, float]:
    """The same work with datasketch MinHash + MinHashLSH (5-gram shingles, 128 perms, 0.3)."""
    from datasketch import MinHash, MinHashLSH

    config = SketchConfig()
    lsh = MinHashLSH(threshold=config.near_threshold, num_perm=config.num_perm)
    batches = list(articles(pool, count))
    before = rss_mib()
    wall = time.perf_counter()
    for k, batch in enumerate(batches):
        for i, text in enumerate(batch):
            w = words(text)
            grams = {" ".join(w[j : j + 5]).encode() for j in range(max(1, len(w) - 4))}
            m = MinHash(num_perm=config.num_perm)
            m.update_batch(list(grams))
            lsh.query(m)
            lsh.insert(str(k * BATCH + i), m)
    wall = time.perf_counter() - wall
    return {
        "articles": count,
        "articles_per_s": round(count / wall),
        "us_per_article": round(1e6 * wall / count, 1),
        "peak_rss_growth_mib_per_1k": round((rss_mib() - before) * 1000 / count, 2),
        "bands_rows": list(lsh.b_r) if hasattr(lsh, "b_r") else [lsh.b, lsh.r],
    }


def main() -> None:
    """Run the sizes asked for and print one JSON line per measurement."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000, 1_000_000])
    parser.add_argument("--threads", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--baseline-max", type=int, default=100_000)
    args = parser.parse_args()
    pool = sentence_pool()
    print(json.dumps({"sentences": len(pool), "python": sys.version.split()[0]}), flush=True)
    for size in args.sizes:
        for threads in args.threads:
            print(json.dumps({"ours": run_ours(pool, size, threads)}), flush=True)
        if size <= args.baseline_max:
            print(json.dumps({"datasketch": run_datasketch(pool, size)}), flush=True)


if __name__ == "__main__":
    main()
