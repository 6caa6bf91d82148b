"""In-memory storage: the fast fake for unit tests, same contract as SQLite."""

from __future__ import annotations

from collections.abc import Iterator
from itertools import islice

from newsweave.errors import NotFoundError
from newsweave.model import Article


class MemoryStorage:
    """Keeps everything in dicts; nothing survives the process."""

    name = "storage.memory.v1"

    def __init__(self) -> None:
        """Create an empty store."""
        self._articles: dict[str, Article] = {}
        self._state: dict[tuple[str, str], bytes] = {}
        self._inputs: dict[str, str] = {}

    def add_article(self, article: Article) -> bool:
        """Store ``article`` unless its id is present; return True if it was new."""
        if article.id in self._articles:
            return False
        self._articles[article.id] = article
        return True

    def get_article(self, article_id: str) -> Article:
        """Return the article; raise NotFoundError when the id is unknown."""
        try:
            return self._articles[article_id]
        except KeyError:
            raise NotFoundError(f"no article with id {article_id!r}") from None

    def has_article(self, article_id: str) -> bool:
        """Return True if the id is stored."""
        return article_id in self._articles

    def iter_articles(self, *, limit: int | None = None, offset: int = 0) -> Iterator[Article]:
        """Yield articles in insertion order."""
        stop = None if limit is None else offset + limit
        return islice(iter(list(self._articles.values())), offset, stop)

    def count_articles(self) -> int:
        """Return how many articles are stored."""
        return len(self._articles)

    def search(self, query: str, *, limit: int = 20) -> list[Article]:
        """Return articles containing every query word (case-insensitive), in insertion order."""
        words = query.casefold().split()
        if not words:
            return []
        hits = [
            article
            for article in self._articles.values()
            if all(word in f"{article.title} {article.text}".casefold() for word in words)
        ]
        return hits[:limit]

    def input_done(self, origin: str, digest: str) -> bool:
        """Return True if input ``origin`` with this content digest was fully ingested."""
        return self._inputs.get(origin) == digest

    def mark_input_done(self, origin: str, digest: str, articles: int) -> None:
        """Record that every article of input ``origin`` is stored."""
        self._inputs[origin] = digest

    def get_state(self, namespace: str, key: str) -> bytes | None:
        """Return a stage's saved state, or None."""
        return self._state.get((namespace, key))

    def set_state(self, namespace: str, key: str, value: bytes) -> None:
        """Save a stage's state."""
        self._state[(namespace, key)] = bytes(value)

    def close(self) -> None:
        """Nothing to release."""
