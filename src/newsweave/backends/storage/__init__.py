"""Storage backends behind the :class:`~newsweave.backends.storage.base.Storage` protocol."""

from __future__ import annotations

from newsweave.backends.storage.base import Storage
from newsweave.backends.storage.memory import MemoryStorage
from newsweave.backends.storage.sqlite import SQLiteStorage

__all__ = ["MemoryStorage", "SQLiteStorage", "Storage"]
