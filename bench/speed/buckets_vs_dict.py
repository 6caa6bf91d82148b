"""The dedup bucket table against the plain structure a reader would write: a dict of lists.

``dedup/buckets.py`` is a hand-written open-addressing hash table in numpy arrays. This
benchmark measures what it buys over a ``dict[int, list[int]]`` multimap with the same bucket
limit (earliest ids kept), on the same LSH-like keys: ``--keys`` keys from articles of
``--bands`` bands each, inserted ``--batch`` articles at a time (as the dedup stage does),
then looked up in batches.
Reported: insert and lookup seconds, bytes held per stored key (tracemalloc), and the ratios
dict / table measured in the same run.

Usage: ``python -m bench.speed.buckets_vs_dict [--articles 100000] [--bands 16]``
"""

from __future__ import annotations

import argparse
import json
import time
import tracemalloc
from collections.abc import Callable
from typing import Any

import numpy as np

from newsweave.dedup.buckets import BucketIndex

LIMIT = 32


class DictMultimap:
    """The plain version: key -> list of ids, at most ``limit`` (the earliest) per key."""

    def __init__(self, limit: int = LIMIT) -> None:
        """An empty map keeping ``limit`` ids per key."""
        self.limit = limit
        self.table: dict[int, list[int]] = {}

    def add(self, keys: np.ndarray, ids: np.ndarray) -> None:
        """Store ``ids[i]`` under ``keys[i]``."""
        for key, item in zip(keys.tolist(), ids.tolist(), strict=True):
            bucket = self.table.setdefault(key, [])
            if len(bucket) < self.limit:
                bucket.append(item)

    def lookup(self, keys: np.ndarray) -> tuple[list[int], list[int]]:
        """Every ``(position, id)`` stored under the keys."""
        positions: list[int] = []
        found: list[int] = []
        for pos, key in enumerate(keys.tolist()):
            for item in self.table.get(key, ()):
                positions.append(pos)
                found.append(item)
        return positions, found


def _fill(make: Callable[[], Any], keys: np.ndarray, bands: int, batch: int) -> Any:  # noqa: ANN401
    table = make()
    step = bands * batch
    for start in range(0, keys.size, step):
        chunk = keys[start : start + step]
        ids = (np.arange(start, start + chunk.size) // bands).astype(np.uint32)
        table.add(chunk, ids)
    return table


def run(make: Callable[[], Any], keys: np.ndarray, bands: int, batch: int) -> dict[str, float]:
    """Insert every article's keys (``batch`` articles per call), then look them all up."""
    started = time.perf_counter()
    table = _fill(make, keys, bands, batch)
    inserted = time.perf_counter()
    hits = 0
    for start in range(0, keys.size, bands * batch):
        hits += len(table.lookup(keys[start : start + bands * batch])[1])
    done = time.perf_counter()
    tracemalloc.start()  # memory from a second fill, traced (tracing slows it down)
    kept = _fill(make, keys, bands, batch)
    held = tracemalloc.get_traced_memory()[0]
    tracemalloc.stop()
    del kept
    return {
        "insert_s": round(inserted - started, 3),
        "lookup_s": round(done - inserted, 3),
        "bytes_per_key": round(held / keys.size, 1),
        "hits": hits,
    }


def main() -> None:
    """Run both and print JSON."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--bands", type=int, default=16)
    parser.add_argument("--batch", type=int, default=256, help="articles per insert call")
    args = parser.parse_args()
    rng = np.random.default_rng(7)
    n = args.articles * args.bands
    keys = rng.integers(1, 2**63, size=n, dtype=np.uint64)
    copies = rng.choice(n, size=n // 10, replace=False)  # a tenth of the keys repeat (copies)
    keys[copies] = keys[rng.choice(n, size=copies.size)]
    table = run(BucketIndex, keys, args.bands, args.batch)
    plain = run(DictMultimap, keys, args.bands, args.batch)
    assert table["hits"] == plain["hits"], (table["hits"], plain["hits"])
    ratio = {k: round(plain[k] / table[k], 2) for k in ("insert_s", "lookup_s", "bytes_per_key")}
    print(
        json.dumps({"keys": n, "table": table, "dict": plain, "dict_over_table": ratio}, indent=2)
    )


if __name__ == "__main__":
    main()
