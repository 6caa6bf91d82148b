"""Articles, finished inputs and stage state in SQL, shared by the SQLite and PostgreSQL stores."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import UTC, datetime

from newsweave.backends.storage import sql_rows as rows
from newsweave.backends.storage.sql_base import SQLBase, marks, upsert
from newsweave.backends.storage.sql_rows import ARTICLE_COLUMNS, STORED_COLUMNS, columns
from newsweave.errors import NotFoundError
from newsweave.model import Article

_COLUMNS = columns(ARTICLE_COLUMNS)
# Articles per query when streaming the whole table (keyset pages on ``seq``).
_PAGE = 1000
_INSERT = (
    f"INSERT INTO articles ({columns(STORED_COLUMNS)}) SELECT {marks(len(STORED_COLUMNS))} "
    # Writers hold the store's lock, so the check is exact and a duplicate uses no number.
    "WHERE NOT EXISTS (SELECT 1 FROM articles WHERE id = ?) ON CONFLICT (id) DO NOTHING"
)
_MARK_INPUT = upsert("inputs", ("origin", "digest", "articles", "done_at"), ("origin",))
_SET_STATE = upsert("state", ("namespace", "key", "value"), ("namespace", "key"))


class SQLArticles(SQLBase):
    """Mixin of the SQL stores: the article table, the inputs done and the stages' state."""

    def add_article(self, article: Article) -> bool:
        """Store ``article`` unless its id is present; return True if it was new."""
        return self._change(_INSERT, [(*rows.article_params(article), article.id)]) == 1

    def get_article(self, article_id: str) -> Article:
        """Return the article; raise NotFoundError when the id is unknown."""
        row = self._row(f"SELECT {_COLUMNS} FROM articles WHERE id = ?", (article_id,))
        if row is None:
            raise NotFoundError(f"no article with id {article_id!r}")
        return rows.article(row)

    def has_article(self, article_id: str) -> bool:
        """Return True if the id is stored."""
        return self._row("SELECT 1 FROM articles WHERE id = ?", (article_id,)) is not None

    def iter_articles(self, *, limit: int | None = None, offset: int = 0) -> Iterator[Article]:
        """Yield articles in the order they were first stored (read in pages)."""
        first = self._row("SELECT seq FROM articles ORDER BY seq LIMIT 1 OFFSET ?", (offset,))
        if first is None:
            return
        seq, left = int(first[0]) - 1, limit
        while left is None or left > 0:
            size = _PAGE if left is None else min(_PAGE, left)
            page = self.articles_after(seq, size)
            if not page:
                return
            for _, article in page:
                yield article
            seq = page[-1][0]
            left = None if left is None else left - len(page)

    def articles_after(self, seq: int, limit: int) -> list[tuple[int, Article]]:
        """Return up to ``limit`` (seq, article) pairs stored after sequence number ``seq``."""
        sql = f"SELECT seq, {_COLUMNS} FROM articles WHERE seq > ? ORDER BY seq LIMIT ?"
        return [(int(row[0]), rows.article(row[1:])) for row in self._rows(sql, (seq, limit))]

    def articles_by_seq(self, seqs: Sequence[int]) -> dict[int, Article]:
        """Return the articles with these sequence numbers (unknown ones are left out)."""
        found: dict[int, Article] = {}
        for chunk in self._dialect.chunks(sorted(set(int(s) for s in seqs))):
            condition, params = self._dialect.one_of("seq", chunk)
            sql = f"SELECT seq, {_COLUMNS} FROM articles WHERE {condition}"
            found.update((int(row[0]), rows.article(row[1:])) for row in self._rows(sql, params))
        return found

    def count_articles(self) -> int:
        """Return how many articles are stored."""
        row = self._row("SELECT count(*) FROM articles")
        return 0 if row is None else int(row[0])

    def search(self, query: str, *, limit: int = 20) -> list[Article]:
        """Full-text search over title and text, best matches first."""
        terms = self._dialect.search_terms(query)
        if not terms:
            return []
        sql = f"SELECT {columns(ARTICLE_COLUMNS, 'a')} {self._dialect.ranked_matches} LIMIT ?"
        return [rows.article(row) for row in self._rows(sql, (terms, limit))]

    def input_done(self, origin: str, digest: str) -> bool:
        """Return True if the input ``origin`` with this content digest was fully ingested."""
        sql = "SELECT 1 FROM inputs WHERE origin = ? AND digest = ?"
        return self._row(sql, (origin, digest)) is not None

    def mark_input_done(self, origin: str, digest: str, articles: int) -> None:
        """Record that every article of input ``origin`` is stored."""
        self._change(_MARK_INPUT, [(origin, digest, articles, datetime.now(UTC).isoformat())])

    def get_state(self, namespace: str, key: str) -> bytes | None:
        """Return a stage's saved state, or None."""
        row = self._row("SELECT value FROM state WHERE namespace = ? AND key = ?", (namespace, key))
        return None if row is None else bytes(row[0])

    def set_state(self, namespace: str, key: str, value: bytes) -> None:
        """Save a stage's state atomically."""
        self._change(_SET_STATE, [(namespace, key, value)])

    def delete_state(self, namespace: str, key: str) -> None:
        """Remove one row of a stage's state (nothing happens when it is absent)."""
        self._change("DELETE FROM state WHERE namespace = ? AND key = ?", [(namespace, key)])

    def iter_state(
        self, namespace: str, prefix: str, *, start: str = ""
    ) -> Iterator[tuple[str, bytes]]:
        """Yield a stage's state rows under ``prefix`` from key ``start`` on, in key order."""
        sql = (
            "SELECT key, value FROM state WHERE namespace = ? AND key >= ? AND key < ? ORDER BY key"
        )
        bounds = (max(prefix, start), prefix + "\U0010ffff")
        for key, value in self._rows(sql, (namespace, *bounds)):
            yield str(key), bytes(value)
