"""One storage fixture for every backend: memory, SQLite and PostgreSQL run the same tests."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from tests.postgres_server import fresh_schema

from newsweave.backends.storage.base import Storage
from newsweave.backends.storage.memory import MemoryStorage
from newsweave.backends.storage.sqlite import SQLiteStorage


@pytest.fixture(params=["memory", "sqlite", "postgres"])
def empty_store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Storage]:
    """An empty store of each backend (PostgreSQL: a schema of its own, dropped afterwards)."""
    if request.param == "memory":
        yield MemoryStorage()
    elif request.param == "sqlite":
        backend = SQLiteStorage(tmp_path / "t.db")
        yield backend
        backend.close()
    else:
        from newsweave.backends.storage.postgres import PostgresStorage

        with fresh_schema() as dsn:
            backend = PostgresStorage(dsn)
            yield backend
            backend.close()
