"""Named, versioned plugins: stages, storage backends, embedders and executors.

Names follow ``area.impl.vN``. A change to a stage's output for the same input gets a new
``vN`` and the old name stays. Built-ins are registered explicitly in :func:`_register_builtins`
(never as an import side effect); third-party plugins add to the registries through the
entry-point group ``newsweave.plugins``, each entry point being a callable that receives the
:class:`Registries` object.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import partial
from importlib import metadata
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from newsweave.errors import ConfigError

if TYPE_CHECKING:
    from newsweave.backends.storage.base import Storage

T = TypeVar("T")
ENTRY_POINT_GROUP = "newsweave.plugins"


class Registry(Generic[T]):
    """A mapping from names to factories of one kind of plugin."""

    def __init__(self, kind: str) -> None:
        """Create an empty registry for plugins of ``kind`` (used in error messages)."""
        self.kind = kind
        self._factories: dict[str, Callable[..., T]] = {}

    def register(self, name: str, factory: Callable[..., T]) -> None:
        """Register ``factory`` under ``name``; names are unique."""
        if name in self._factories:
            raise ConfigError(f"{self.kind} {name!r} is already registered")
        self._factories[name] = factory

    def create(self, name: str, *args: Any, **kwargs: Any) -> T:
        """Build the plugin registered as ``name``."""
        try:
            factory = self._factories[name]
        except KeyError:
            known = ", ".join(sorted(self._factories)) or "none"
            raise ConfigError(f"unknown {self.kind} {name!r} (registered: {known})") from None
        return factory(*args, **kwargs)

    def names(self) -> list[str]:
        """Return the registered names, sorted."""
        return sorted(self._factories)

    def __iter__(self) -> Iterator[str]:
        """Iterate over the registered names."""
        return iter(self.names())


@dataclass(slots=True)
class Registries:
    """All plugin registries."""

    stages: Registry[Any] = field(default_factory=lambda: Registry("stage"))
    storage: Registry[Any] = field(default_factory=lambda: Registry("storage"))
    embedders: Registry[Any] = field(default_factory=lambda: Registry("embedder"))
    executors: Registry[Any] = field(default_factory=lambda: Registry("executor"))


def _register_builtins(reg: Registries) -> None:
    from newsweave.backends.embed.hashing import HashingEmbedder
    from newsweave.backends.embed.minilm import MiniLMEmbedder
    from newsweave.backends.embed.static import StaticEmbedder
    from newsweave.backends.executors.local import LocalExecutor
    from newsweave.backends.executors.ray import RayExecutor
    from newsweave.backends.storage.memory import MemoryStorage
    from newsweave.backends.storage.sqlite import SQLiteStorage
    from newsweave.stages.clean import CleanStage
    from newsweave.stages.cluster import ClusterStage
    from newsweave.stages.dedup import DedupStage
    from newsweave.stages.entities import EntitiesStage

    reg.stages.register(CleanStage.name, CleanStage.from_config)
    reg.stages.register(DedupStage.name, DedupStage.from_config)
    reg.stages.register(ClusterStage.name, ClusterStage.from_config)
    reg.stages.register("cluster.batch.v1", partial(ClusterStage.from_config, batch=True))
    reg.stages.register(EntitiesStage.name, EntitiesStage.from_config)
    reg.embedders.register("embed.minilm.v1", MiniLMEmbedder)
    reg.embedders.register("embed.static.v1", StaticEmbedder)
    reg.embedders.register("embed.hashing.v1", HashingEmbedder)
    reg.storage.register(SQLiteStorage.name, SQLiteStorage)
    reg.storage.register(MemoryStorage.name, lambda _path=None: MemoryStorage())
    reg.storage.register("storage.postgres.v1", _postgres)
    reg.executors.register(LocalExecutor.name, LocalExecutor)
    reg.executors.register(RayExecutor.name, RayExecutor)  # imports ray only when it runs


def _postgres(dsn: str) -> Storage:
    """Open PostgreSQL storage, importing it (and psycopg) only when it is used."""
    from newsweave.backends.storage.postgres import PostgresStorage

    return PostgresStorage(dsn)


def default_registries(*, plugins: bool = True) -> Registries:
    """Return registries holding the built-ins and, if ``plugins``, installed entry points."""
    reg = Registries()
    _register_builtins(reg)
    if plugins:
        for entry in metadata.entry_points(group=ENTRY_POINT_GROUP):
            entry.load()(reg)
    return reg
