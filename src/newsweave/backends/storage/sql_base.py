"""What the shared SQL mixins need from a backend, and the statement builders they share.

A backend (:class:`~newsweave.backends.storage.sqlite.SQLiteStorage`,
:class:`~newsweave.backends.storage.postgres.PostgresStorage`) owns the connection: it runs
statements in its driver's parameter style, and its ``transaction`` takes the store's write
lock (SQLite's ``BEGIN IMMEDIATE``, a PostgreSQL advisory lock). The mixins write ``?`` marks
and pass every statement through the backend's :class:`Dialect` first.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from contextlib import AbstractContextManager
from typing import ClassVar

from newsweave.backends.storage.sql_dialect import Dialect
from newsweave.backends.storage.sql_rows import Row


def marks(count: int) -> str:
    """``count`` parameter marks, comma-separated."""
    return ",".join("?" * count)


def insert(table: str, names: tuple[str, ...]) -> str:
    """``INSERT INTO table (names) VALUES (?, ...)``."""
    return f"INSERT INTO {table} ({', '.join(names)}) VALUES ({marks(len(names))})"


def upsert(table: str, names: tuple[str, ...], key: tuple[str, ...]) -> str:
    """An insert that replaces the other columns of a row whose ``key`` is present."""
    updates = ", ".join(f"{n}=excluded.{n}" for n in names if n not in key)
    return f"{insert(table, names)} ON CONFLICT ({', '.join(key)}) DO UPDATE SET {updates}"


class SQLBase:
    """The connection helpers a backend provides, and the dialect-bound calls built on them."""

    _dialect: ClassVar[Dialect]

    def _read(self, sql: str, params: tuple[object, ...]) -> Iterable[Row]:
        raise NotImplementedError

    def _write_many(self, sql: str, rows: Iterable[tuple[object, ...]]) -> int:
        raise NotImplementedError

    def transaction(self) -> AbstractContextManager[None]:
        """Group writes into one atomic transaction."""
        raise NotImplementedError

    def _rows(self, sql: str, params: tuple[object, ...] = ()) -> list[Row]:
        """Every row of a query written with ``?`` marks."""
        return list(self._read(self._dialect.bind(sql), params))

    def _row(self, sql: str, params: tuple[object, ...] = ()) -> Row | None:
        """The first row of a query written with ``?`` marks, or None."""
        return next(iter(self._read(self._dialect.bind(sql), params)), None)

    def _change(self, sql: str, rows: Iterable[tuple[object, ...]]) -> int:
        """Run a statement written with ``?`` marks once per row; the rows it changed."""
        return self._write_many(self._dialect.bind(sql), rows)

    def _delete_where_in(self, table: str, column: str, values: Sequence[object]) -> None:
        """Delete the rows whose ``column`` is one of ``values`` (in one transaction)."""
        with self.transaction():
            for chunk in self._dialect.chunks(values):
                condition, params = self._dialect.one_of(column, chunk)
                self._change(f"DELETE FROM {table} WHERE {condition}", [params])
