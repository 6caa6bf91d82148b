"""PostgreSQL connections for :class:`~newsweave.backends.storage.postgres.PostgresStorage`.

A small connection pool (psycopg-pool) serves reads from any thread. Every write transaction
first takes a transaction-scoped advisory lock of the store, so writers from any number of
processes and threads run one at a time, as SQLite's ``BEGIN IMMEDIATE`` makes them: sequence
numbers then follow commit order (no article is skipped by ``articles_after``), and the state
a stage reads inside the transaction (dedup index, story clusters) is the latest committed one.
Readers never wait for the lock.
"""

from __future__ import annotations

import logging
import threading
import zlib
from collections.abc import Iterable, Iterator
from contextlib import contextmanager, suppress
from typing import TYPE_CHECKING, Any

from newsweave.backends.storage.dsn import redact, split_schema
from newsweave.backends.storage.postgres_schema import LATEST, MIGRATIONS
from newsweave.backends.storage.sql_rows import Row
from newsweave.errors import MissingExtraError, StorageError

if TYPE_CHECKING:
    import psycopg
    from psycopg_pool import ConnectionPool

logger = logging.getLogger(__name__)

# First key of the two-key advisory locks newsweave takes ("nw"); the second is the schema's.
_LOCK_CLASS = 0x6E77
# Seconds to wait for a first connection before reporting the server unreachable.
_CONNECT_TIMEOUT = 10
# Connections per store: reads on a few threads at once; writes are serialised anyway.
_POOL_MAX = 4


def _modules() -> tuple[Any, Any]:
    """Psycopg and psycopg_pool, imported on first use (the ``postgres`` extra)."""
    try:
        import psycopg
        import psycopg_pool
    except ImportError as exc:
        raise MissingExtraError(
            "[NW010] pip install 'newsweave[postgres]' (psycopg, psycopg-pool)"
        ) from exc
    return psycopg, psycopg_pool


def connect_error(dsn: str, exc: BaseException) -> StorageError:
    """A clear error naming the server, with the password (if any) never shown."""
    psycopg, _ = _modules()
    info: dict[str, Any] = {}
    with suppress(psycopg.ProgrammingError):
        info = psycopg.conninfo.conninfo_to_dict(dsn)
    host = info.get("host") or "localhost"
    where = f"{host}:{info.get('port') or 5432}"
    detail = " ".join(str(exc).split()) or type(exc).__name__
    password = info.get("password")
    if password:
        detail = detail.replace(str(password), "***")
    return StorageError(
        f"cannot connect to PostgreSQL at {where} (database {info.get('dbname', '?')}, "
        f"user {info.get('user', '?')}): {detail}"
    )


class PostgresBase:
    """Pool, migrations, transactions and the query helpers the table mixins use."""

    def __init__(self, dsn: str) -> None:
        """Connect to the server at ``dsn`` (a ``postgresql://`` URL) and migrate the schema.

        A ``schema=NAME`` query parameter keeps the store in that schema (created if needed);
        otherwise the server's search path decides (normally ``public``).
        """
        psycopg, pool_module = _modules()
        self._dsn, self.schema = split_schema(dsn)
        self.path = redact(dsn)  # what messages show: never the password
        self._lock_key = zlib.crc32((self.schema or "public").encode()) - 2**31
        self._local = threading.local()
        try:
            # A direct first connection gives libpq's own reason when the server says no.
            psycopg.connect(self._dsn, connect_timeout=_CONNECT_TIMEOUT).close()
        except psycopg.Error as exc:
            raise connect_error(self._dsn, exc) from None
        self._pool: ConnectionPool = pool_module.ConnectionPool(
            self._dsn,
            min_size=1,
            max_size=_POOL_MAX,
            kwargs={"autocommit": True, "connect_timeout": _CONNECT_TIMEOUT},
            configure=self._configure,
            check=pool_module.ConnectionPool.check_connection,
            open=False,
            name="newsweave",
        )
        try:
            self._pool.open(wait=True, timeout=_CONNECT_TIMEOUT)
            self._migrate()
        except (psycopg.Error, pool_module.PoolTimeout) as exc:
            self._pool.close()
            raise connect_error(self._dsn, exc) from None

    def _configure(self, conn: psycopg.Connection[Any]) -> None:
        if self.schema:
            from psycopg import sql

            conn.execute(sql.SQL("SET search_path TO {}").format(sql.Identifier(self.schema)))

    def _migrate(self) -> None:
        with self.transaction():
            if self.schema:
                from psycopg import sql

                name = sql.Identifier(self.schema)
                self._execute(sql.SQL("CREATE SCHEMA IF NOT EXISTS {}").format(name))
            self._execute("CREATE TABLE IF NOT EXISTS newsweave_schema (version INTEGER NOT NULL)")
            rows = self._read("SELECT max(version) FROM newsweave_schema", ())
            version = int(rows[0][0] or 0)
            if version > LATEST:
                raise StorageError(
                    f"database {self.path} has schema v{version}, newer than this newsweave "
                    f"(v{LATEST}); upgrade newsweave"
                )
            for target, script in MIGRATIONS:
                if target > version:
                    self._execute(script)
                    self._execute("DELETE FROM newsweave_schema")
                    self._execute("INSERT INTO newsweave_schema VALUES (%s)", (target,))
                    logger.info("migrated %s to schema v%d", self.path, target)

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """Group writes into one atomic transaction (nested calls join the outer one)."""
        if getattr(self._local, "conn", None) is not None:
            yield
            return
        psycopg, pool_module = _modules()
        try:
            with self._pool.connection() as conn, conn.transaction():
                conn.execute("SELECT pg_advisory_xact_lock(%s, %s)", (_LOCK_CLASS, self._lock_key))
                self._local.conn = conn
                try:
                    yield
                finally:
                    self._local.conn = None
        except psycopg.Error as exc:
            raise StorageError(f"write to {self.path} failed: {exc}") from None
        except pool_module.PoolTimeout as exc:
            raise StorageError(f"cannot start a write on {self.path}: {exc}") from None

    @contextmanager
    def _connection(self) -> Iterator[psycopg.Connection[Any]]:
        """The transaction's connection on this thread, else one from the pool."""
        conn = getattr(self._local, "conn", None)
        if conn is not None:
            yield conn
            return
        with self._pool.connection() as pooled:
            yield pooled

    def _execute(
        self, sql: str | psycopg.sql.Composed, params: tuple[object, ...] | None = None
    ) -> None:
        with self._connection() as conn:
            conn.execute(sql, params)

    def _read(self, sql: str, params: tuple[object, ...] | list[object]) -> list[Row]:
        psycopg, pool_module = _modules()
        try:
            with self._connection() as conn:
                return conn.execute(sql, params).fetchall()
        except (psycopg.Error, pool_module.PoolTimeout) as exc:
            raise StorageError(f"read from {self.path} failed: {exc}") from None

    def _write(self, sql: str, params: tuple[object, ...]) -> int:
        return self._write_many(sql, [params])

    def _write_many(self, sql: str, rows: Iterable[tuple[object, ...]]) -> int:
        batch = list(rows)
        if not batch:
            return 0
        with self.transaction(), self._connection() as conn, conn.cursor() as cursor:
            cursor.executemany(sql, batch)
            return cursor.rowcount

    def close(self) -> None:
        """Close every pooled connection."""
        self._pool.close()
