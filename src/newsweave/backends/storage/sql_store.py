"""Every Storage method written once in SQL; a backend adds its connection and dialect."""

from __future__ import annotations

from newsweave.backends.storage.sql_articles import SQLArticles
from newsweave.backends.storage.sql_derived import SQLDerived
from newsweave.backends.storage.sql_entities import SQLEntities
from newsweave.backends.storage.sql_read import SQLReads


class SQLStore(SQLArticles, SQLDerived, SQLEntities, SQLReads):
    """The shared SQL half of a store.

    Subclasses provide ``_dialect``, ``_read``, ``_write_many`` and ``transaction`` (see
    :class:`~newsweave.backends.storage.sql_base.SQLBase`).
    """
