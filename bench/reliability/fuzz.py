"""Mutation fuzzing of every reader and the cleaner, seeded from the examples/ corpus.

Each input is an example file (txt, HTML, JSONL) or a generated WARC/feed, mutated by byte
flips, truncation, splicing, random bytes, deep nesting or huge lines, then read and cleaned.
Anything other than an article or an ``InputError`` escaping is a crash.

Usage: ``python bench/reliability/fuzz.py [--inputs 5000] [--seed 1]``
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import tempfile
import time
import traceback
from collections import Counter
from pathlib import Path

from newsweave.errors import InputError
from newsweave.readers import ReadLimits, read_input
from newsweave.stages.clean import clean_article

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "examples" / "corpus"
LIMITS = ReadLimits(max_bytes=2_000_000, html_seconds=5)
EXTRA_SEEDS = {
    ".rss": b"<?xml version='1.0'?><rss version='2.0'><channel><title>T</title><item>"
    b"<title>A</title><link>https://x.example/a</link><description>&lt;p&gt;Body text.&lt;/p&gt;"
    b"</description></item></channel></rss>",
    ".warc": b"WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: https://x.example/\r\n"
    b"WARC-Record-ID: <urn:uuid:00000000-0000-0000-0000-000000000001>\r\n"
    b"Content-Type: application/http; msgtype=response\r\nContent-Length: 80\r\n\r\n"
    b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<html><body><p>Body text.</p></body></html>"
    b"\r\n\r\n",
}


def _mutate(data: bytes, rng: random.Random) -> bytes:
    choice = rng.randrange(7)
    if not data or choice == 0:
        return bytes(rng.randrange(256) for _ in range(rng.randrange(1, 400)))
    if choice == 1:
        out = bytearray(data)
        for _ in range(rng.randrange(1, 20)):
            out[rng.randrange(len(out))] = rng.randrange(256)
        return bytes(out)
    if choice == 2:
        return data[: rng.randrange(len(data))]
    if choice == 3:
        cut = rng.randrange(len(data))
        return data[:cut] + data[rng.randrange(len(data)) :]
    if choice == 4:
        depth = rng.randrange(100, 5000)
        opener, closer = rng.choice([(b"<div>", b"</div>"), (b"[", b"]"), (b'{"a":', b"}")])
        return data[:100] + opener * depth + b"x" + closer * rng.randrange(depth + 1) + data[100:]
    if choice == 5:
        return data + b"x" * rng.randrange(10_000, 300_000)
    return data.replace(b"\n", b"\r", rng.randrange(1, 5))


def _seeds() -> list[tuple[str, bytes]]:
    seeds = [(path.suffix, path.read_bytes()) for path in sorted(CORPUS.iterdir())]
    return seeds + list(EXTRA_SEEDS.items())


def run(inputs: int, seed: int) -> dict[str, object]:
    """Fuzz ``inputs`` mutated files; return counts of outcomes and crash samples."""
    rng = random.Random(seed)
    seeds = _seeds()
    outcomes: Counter[str] = Counter()
    crashes: list[str] = []
    started = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        for number in range(inputs):
            suffix, data = rng.choice(seeds)
            path = Path(tmp) / f"f{number}{suffix}"
            path.write_bytes(_mutate(data, rng))
            try:
                for item in read_input(str(path), LIMITS):
                    if isinstance(item, InputError):
                        outcomes[f"error.{item.reason}"] += 1
                        continue
                    clean_article(item)
                    outcomes["article"] += 1
            except InputError as exc:
                outcomes[f"error.{exc.reason}"] += 1
            except Exception:
                outcomes["crash"] += 1
                crashes.append(f"{path.name}: {traceback.format_exc(limit=3)}")
            path.unlink()
    return {
        "inputs": inputs,
        "crashes": outcomes["crash"],
        "seconds": round(time.perf_counter() - started, 1),
        "outcomes": dict(sorted(outcomes.items())),
        "crash_samples": crashes[:5],
    }


def main() -> int:
    """Run the fuzzer and print its figures as JSON; exit 1 on any crash."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--inputs", type=int, default=5000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    result = run(args.inputs, args.seed)
    print(json.dumps(result, indent=2))
    return 1 if result["crashes"] else 0


if __name__ == "__main__":
    sys.exit(main())
