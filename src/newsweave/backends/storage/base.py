"""The Storage protocol every backend implements (SQLite default, memory fake, PostgreSQL)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Protocol, runtime_checkable

from newsweave.model import Article


@runtime_checkable
class Storage(Protocol):
    """Where articles and the state of stateful stages are kept.

    Writes are atomic per article: an article is stored whole or not at all. ``add_article`` is
    idempotent: storing an id that is already present changes nothing and returns False.
    """

    def add_article(self, article: Article) -> bool:
        """Store ``article`` unless its id is present; return True if it was new."""
        ...

    def get_article(self, article_id: str) -> Article:
        """Return the article; raise NotFoundError when the id is unknown."""
        ...

    def has_article(self, article_id: str) -> bool:
        """Return True if the id is stored."""
        ...

    def iter_articles(self, *, limit: int | None = None, offset: int = 0) -> Iterator[Article]:
        """Yield articles in the order they were first stored."""
        ...

    def count_articles(self) -> int:
        """Return how many articles are stored."""
        ...

    def search(self, query: str, *, limit: int = 20) -> list[Article]:
        """Full-text search over title and text, best matches first."""
        ...

    def input_done(self, origin: str, digest: str) -> bool:
        """Return True if input ``origin`` with this content digest was fully ingested."""
        ...

    def mark_input_done(self, origin: str, digest: str, articles: int) -> None:
        """Record that every article of input ``origin`` is stored."""
        ...

    def get_state(self, namespace: str, key: str) -> bytes | None:
        """Return a stage's saved state, or None."""
        ...

    def set_state(self, namespace: str, key: str, value: bytes) -> None:
        """Save a stage's state atomically."""
        ...

    def close(self) -> None:
        """Release connections and files."""
        ...
