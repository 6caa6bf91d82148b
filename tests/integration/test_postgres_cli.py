"""End to end on PostgreSQL: the CLI with a postgresql:// --db, alone and two processes at once."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from tests.postgres_server import fresh_schema

pytestmark = [pytest.mark.extra("postgres"), pytest.mark.slow]

CORPUS = Path(__file__).parents[2] / "examples" / "corpus"


def _cli(db: str, *args: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "newsweave", "--db", db, *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _run(db: str, *args: str) -> str:
    out, err = _cli(db, *args).communicate(timeout=300)
    assert err.count("Traceback") == 0, err
    return out


def test_ingest_then_stories_match_sqlite(tmp_path):
    with fresh_schema() as pg:
        sqlite = str(tmp_path / "t.db")
        for db in (pg, sqlite):
            _run(db, "ingest", str(CORPUS), "--json")
        stories = {db: json.loads(_run(db, "stories", "--json")) for db in (pg, sqlite)}
        assert stories[pg] == stories[sqlite]
        assert len(stories[pg]) > 3
        dupes = {db: json.loads(_run(db, "dupes", "--json")) for db in (pg, sqlite)}
        assert dupes[pg] == dupes[sqlite]


def test_two_processes_ingesting_overlapping_inputs_lose_and_double_nothing(tmp_path):
    files = sorted(p for p in CORPUS.iterdir() if p.is_file())
    halves = [tmp_path / "a", tmp_path / "b"]
    parts = (files[: len(files) * 2 // 3], files[len(files) // 3 :])  # a third in both
    for half, chosen in zip(halves, parts, strict=True):
        half.mkdir()
        for f in chosen:
            shutil.copy(f, half / f.name)
    with fresh_schema() as pg:
        procs = [_cli(pg, "ingest", str(half), "--json") for half in halves]
        reports = [json.loads(p.communicate(timeout=300)[0]) for p in procs]
        articles = json.loads(_run(pg, "articles", "--json", "--limit", "1000"))
        ids = [a["id"] for a in articles]
        assert len(ids) == len(set(ids))
        assert sum(r["stored"] for r in reports) == len(ids)  # each stored by exactly one
        sqlite = str(tmp_path / "all.db")
        _run(sqlite, "ingest", str(CORPUS), "--json")
        listed = json.loads(_run(sqlite, "articles", "--json", "--limit", "1000"))
        expected = {a["id"] for a in listed}
        assert set(ids) == expected
        # Every article analysed exactly once: the watermark covers them all, the dedup index
        # holds each once, and each has one story membership on a live story. (The partition is
        # not compared with SQLite's: clustering depends on the arrival order, which the two
        # processes interleave.)
        from newsweave.backends.storage.postgres import PostgresStorage

        store = PostgresStorage(pg)
        try:
            assert store.get_state("engine", "analyzed_seq") == str(len(ids)).encode()
            assert store.get_state("dedup.minhash.v1", "count") == str(len(ids)).encode()
            assert all(store.member(aid) is not None for aid in ids)
            assert store._read("SELECT count(*) FROM story_members", ()) == [(len(ids),)]
            in_stories = sorted(a for story in store.iter_stories() for a in story.article_ids)
            assert in_stories == sorted(ids)  # no member left on a merged-away story
        finally:
            store.close()
