"""newsweave: turn overlapping news articles into verified stories.

Example:
    >>> import newsweave as nw
    >>> with nw.Engine.open("news.db") as eng:  # doctest: +SKIP
    ...     report = eng.ingest(["examples/corpus"])
    ...     titles = [a.title for a in eng.articles()]
"""

from __future__ import annotations

import logging

from newsweave.config import Config, load_config
from newsweave.engine import Engine, Extraction, Failure, IngestReport
from newsweave.errors import (
    ConfigError,
    InputError,
    MissingExtraError,
    NewsweaveError,
    NotFoundError,
    StageError,
    StorageError,
)
from newsweave.model import (
    Article,
    ClaimRef,
    Comparison,
    Entity,
    Fact,
    Mention,
    ProvenanceEdge,
    Role,
    Source,
    Story,
)

__version__ = "0.1.0"

logging.getLogger(__name__).addHandler(logging.NullHandler())

__all__ = [
    "Article",
    "ClaimRef",
    "Comparison",
    "Config",
    "ConfigError",
    "Engine",
    "Entity",
    "Extraction",
    "Fact",
    "Failure",
    "IngestReport",
    "InputError",
    "Mention",
    "MissingExtraError",
    "NewsweaveError",
    "NotFoundError",
    "ProvenanceEdge",
    "Role",
    "Source",
    "StageError",
    "StorageError",
    "Story",
    "__version__",
    "load_config",
]
