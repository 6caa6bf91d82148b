"""The PostgreSQL server the tests use: DSN from NEWSWEAVE_TEST_PG, one schema per test.

Without a reachable server (or without the ``postgres`` extra) the PostgreSQL tests skip,
except when ``CI=true``: there they fail, so a broken CI server is never a silent pass.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager

import pytest

DEFAULT_DSN = "postgresql://postgres@127.0.0.1:5432/test"


def test_dsn() -> str:
    """The server's DSN (``NEWSWEAVE_TEST_PG``, else the local trust-auth server)."""
    return os.environ.get("NEWSWEAVE_TEST_PG", DEFAULT_DSN)


def _unavailable(reason: str) -> None:
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"PostgreSQL tests must run with CI=true: {reason}")
    pytest.skip(reason)


def require_postgres() -> str:
    """The DSN, after checking that the extra is installed and the server answers."""
    try:
        import psycopg
    except ImportError:
        _unavailable("the postgres extra (psycopg) is not installed")
        raise
    dsn = test_dsn()
    try:
        psycopg.connect(dsn, connect_timeout=5).close()
    except psycopg.Error as exc:
        _unavailable(f"no PostgreSQL server at NEWSWEAVE_TEST_PG: {exc}")
    return dsn


@contextmanager
def fresh_schema() -> Iterator[str]:
    """A DSN naming a new, empty schema, dropped again afterwards."""
    import psycopg
    from psycopg import sql

    dsn = require_postgres()
    schema = f"nw_test_{uuid.uuid4().hex[:12]}"
    joiner = "&" if "?" in dsn else "?"
    try:
        yield f"{dsn}{joiner}schema={schema}"
    finally:
        with psycopg.connect(dsn, autocommit=True) as conn:
            conn.execute(sql.SQL("DROP SCHEMA IF EXISTS {} CASCADE").format(sql.Identifier(schema)))
