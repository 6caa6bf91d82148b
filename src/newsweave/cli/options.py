"""Global CLI options shared by every command, kept on ``typer.Context.obj``."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import typer

from newsweave.backends.storage.memory import MemoryStorage
from newsweave.config import Config, load_config
from newsweave.engine import Engine


@dataclass(slots=True)
class State:
    """Global options: database and config file."""

    db: str | None = None  # a file path or a postgresql:// URL (a Path would mangle "//")
    config_file: Path | None = None

    def config(self, **overrides: Any) -> Config:
        """Resolve the configuration (defaults < file < env < flags < ``overrides``)."""
        flags = {"db": self.db} if self.db is not None else {}
        return load_config(self.config_file, overrides=flags | overrides)

    def engine(self, **overrides: Any) -> Engine:
        """Open the engine on the configured store (settings overridden by ``overrides``)."""
        return Engine(self.config(**overrides))

    def engine_without_store(self) -> Engine:
        """An engine on a throwaway in-memory store, for commands that store nothing."""
        return Engine(self.config(), storage=MemoryStorage())


def state(ctx: typer.Context) -> State:
    """Return the global options of this invocation."""
    obj = ctx.find_root().obj
    return obj if isinstance(obj, State) else State()
