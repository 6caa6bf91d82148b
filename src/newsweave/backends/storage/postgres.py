"""PostgreSQL storage (extra ``postgres``): many processes and threads writing one store.

Selected by a ``postgresql://`` URL as ``--db`` or ``NEWSWEAVE_DB``. Same protocol, schema
meaning and migrations as the SQLite default; see :mod:`.postgres_base` for how writers are
kept from losing or doubling articles.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from datetime import UTC, datetime

from newsweave.backends.storage.dsn import POSTGRES_STORAGE
from newsweave.backends.storage.postgres_base import Row
from newsweave.backends.storage.postgres_derived import PostgresDerived
from newsweave.backends.storage.postgres_read import ARTICLE_COLUMNS, PostgresReads, ts_query
from newsweave.errors import NotFoundError
from newsweave.model import Article
from newsweave.serialize import article_from_dict
from newsweave.text.dates import format_date
from newsweave.text.normalize import fingerprint

_COLUMNS = ARTICLE_COLUMNS
# Articles per query when streaming the whole table (keyset pages on ``seq``).
_PAGE = 1000
# The twelve stored columns of a new article, after ``id``.
_INSERT = (
    "INSERT INTO articles (id, title, text, url, source, date, author, origin, fingerprint, "
    "removed, extras, ingested_at) SELECT %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s "
    # Writers hold the store's lock, so the check is exact and a duplicate uses no number.
    "WHERE NOT EXISTS (SELECT 1 FROM articles WHERE id = %s) ON CONFLICT (id) DO NOTHING"
)


class PostgresStorage(PostgresDerived, PostgresReads):
    """Articles and stage state in a PostgreSQL database (or one schema of it)."""

    name = POSTGRES_STORAGE
    _requires = ("psycopg", "psycopg_pool")

    def add_article(self, article: Article) -> bool:
        """Store ``article`` unless its id is present; return True if it was new."""
        row = (
            article.id,
            article.title,
            article.text,
            article.url,
            article.source,
            format_date(article.date),
            article.author,
            article.origin,
            fingerprint(article.text),
            json.dumps(list(article.removed), ensure_ascii=False),
            json.dumps(dict(article.extras), ensure_ascii=False, sort_keys=True),
            datetime.now(UTC).isoformat(),
            article.id,
        )
        return self._write(_INSERT, row) == 1

    def get_article(self, article_id: str) -> Article:
        """Return the article; raise NotFoundError when the id is unknown."""
        rows = self._read(f"SELECT {_COLUMNS} FROM articles WHERE id = %s", (article_id,))
        if not rows:
            raise NotFoundError(f"no article with id {article_id!r}")
        return _article(rows[0])

    def has_article(self, article_id: str) -> bool:
        """Return True if the id is stored."""
        return bool(self._read("SELECT 1 FROM articles WHERE id = %s", (article_id,)))

    def iter_articles(self, *, limit: int | None = None, offset: int = 0) -> Iterator[Article]:
        """Yield articles in the order they were first stored (read in pages)."""
        rows = self._read("SELECT seq FROM articles ORDER BY seq LIMIT 1 OFFSET %s", (offset,))
        if not rows:
            return
        seq, left = int(rows[0][0]) - 1, limit
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
        sql = f"SELECT seq, {_COLUMNS} FROM articles WHERE seq > %s ORDER BY seq LIMIT %s"
        return [(int(row[0]), _article(row[1:])) for row in self._read(sql, (seq, limit))]

    def articles_by_seq(self, seqs: Sequence[int]) -> dict[int, Article]:
        """Return the articles with these sequence numbers (unknown ones are left out)."""
        unique = sorted(set(int(s) for s in seqs))
        sql = f"SELECT seq, {_COLUMNS} FROM articles WHERE seq = ANY(%s)"
        return {int(row[0]): _article(row[1:]) for row in self._read(sql, (unique,))}

    def count_articles(self) -> int:
        """Return how many articles are stored."""
        return int(self._read("SELECT count(*) FROM articles", ())[0][0])

    def search(self, query: str, *, limit: int = 20) -> list[Article]:
        """Full-text search (``websearch_to_tsquery``, ranked by ``ts_rank_cd``)."""
        text = ts_query(query)
        if not text:
            return []
        sql = (
            f"SELECT {_COLUMNS} FROM articles, websearch_to_tsquery('simple', %s) q "
            "WHERE tsv @@ q ORDER BY ts_rank_cd(tsv, q) DESC, seq LIMIT %s"
        )
        return [_article(row) for row in self._read(sql, (text, limit))]

    def input_done(self, origin: str, digest: str) -> bool:
        """Return True if the input ``origin`` with this content digest was fully ingested."""
        sql = "SELECT 1 FROM inputs WHERE origin = %s AND digest = %s"
        return bool(self._read(sql, (origin, digest)))

    def mark_input_done(self, origin: str, digest: str, articles: int) -> None:
        """Record that every article of input ``origin`` is stored."""
        sql = (
            "INSERT INTO inputs (origin, digest, articles, done_at) VALUES (%s,%s,%s,%s) "
            "ON CONFLICT (origin) DO UPDATE SET digest=excluded.digest, "
            "articles=excluded.articles, done_at=excluded.done_at"
        )
        self._write(sql, (origin, digest, articles, datetime.now(UTC).isoformat()))

    def get_state(self, namespace: str, key: str) -> bytes | None:
        """Return a stage's saved state, or None."""
        sql = "SELECT value FROM state WHERE namespace = %s AND key = %s"
        rows = self._read(sql, (namespace, key))
        return bytes(rows[0][0]) if rows else None

    def set_state(self, namespace: str, key: str, value: bytes) -> None:
        """Save a stage's state atomically."""
        sql = (
            "INSERT INTO state (namespace, key, value) VALUES (%s,%s,%s) "
            "ON CONFLICT (namespace, key) DO UPDATE SET value = excluded.value"
        )
        self._write(sql, (namespace, key, value))

    def delete_state(self, namespace: str, key: str) -> None:
        """Remove one row of a stage's state (nothing happens when it is absent)."""
        self._write("DELETE FROM state WHERE namespace = %s AND key = %s", (namespace, key))

    def iter_state(
        self, namespace: str, prefix: str, *, start: str = ""
    ) -> Iterator[tuple[str, bytes]]:
        """Yield a stage's state rows under ``prefix`` from key ``start`` on, in key order."""
        sql = (
            "SELECT key, value FROM state WHERE namespace = %s AND key >= %s AND key < %s "
            "ORDER BY key"
        )
        bounds = (max(prefix, start), prefix + "\U0010ffff")
        for key, value in self._read(sql, (namespace, *bounds)):
            yield str(key), bytes(value)

    def _article_row(self, row: Row) -> Article:
        return _article(row)


def _article(row: Row) -> Article:
    data = dict(zip(_COLUMNS.split(", "), row, strict=True))
    data["removed"] = json.loads(str(data["removed"]))
    data["extras"] = json.loads(str(data["extras"]))
    return article_from_dict(data)
