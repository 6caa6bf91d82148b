"""Time per analysis batch as the store grows: Engine.update (dedup + stories) on SQLite.

Usage: ``python -m bench.speed.update_speed [--articles 20000] [--batch 512] [--db PATH]``

Stores generated articles (real ECB+ sentences recombined, see :mod:`bench.speed.corpus`) in a
fresh SQLite file one batch at a time and runs the analysis stages after each batch, as
repeated ``newsweave ingest`` runs would (one engine, so stage caches live on). It prints, for
each tenth of the run, the mean seconds per batch, the state bytes in the store and the peak
RSS. Entities are off (NER has its own benchmark). With state kept as
rows and append-only logs, the time per batch should stay flat as the store grows; a stage that
rewrote its whole state every batch would grow linearly.
"""

from __future__ import annotations

import argparse
import json
import resource
import sqlite3
import tempfile
import time
from dataclasses import replace
from pathlib import Path

from bench.quality.ecbdata import load_rows
from bench.speed.corpus import generate
from newsweave.config import Config
from newsweave.engine import Engine
from newsweave.model import Article


def state_bytes(db: Path) -> int:
    """Bytes of stage state stored in the SQLite file."""
    with sqlite3.connect(db) as con:
        return int(con.execute("SELECT COALESCE(SUM(LENGTH(value)), 0) FROM state").fetchone()[0])


def main() -> None:
    """Run the benchmark and print one JSON line per tenth of the run."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=20000)
    ap.add_argument("--batch", type=int, default=512)
    ap.add_argument("--db", type=Path)
    ap.add_argument("--embedder", default="embed.static.v1")
    args = ap.parse_args()
    db = args.db or Path(tempfile.mkdtemp(prefix="nw-update-")) / "bench.db"
    config = Config(db=str(db))
    stages = replace(config.stages, entities="none", embedder=args.embedder)
    config = replace(config, stages=stages)
    articles = [
        Article(id=g.id, title=g.title, text=g.text, date=g.date)
        for g in generate(load_rows(), args.articles, seed=3)
    ]
    with Engine(config) as engine:
        batches = -(-args.articles // args.batch)
        report_every = max(1, batches // 10)
        times: list[float] = []
        done = 0
        for start in range(0, len(articles), args.batch):
            for article in articles[start : start + args.batch]:
                engine.storage.add_article(article)
            started = time.perf_counter()
            done += engine.update(batch_size=args.batch)
            times.append(time.perf_counter() - started)
            if len(times) % report_every == 0 or done >= args.articles:
                recent = times[-report_every:]
                row = {
                    "articles": done,
                    "s_per_batch": round(sum(recent) / len(recent), 3),
                    "state_mb": round(state_bytes(db) / 2**20, 1),
                    "peak_rss_mb": round(
                        resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1
                    ),
                }
                print(json.dumps(row), flush=True)


if __name__ == "__main__":
    main()
