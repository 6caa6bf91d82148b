"""SQLite storage (the default): one file, WAL journal, one transaction per article."""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import ClassVar

from newsweave.backends.storage.sql_dialect import Dialect
from newsweave.backends.storage.sql_store import SQLStore
from newsweave.backends.storage.sqlite_dialect import SQLITE
from newsweave.backends.storage.sqlite_schema import LATEST, MIGRATIONS
from newsweave.errors import StorageError

logger = logging.getLogger(__name__)

# How long a writer waits for another process's transaction before giving up (milliseconds).
_BUSY_TIMEOUT_MS = 60_000


class SQLiteStorage(SQLStore):
    """Articles and stage state in one SQLite file; safe for several processes at once.

    One connection serves one thread at a time: a server opens one per thread for reads and
    serialises its writes through one writer (see ``Engine``). The connection may be handed
    between threads (``check_same_thread=False``) so that whoever opened it can close it.
    """

    name = "storage.sqlite.v1"
    _dialect: ClassVar[Dialect] = SQLITE

    def __init__(self, path: str | Path, *, max_pages: int | None = None) -> None:
        """Open (creating and migrating if needed) the database at ``path``.

        Args:
            path: the database file.
            max_pages: cap on the file size in pages (a quota); a write past it fails cleanly.
        """
        self.path = str(path)
        self._depth = 0
        try:
            self._db = sqlite3.connect(
                self.path, isolation_level=None, timeout=60.0, check_same_thread=False
            )
            self._db.execute(f"PRAGMA busy_timeout = {_BUSY_TIMEOUT_MS}")
            self._db.execute("PRAGMA journal_mode = WAL")
            self._db.execute("PRAGMA synchronous = NORMAL")
            self._db.execute("PRAGMA foreign_keys = ON")
            self._migrate()
            if max_pages is not None:
                self._db.execute(f"PRAGMA max_page_count = {int(max_pages)}")
        except sqlite3.DatabaseError as exc:
            raise StorageError(f"cannot open database {self.path}: {exc}") from None

    def _migrate(self) -> None:
        version = int(self._db.execute("PRAGMA user_version").fetchone()[0])
        if version > LATEST:
            raise StorageError(
                f"database {self.path} has schema v{version}, newer than this newsweave "
                f"(v{LATEST}); upgrade newsweave"
            )
        for target, script in MIGRATIONS:
            if target <= version:
                continue
            self._db.execute("BEGIN IMMEDIATE")
            try:
                # Re-check inside the lock: another process may have migrated meanwhile.
                if int(self._db.execute("PRAGMA user_version").fetchone()[0]) < target:
                    for statement in _statements(script):
                        self._db.execute(statement)
                    self._db.execute(f"PRAGMA user_version = {target}")
                self._db.execute("COMMIT")
            except sqlite3.Error:
                self._db.execute("ROLLBACK")
                raise
            logger.info("migrated %s to schema v%d", self.path, target)

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """Group writes into one atomic transaction (nested calls join the outer one)."""
        if self._depth:
            self._depth += 1
            try:
                yield
            finally:
                self._depth -= 1
            return
        try:
            self._db.execute("BEGIN IMMEDIATE")
        except sqlite3.Error as exc:
            raise StorageError(f"cannot start a write on {self.path}: {exc}") from None
        self._depth = 1
        try:
            yield
            self._db.execute("COMMIT")
        except BaseException:
            self._db.execute("ROLLBACK")
            raise
        finally:
            self._depth = 0

    def _write_many(self, sql: str, rows: Iterable[tuple[object, ...]]) -> int:
        try:
            with self.transaction():
                cursor = self._db.executemany(sql, rows)
        except sqlite3.Error as exc:
            raise StorageError(f"write to {self.path} failed: {exc}") from None
        return cursor.rowcount

    def integrity_ok(self) -> bool:
        """Run ``PRAGMA integrity_check``; True when the file is sound."""
        return bool(self._read("PRAGMA integrity_check", ()).fetchone()[0] == "ok")

    def _read(self, sql: str, params: tuple[object, ...]) -> sqlite3.Cursor:
        try:
            return self._db.execute(sql, params)
        except sqlite3.Error as exc:
            raise StorageError(f"read from {self.path} failed: {exc}") from None

    def close(self) -> None:
        """Close the connection."""
        self._db.close()


def _statements(script: str) -> list[str]:
    """Split a migration script into statements (triggers hold inner semicolons)."""
    out: list[str] = []
    buffer = ""
    for piece in script.split(";"):
        buffer += piece + ";"
        if sqlite3.complete_statement(buffer):
            if buffer.strip(" \n;"):
                out.append(buffer.strip())
            buffer = ""
    return out
