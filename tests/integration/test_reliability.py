"""Crash safety, concurrent writers, disk full and hostile text (issue 5)."""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from pathlib import Path

import pytest

from newsweave.backends.storage.memory import MemoryStorage
from newsweave.backends.storage.sqlite import SQLiteStorage
from newsweave.config import Config
from newsweave.engine import Engine
from newsweave.errors import StorageError

ROOT = Path(__file__).resolve().parents[2]


def _kill_module():
    path = ROOT / "bench" / "reliability" / "kill_ingest.py"
    spec = importlib.util.spec_from_file_location("kill_ingest", path)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["kill_ingest"] = module
    spec.loader.exec_module(module)
    return module


@pytest.mark.issue(5)
def test_sigkill_during_ingest_loses_and_duplicates_nothing(tmp_path):
    result = _kill_module().run_trials(trials=3, files=200, seed=11, workdir=tmp_path)
    assert result.integrity == "ok"
    assert result.killed >= 1
    assert result.analyzed
    assert result.stored == result.inputs == 600
    assert (result.lost, result.duplicated, result.partial) == (0, 0, 0)


@pytest.mark.issue(5)
def test_two_concurrent_writers_lose_nothing(tmp_path):
    kill = _kill_module()
    kill.write_inputs(tmp_path / "a", 150, seed=1)
    kill.write_inputs(tmp_path / "b", 150, seed=2)
    db = tmp_path / "shared.db"
    command = [sys.executable, "-m", "newsweave", "--db", str(db), "ingest"]
    procs = [
        subprocess.Popen([*command, str(tmp_path / d)], stderr=subprocess.PIPE, text=True)
        for d in ("a", "b")
    ]
    errors = [proc.communicate(timeout=300)[1] for proc in procs]
    assert [proc.returncode for proc in procs] == [0, 0], errors
    assert not any("locked" in err for err in errors)
    store = SQLiteStorage(db)
    assert store.count_articles() == 300
    assert store.integrity_ok()
    store.close()


@pytest.mark.issue(5)
def test_disk_full_is_a_clear_error_and_the_store_stays_usable(tmp_path):
    kill = _kill_module()
    kill.write_inputs(tmp_path / "in", 300, seed=3)
    db = tmp_path / "small.db"
    engine = Engine(Config(db=str(db)), storage=SQLiteStorage(db, max_pages=40))
    with pytest.raises(StorageError, match="full"):
        engine.ingest([tmp_path / "in"])
    stored = engine.storage.count_articles()
    engine.close()
    assert 0 < stored < 300
    reopened = SQLiteStorage(db)
    assert reopened.integrity_ok()
    assert len(list(reopened.iter_articles())) == stored
    reopened.close()
    with Engine(Config(db=str(db))) as engine:
        report = engine.ingest([tmp_path / "in"])
    assert report.ok
    assert report.stored + stored == 300


@pytest.mark.issue(5)
def test_hostile_text_is_stored_inert_and_printed_escaped(newsweave, tmp_path):
    payload = (
        "Council meets on [bold]Monday[/bold]\n\n"
        'The agenda <script>alert("x")</script> includes <img src=x onerror=alert(1)> and '
        '<a href="javascript:alert(2)">a link</a>.'
    )
    (tmp_path / "evil.txt").write_text(payload)
    assert newsweave("ingest", str(tmp_path / "evil.txt")).returncode == 0
    [article] = json.loads(newsweave("articles", "--json").stdout)
    assert "<script>" in article["text"]
    shown = newsweave("show", article["id"]).stdout
    assert "[bold]Monday[/bold]" in shown
    assert "onerror=alert(1)" in shown


def test_memory_storage_needs_no_file():
    with Engine(Config(db="unused"), storage=MemoryStorage()) as engine:
        assert engine.articles() == []
