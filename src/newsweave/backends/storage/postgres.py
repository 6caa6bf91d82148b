"""PostgreSQL storage (extra ``postgres``): many processes and threads writing one store.

Selected by a ``postgresql://`` URL as ``--db`` or ``NEWSWEAVE_DB``. Same protocol, schema
meaning, queries (``sql_*.py``) and migrations as the SQLite default; see :mod:`.postgres_base`
for how writers are kept from losing or doubling articles, and :mod:`.postgres_dialect` for the
SQL that differs.
"""

from __future__ import annotations

from typing import ClassVar

from newsweave.backends.storage.dsn import POSTGRES_STORAGE
from newsweave.backends.storage.postgres_base import PostgresBase
from newsweave.backends.storage.postgres_dialect import POSTGRES
from newsweave.backends.storage.sql_dialect import Dialect
from newsweave.backends.storage.sql_store import SQLStore


class PostgresStorage(PostgresBase, SQLStore):
    """Articles and stage state in a PostgreSQL database (or one schema of it)."""

    name = POSTGRES_STORAGE
    _requires = ("psycopg", "psycopg_pool")
    _dialect: ClassVar[Dialect] = POSTGRES
