"""What the SQLite mixins need from :class:`~newsweave.backends.storage.sqlite.SQLiteStorage`."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from contextlib import AbstractContextManager


class SQLiteMixin:
    """Declares the connection helpers that SQLiteStorage provides to its table mixins."""

    def _read(self, sql: str, params: tuple[object, ...]) -> sqlite3.Cursor:
        raise NotImplementedError

    def _write_many(self, sql: str, rows: Iterable[tuple[object, ...]]) -> int:
        raise NotImplementedError

    def transaction(self) -> AbstractContextManager[None]:
        """Group writes into one atomic transaction."""
        raise NotImplementedError
