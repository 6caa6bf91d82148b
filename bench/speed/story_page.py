"""Story page latency with a large store: the read model's queries at 100k articles.

Usage: ``python -m bench.speed.story_page [--articles 100000] [--requests 1000] [--db PATH]``

Fills a fresh SQLite file with generated articles, stories, members, mentions and copy edges
(written straight through the Storage protocol, no pipeline: this measures reads), then asks
the FastAPI app in-process (TestClient, so routing, validation and JSON or template rendering
count) for random story pages (JSON and HTML), story-list pages with and without filters,
and searches. Prints p50/p99 milliseconds per request kind as JSON.

Story pages are timed twice: on 100 stories whose facts and summary are stored (a page seen
before), and on random stories, most seen for the first time: those queue their analysis on
the server's analysis thread, which then competes for the CPU with the requests timed.
"""

from __future__ import annotations

import argparse
import json
import random
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

from fastapi.testclient import TestClient

from newsweave.api import create_app
from newsweave.backends.storage.sqlite import SQLiteStorage
from newsweave.config import Config
from newsweave.engine import Engine
from newsweave.model import Article, Mention, ProvenanceEdge, Story, StoryMember

_VOCABULARY = (
    "harbour council storm budget vote wall market ferry strike crane union port water board "
    "rate rise factory battery jobs fire warehouse crews night tram extension mayor minister"
)
_WORDS = tuple(_VOCABULARY.split())
_SOURCES = [f"Outlet {i}" for i in range(40)]
_START = datetime(2020, 1, 1, tzinfo=UTC)
_BATCH = 2000


def _fill(store: SQLiteStorage, articles: int, rng: random.Random) -> list[str]:
    """Write ``articles`` articles in stories of 1-8; return the story ids."""
    story_ids: list[str] = []
    entities = [{"id": f"e{i}", "name": f"Name {i}", "label": "PERSON"} for i in range(20_000)]
    store.put_entities(entities)
    done = 0
    while done < articles:
        with store.transaction():
            batch_end = min(articles, done + _BATCH)
            while done < batch_end:
                size = min(rng.randint(1, 8), batch_end - done)
                sid = f"st{len(story_ids):07d}"
                when = _START + timedelta(minutes=7 * len(story_ids))
                members, mentions, edges = [], [], []
                for k in range(size):
                    aid = f"a{done:07d}"
                    text = " ".join(rng.choices(_WORDS, k=120))
                    store.add_article(
                        Article(
                            id=aid,
                            title=f"{rng.choice(_WORDS).title()} {sid} {k}",
                            text=text,
                            source=rng.choice(_SOURCES),
                            date=when + timedelta(hours=k),
                            url=f"https://news.example/{aid}",
                        )
                    )
                    members.append(StoryMember(article_id=aid, story_id=sid, score=0.9))
                    for e in rng.sample(range(len(entities)), 5):
                        start = rng.randrange(0, 500)
                        mentions.append(
                            Mention(
                                entity_id=f"e{e}",
                                article_id=aid,
                                text=f"Name {e}",
                                start=start,
                                end=start + 6,
                                label="PERSON",
                            )
                        )
                    if k and rng.random() < 0.1:
                        edges.append(
                            ProvenanceEdge(
                                child=aid, parent=f"a{done - k:07d}", kind="near", score=0.9
                            )
                        )
                    done += 1
                store.put_stories(
                    [
                        Story(
                            id=sid,
                            headline=f"Story {sid}",
                            article_ids=(),
                            first=when,
                            last=when + timedelta(hours=size - 1),
                        )
                    ]
                )
                store.put_members(members)
                store.put_mentions(mentions)
                store.put_edges(edges)
                story_ids.append(sid)
    return story_ids


def _time(call: Callable[[], int], n: int) -> dict[str, float]:
    times = []
    for _ in range(n):
        started = time.perf_counter()
        status = call()
        times.append((time.perf_counter() - started) * 1000)
        assert status == 200, status
    times.sort()
    return {
        "requests": n,
        "p50_ms": round(times[n // 2], 2),
        "p99_ms": round(times[min(n - 1, int(n * 0.99))], 2),
    }


def main() -> None:
    """Build the store, time the requests, print JSON."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=100_000)
    ap.add_argument("--requests", type=int, default=1000)
    ap.add_argument("--db", type=Path, default=None, help="keep the store here")
    args = ap.parse_args()
    rng = random.Random(7)
    with tempfile.TemporaryDirectory() as tmp:
        db = args.db or Path(tmp) / "big.db"
        started = time.perf_counter()
        store = SQLiteStorage(db)
        stories = _fill(store, args.articles, rng)
        store.close()
        fill_seconds = time.perf_counter() - started
        config = Config(db=str(db))
        with Engine(config) as engine, TestClient(create_app(engine)) as client:
            n = args.requests
            analysed = rng.sample(stories, 100)
            for story_id in analysed:  # facts and summary stored: what a revisited page reads
                engine.prepare_story(story_id)
            results = {
                "GET /api/stories/{id} (analysed)": _time(
                    lambda: client.get(f"/api/stories/{rng.choice(analysed)}").status_code, n
                ),
                "GET /stories/{id} (html, analysed)": _time(
                    lambda: client.get(f"/stories/{rng.choice(analysed)}").status_code, n
                ),
                "GET /api/stories/{id}": _time(
                    lambda: client.get(f"/api/stories/{rng.choice(stories)}").status_code, n
                ),
                "GET /stories/{id} (html)": _time(
                    lambda: client.get(f"/stories/{rng.choice(stories)}").status_code, n
                ),
                "GET /api/stories": _time(lambda: client.get("/api/stories").status_code, n // 4),
                "GET /api/stories?source=": _time(
                    lambda: (
                        client.get(
                            "/api/stories", params={"source": rng.choice(_SOURCES)}
                        ).status_code
                    ),
                    n // 4,
                ),
                "GET /api/stories?entity=": _time(
                    lambda: (
                        client.get(
                            "/api/stories", params={"entity": f"e{rng.randrange(20_000)}"}
                        ).status_code
                    ),
                    n // 4,
                ),
                "GET /api/search": _time(
                    lambda: (
                        client.get(
                            "/api/search", params={"q": " ".join(rng.sample(_WORDS, 2))}
                        ).status_code
                    ),
                    n // 4,
                ),
            }
    print(
        json.dumps(
            {
                "articles": args.articles,
                "stories": len(stories),
                "fill_seconds": round(fill_seconds, 1),
                "endpoints": results,
            },
            indent=2,
        )
    )


if __name__ == "__main__":
    main()
