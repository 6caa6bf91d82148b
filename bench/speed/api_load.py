"""Loopback load test of ``newsweave serve``: concurrent clients, mixed reads and posts.

Usage: ``python -m bench.speed.api_load [--clients 100] [--seconds 60] [--post-share 0.05]``

Ingests the examples corpus into a fresh SQLite file, starts ``newsweave serve`` on a free
loopback port in its own process (with a write token), then runs ``--clients`` asyncio httpx
clients for ``--seconds``: each loops over story-page reads (JSON and HTML), story-list
pages, searches and article posts, picked at random. Afterwards every acknowledged post is
read back by id and the article count is checked. It prints one JSON object: requests,
errors, posts sent / acknowledged / lost, and p50/p99 milliseconds per endpoint. The server
and the load generator share the machine, so the figures are a floor, not a capacity.

The request loop is bounded in time and count and only ever targets 127.0.0.1.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import socket
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

import httpx

CORPUS = Path(__file__).resolve().parents[2] / "examples" / "corpus"
TOKEN = "load-test-token"
SEARCHES = ("crane", "water board", "battery factory", "warehouse fire", "tram", "union")
# Hard cap on requests per client, so the loop is bounded even if the server answers instantly.
MAX_REQUESTS_PER_CLIENT = 100_000


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


class Load:
    """Counters shared by the clients."""

    def __init__(self) -> None:
        """Start with nothing counted."""
        self.latency: dict[str, list[float]] = defaultdict(list)
        self.errors: dict[str, int] = defaultdict(int)
        self.error_samples: list[str] = []
        self.posted: list[str] = []
        self.posts_sent = 0

    def record(self, label: str, started: float, ok: bool, note: str = "") -> None:
        """Count one answered (or failed) request of ``label``."""
        self.latency[label].append((time.perf_counter() - started) * 1000)
        if not ok:
            self.errors[label] += 1
            if len(self.error_samples) < 5:
                self.error_samples.append(f"{label}: {note[:200]}")


def _article(client_no: int, n: int) -> dict[str, str]:
    town = random.choice(["Orlen Bay", "Hollinsmere", "Kessring Valley", "Port Calloway"])
    return {
        "id": f"load-{client_no}-{n}",
        "title": f"{town} council meeting {client_no}-{n} debates harbour budget",
        "text": (
            f"The {town} council met on Tuesday to debate the harbour budget for item "
            f"{client_no}-{n}. Councillors asked for a review of the storm wall repairs, "
            "and the mayor said a decision would come next week."
        ),
        "source": random.choice(["Orlen Gazette", "Valley Courier", "Harbour Post"]),
        "date": "2026-03-01T09:00:00Z",
    }


async def _client(
    http: httpx.AsyncClient, no: int, stories: list[str], deadline: float, share: float, load: Load
) -> None:
    auth = {"Authorization": f"Bearer {TOKEN}"}
    for n in range(MAX_REQUESTS_PER_CLIENT):
        if time.perf_counter() >= deadline:
            return
        pick = random.random()
        started = time.perf_counter()
        try:
            if pick < share:
                load.posts_sent += 1
                label = "POST /api/articles"
                r = await http.post("/api/articles", json=_article(no, n), headers=auth)
                if r.status_code == 201:
                    load.posted.extend(a["id"] for a in r.json()["articles"])
            elif pick < share + 0.45:
                label = "GET /api/stories/{id}"
                r = await http.get(f"/api/stories/{random.choice(stories)}")
            elif pick < share + 0.65:
                label = "GET /stories/{id} (html)"
                r = await http.get(f"/stories/{random.choice(stories)}")
            elif pick < share + 0.8:
                label = "GET /api/stories"
                r = await http.get("/api/stories", params={"limit": 20})
            else:
                label = "GET /api/search"
                r = await http.get("/api/search", params={"q": random.choice(SEARCHES)})
            load.record(label, started, r.status_code < 400, r.text)
        except httpx.HTTPError as exc:
            load.record(label, started, False, repr(exc))


async def _run(base: str, clients: int, seconds: float, share: float) -> dict[str, object]:
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    timeout = httpx.Timeout(60.0)
    async with httpx.AsyncClient(base_url=base, limits=limits, timeout=timeout) as http:
        stories = [s["id"] for s in (await http.get("/api/stories")).json()["stories"]]
        before = (await http.get("/api/health")).json()["articles"]
        load = Load()
        deadline = time.perf_counter() + seconds
        started = time.perf_counter()
        await asyncio.gather(
            *(_client(http, no, stories, deadline, share, load) for no in range(clients))
        )
        elapsed = time.perf_counter() - started
        found = 0
        for article_id in load.posted:
            found += (await http.get(f"/api/articles/{article_id}")).status_code == 200
        after = (await http.get("/api/health")).json()["articles"]
    total = sum(len(v) for v in load.latency.values())
    return {
        "clients": clients,
        "seconds": round(elapsed, 1),
        "requests": total,
        "requests_per_second": round(total / elapsed, 1),
        "errors": sum(load.errors.values()),
        "error_samples": load.error_samples,
        "posts_sent": load.posts_sent,
        "posts_acknowledged": len(load.posted),
        "posts_found_after": found,
        "posts_lost": len(load.posted) - found,
        "article_count_grew_by": after - before,
        "endpoints": {
            label: {
                "requests": len(values),
                "errors": load.errors[label],
                "p50_ms": round(_percentile(values, 0.50), 1),
                "p99_ms": round(_percentile(values, 0.99), 1),
            }
            for label, values in sorted(load.latency.items())
        },
    }


def _start_server(db: Path, port: int) -> subprocess.Popen[bytes]:
    env = dict(os.environ, NEWSWEAVE_TOKEN=TOKEN)
    command = [sys.executable, "-m", "newsweave", "--db", str(db), "serve", "--port", str(port)]
    server = subprocess.Popen(command, env=env, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/api/health", timeout=1).status_code == 200:
                return server
        except httpx.HTTPError:
            time.sleep(0.2)
    server.kill()
    raise RuntimeError("server did not start")


def main() -> None:
    """Run the load test and print its figures as JSON."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--clients", type=int, default=100)
    ap.add_argument("--seconds", type=float, default=60.0)
    ap.add_argument("--post-share", type=float, default=0.05, help="share of requests that post")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "load.db"
        subprocess.run(
            [sys.executable, "-m", "newsweave", "--db", str(db), "ingest", str(CORPUS)],
            check=True,
            capture_output=True,
        )
        port = _free_port()
        server = _start_server(db, port)
        try:
            figures = asyncio.run(
                _run(f"http://127.0.0.1:{port}", args.clients, args.seconds, args.post_share)
            )
        finally:
            server.terminate()
            server.wait(timeout=30)
    print(json.dumps(figures, indent=2))


if __name__ == "__main__":
    main()
