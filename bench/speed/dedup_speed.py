"""Throughput and memory of dedup sketching + candidate LSH at 10k, 100k and 1M articles.

Usage: ``PYTHONPATH=src python bench/speed/dedup_speed.py [--sizes 10000 100000 1000000]``

Articles are built by recombining real ECB+ sentences (8-25 random sentences each, seeded); 5 %
are copies of an earlier article with one sentence dropped, so that candidates exist. It is a
harsh corpus for LSH: every article shares sentences with about 2 % of all others, so band
buckets keep filling as the corpus grows. The corpus is written once, outside the repository,
as one text file per batch of 1,000 (``--corpus-dir``, default under the system temp dir);
smaller sizes read a prefix of the largest. Generation is not timed.

Each measurement runs in its own process, so that its peak RSS is its own. For each size the
articles stream in batches through :func:`newsweave.dedup.index.sketch` (signatures) and
:class:`~newsweave.dedup.index.CandidateIndex` (query, then insert), in three modes:

* ``inline``: one process does everything (one core);
* ``threads``: sketches in a pool of 2 threads, LSH in the main thread;
* ``procs``: sketches in a pool of 2 worker processes, LSH in the main process.

Reported per measurement: articles/s and microseconds per article over the whole run and over
its last tenth (the cost per article at the full size), CPU time, index bytes per article, peak
RSS (main process, and the largest worker), candidate pairs and bucket entries dropped, and the
load average before and after (the machine has 2 cores and other processes may run). The
baseline is datasketch's MinHash + MinHashLSH with the same shingles, permutations and
threshold, one process, measured in the same run at sizes up to ``--baseline-max``.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from concurrent.futures import Executor, Future, ProcessPoolExecutor, ThreadPoolExecutor
from pathlib import Path
from typing import Any

import numpy as np

from newsweave.dedup.align import split_sentences
from newsweave.dedup.index import CandidateIndex, SketchConfig, Sketches, sketch
from newsweave.text.shingles import words

ECB = Path(__file__).resolve().parents[3] / "shared" / "data" / "ecbplus" / "ecbplus.jsonl"
BATCH = 1000
SEP = "\x1e"  # record separator between articles of a batch file
MODES = ("inline", "threads", "procs")
WORKERS = 2


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


def corpus_files(directory: Path, count: int) -> list[Path]:
    """Return the batch files of the first ``count`` articles, writing the corpus if needed."""
    done = directory / f"complete-{count}"
    if not done.exists():
        directory.mkdir(parents=True, exist_ok=True)
        for k, batch in enumerate(articles(sentence_pool(), count)):
            (directory / f"{k:06d}.txt").write_text(SEP.join(batch), encoding="utf-8")
        done.touch()
    files = [directory / f"{k:06d}.txt" for k in range(-(-count // BATCH))]
    if not all(f.exists() for f in files):
        raise FileNotFoundError(f"incomplete corpus in {directory}")
    return files


def read_batch(path: Path) -> list[str]:
    """Return the articles of one batch file."""
    return path.read_text(encoding="utf-8").split(SEP)


def sketch_file(path: Path) -> Sketches:
    """Read and sketch one batch file (runs in a worker)."""
    return sketch(read_batch(path), SketchConfig())


def worker_rss_mib(_: int = 0) -> float:
    """Return this process's peak RSS in MiB (run in a worker; the argument is ignored)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def rss_mib() -> float:
    """Return the peak resident set size of this process in MiB."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _cpu() -> float:
    """Return user + system CPU seconds of this process and its reaped children."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


def _stream(files: list[Path], mode: str) -> Iterator[tuple[Sketches, Executor | None]]:
    """Yield the sketches of each batch file in order, computed as ``mode`` says."""
    if mode == "inline":
        for path in files:
            yield sketch_file(path), None
        return
    pool: Executor
    if mode == "threads":
        pool = ThreadPoolExecutor(WORKERS)
    else:
        pool = ProcessPoolExecutor(WORKERS)
        list(pool.map(worker_rss_mib, range(WORKERS)))  # start the workers before the clock
    with pool:
        window: list[Future[Sketches]] = []
        for path in files:
            window.append(pool.submit(sketch_file, path))
            if len(window) > 2 * WORKERS:
                yield window.pop(0).result(), pool
        for future in window:
            yield future.result(), pool


def run_ours(files: list[Path], mode: str) -> dict[str, Any]:
    """Sketch, query and insert every batch; return timings and memory."""
    index = CandidateIndex(SketchConfig())
    count, found, tenth = 0, 0, max(1, len(files) // 10)
    worker_rss = 0.0
    load = os.getloadavg()[0]
    wall, cpu = time.perf_counter(), _cpu()
    tail_start, tail_count = wall, 0
    for k, (sk, pool) in enumerate(_stream(files, mode)):
        ids = np.arange(count, count + sk.tokens.size)
        rows, _ = index.candidates(sk)
        index.add(ids, sk)
        found += rows.size
        count += sk.tokens.size
        if k == len(files) - tenth - 1:
            tail_start, tail_count = time.perf_counter(), count
        if pool is not None and k == len(files) - 1 and mode == "procs":
            worker_rss = max(pool.map(worker_rss_mib, range(WORKERS)))
    end = time.perf_counter()
    wall, cpu = end - wall, _cpu() - cpu
    tail = (end - tail_start) / (count - tail_count)
    return {
        "mode": mode,
        "articles": count,
        "articles_per_s": round(count / wall),
        "us_per_article": round(1e6 * wall / count, 1),
        "last_tenth_us_per_article": round(1e6 * tail, 1),
        "cpu_us_per_article": round(1e6 * cpu / count, 1),
        "index_bytes_per_article": round(index.nbytes / len(index), 1),
        "candidate_pairs": found,
        "dropped_entries": getattr(index, "dropped", 0),  # absent before bucket limits
        "peak_rss_mib": round(rss_mib()),
        "worker_peak_rss_mib": round(worker_rss),
        "load_before_after": [round(load, 2), round(os.getloadavg()[0], 2)],
    }


def run_datasketch(files: list[Path]) -> dict[str, Any]:
    """The same work with datasketch MinHash + MinHashLSH (5-gram shingles, 128 perms, 0.3)."""
    from datasketch import MinHash, MinHashLSH

    config = SketchConfig()
    lsh = MinHashLSH(threshold=config.near_threshold, num_perm=config.num_perm)
    count, found = 0, 0
    load = os.getloadavg()[0]
    before = rss_mib()
    wall = time.perf_counter()
    for path in files:
        for text in read_batch(path):
            w = words(text)
            grams = {" ".join(w[j : j + 5]).encode() for j in range(max(1, len(w) - 4))}
            m = MinHash(num_perm=config.num_perm)
            m.update_batch(list(grams))
            found += len(lsh.query(m))
            lsh.insert(str(count), m)
            count += 1
    wall = time.perf_counter() - wall
    return {
        "mode": "datasketch",
        "articles": count,
        "articles_per_s": round(count / wall),
        "us_per_article": round(1e6 * wall / count, 1),
        "candidate_pairs": found,
        "peak_rss_mib": round(rss_mib()),
        "rss_growth_kib_per_article": round((rss_mib() - before) * 1024 / count, 2),
        "bands_rows": list(lsh.b_r) if hasattr(lsh, "b_r") else [lsh.b, lsh.r],
        "load_before_after": [round(load, 2), round(os.getloadavg()[0], 2)],
    }


def measure(mode: str, size: int, corpus: Path) -> None:
    """Run one measurement in this process and print it as a JSON line."""
    files = corpus_files(corpus, size)
    run: Callable[[], dict[str, Any]]
    if mode == "datasketch":

        def run() -> dict[str, Any]:
            return run_datasketch(files)
    else:

        def run() -> dict[str, Any]:
            return run_ours(files, mode)

    print(json.dumps(run()), flush=True)


def main() -> None:
    """Run the sizes and modes asked for, each in a fresh process; print one JSON line each."""
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000, 1_000_000])
    parser.add_argument("--modes", nargs="+", choices=MODES, default=list(MODES))
    parser.add_argument("--baseline-max", type=int, default=100_000)
    default_dir = Path(tempfile.gettempdir()) / "newsweave-bench" / "dedup-corpus"
    parser.add_argument("--corpus-dir", type=Path, default=default_dir)
    parser.add_argument("--measure", nargs=2, metavar=("MODE", "SIZE"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:
        measure(args.measure[0], int(args.measure[1]), args.corpus_dir)
        return
    started = time.perf_counter()
    corpus_files(args.corpus_dir, max(args.sizes))
    info = {
        "python": sys.version.split()[0],
        "cpus": os.cpu_count(),
        "corpus_dir": str(args.corpus_dir),
        "corpus_s": round(time.perf_counter() - started, 1),
    }
    print(json.dumps(info), flush=True)
    for size in sorted(args.sizes):
        modes = list(args.modes) + (["datasketch"] if size <= args.baseline_max else [])
        for mode in modes:
            command = [sys.executable, __file__, "--corpus-dir", str(args.corpus_dir)]
            subprocess.run([*command, "--measure", mode, str(size)], check=True)
    print(json.dumps({"total_s": round(time.perf_counter() - started, 1)}), flush=True)


if __name__ == "__main__":
    main()
