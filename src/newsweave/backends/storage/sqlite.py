"""SQLite storage (the default): one file, WAL journal, one transaction per article."""

from __future__ import annotations

import json
import logging
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

from newsweave.backends.storage.sqlite_derived import SQLiteDerived
from newsweave.backends.storage.sqlite_entities import SQLiteEntities
from newsweave.backends.storage.sqlite_read import ARTICLE_COLUMNS, SQLiteReads
from newsweave.backends.storage.sqlite_schema import LATEST, MIGRATIONS
from newsweave.errors import NotFoundError, StorageError
from newsweave.model import Article
from newsweave.serialize import article_from_dict
from newsweave.text.dates import format_date
from newsweave.text.normalize import fingerprint

logger = logging.getLogger(__name__)

# How long a writer waits for another process's transaction before giving up (milliseconds).
_BUSY_TIMEOUT_MS = 60_000
_COLUMNS = ARTICLE_COLUMNS


class SQLiteStorage(SQLiteDerived, SQLiteEntities, SQLiteReads):
    """Articles and stage state in one SQLite file; safe for several processes at once.

    One connection serves one thread at a time: a server opens one per thread for reads and
    serialises its writes through one writer (see ``Engine``). The connection may be handed
    between threads (``check_same_thread=False``) so that whoever opened it can close it.
    """

    name = "storage.sqlite.v1"

    def __init__(self, path: str | Path, *, max_pages: int | None = None) -> None:
        """Open (creating and migrating if needed) the database at ``path``.

        Args:
            path: the database file.
            max_pages: cap on the file size in pages (a quota); a write past it fails cleanly.
        """
        self.path = str(path)
        self._depth = 0
        try:
            self._db = sqlite3.connect(
                self.path, isolation_level=None, timeout=60.0, check_same_thread=False
            )
            self._db.execute(f"PRAGMA busy_timeout = {_BUSY_TIMEOUT_MS}")
            self._db.execute("PRAGMA journal_mode = WAL")
            self._db.execute("PRAGMA synchronous = NORMAL")
            self._db.execute("PRAGMA foreign_keys = ON")
            self._migrate()
            if max_pages is not None:
                self._db.execute(f"PRAGMA max_page_count = {int(max_pages)}")
        except sqlite3.DatabaseError as exc:
            raise StorageError(f"cannot open database {self.path}: {exc}") from None

    def _migrate(self) -> None:
        version = int(self._db.execute("PRAGMA user_version").fetchone()[0])
        if version > LATEST:
            raise StorageError(
                f"database {self.path} has schema v{version}, newer than this newsweave "
                f"(v{LATEST}); upgrade newsweave"
            )
        for target, script in MIGRATIONS:
            if target <= version:
                continue
            self._db.execute("BEGIN IMMEDIATE")
            try:
                # Re-check inside the lock: another process may have migrated meanwhile.
                if int(self._db.execute("PRAGMA user_version").fetchone()[0]) < target:
                    for statement in _statements(script):
                        self._db.execute(statement)
                    self._db.execute(f"PRAGMA user_version = {target}")
                self._db.execute("COMMIT")
            except sqlite3.Error:
                self._db.execute("ROLLBACK")
                raise
            logger.info("migrated %s to schema v%d", self.path, target)

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """Group writes into one atomic transaction (nested calls join the outer one)."""
        if self._depth:
            self._depth += 1
            try:
                yield
            finally:
                self._depth -= 1
            return
        try:
            self._db.execute("BEGIN IMMEDIATE")
        except sqlite3.Error as exc:
            raise StorageError(f"cannot start a write on {self.path}: {exc}") from None
        self._depth = 1
        try:
            yield
            self._db.execute("COMMIT")
        except BaseException:
            self._db.execute("ROLLBACK")
            raise
        finally:
            self._depth = 0

    def _write(self, sql: str, params: tuple[object, ...]) -> int:
        return self._write_many(sql, [params])

    def _write_many(self, sql: str, rows: Iterable[tuple[object, ...]]) -> int:
        try:
            with self.transaction():
                cursor = self._db.executemany(sql, rows)
        except sqlite3.Error as exc:
            raise StorageError(f"write to {self.path} failed: {exc}") from None
        return cursor.rowcount

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
        )
        sql = (
            "INSERT INTO articles (id, title, text, url, source, date, author, origin, "
            "fingerprint, removed, extras, ingested_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?) "
            "ON CONFLICT(id) DO NOTHING"
        )
        return self._write(sql, row) == 1

    def get_article(self, article_id: str) -> Article:
        """Return the article; raise NotFoundError when the id is unknown."""
        row = self._read(f"SELECT {_COLUMNS} FROM articles WHERE id = ?", (article_id,)).fetchone()
        if row is None:
            raise NotFoundError(f"no article with id {article_id!r}")
        return _article(row)

    def has_article(self, article_id: str) -> bool:
        """Return True if the id is stored."""
        return (
            self._read("SELECT 1 FROM articles WHERE id = ?", (article_id,)).fetchone() is not None
        )

    def iter_articles(self, *, limit: int | None = None, offset: int = 0) -> Iterator[Article]:
        """Yield articles in the order they were first stored."""
        sql = f"SELECT {_COLUMNS} FROM articles ORDER BY seq LIMIT ? OFFSET ?"
        for row in self._read(sql, (-1 if limit is None else limit, offset)):
            yield _article(row)

    def articles_after(self, seq: int, limit: int) -> list[tuple[int, Article]]:
        """Return up to ``limit`` (seq, article) pairs stored after sequence number ``seq``."""
        sql = f"SELECT seq, {_COLUMNS} FROM articles WHERE seq > ? ORDER BY seq LIMIT ?"
        return [(int(str(row[0])), _article(row[1:])) for row in self._read(sql, (seq, limit))]

    def articles_by_seq(self, seqs: Sequence[int]) -> dict[int, Article]:
        """Return the articles with these sequence numbers (unknown ones are left out)."""
        found: dict[int, Article] = {}
        unique = sorted(set(int(s) for s in seqs))
        for start in range(0, len(unique), 500):
            chunk = unique[start : start + 500]
            marks = ",".join("?" * len(chunk))
            sql = f"SELECT seq, {_COLUMNS} FROM articles WHERE seq IN ({marks})"
            for row in self._read(sql, tuple(chunk)):
                found[int(str(row[0]))] = _article(row[1:])
        return found

    def count_articles(self) -> int:
        """Return how many articles are stored."""
        return int(self._read("SELECT count(*) FROM articles", ()).fetchone()[0])

    def search(self, query: str, *, limit: int = 20) -> list[Article]:
        """Full-text search (FTS5, BM25 ranking) over title and text."""
        terms = " ".join(f'"{word}"' for word in query.replace('"', " ").split())
        if not terms:
            return []
        sql = (
            f"SELECT {', '.join('a.' + c for c in _COLUMNS.split(', '))} FROM articles_fts f "
            "JOIN articles a ON a.seq = f.rowid WHERE articles_fts MATCH ? "
            "ORDER BY bm25(articles_fts) LIMIT ?"
        )
        return [_article(row) for row in self._read(sql, (terms, limit))]

    def input_done(self, origin: str, digest: str) -> bool:
        """Return True if the input ``origin`` with this content digest was fully ingested."""
        sql = "SELECT 1 FROM inputs WHERE origin = ? AND digest = ?"
        return self._read(sql, (origin, digest)).fetchone() is not None

    def mark_input_done(self, origin: str, digest: str, articles: int) -> None:
        """Record that every article of input ``origin`` is stored."""
        sql = (
            "INSERT INTO inputs (origin, digest, articles, done_at) VALUES (?,?,?,?) "
            "ON CONFLICT(origin) DO UPDATE SET digest=excluded.digest, "
            "articles=excluded.articles, done_at=excluded.done_at"
        )
        self._write(sql, (origin, digest, articles, datetime.now(UTC).isoformat()))

    def get_state(self, namespace: str, key: str) -> bytes | None:
        """Return a stage's saved state, or None."""
        sql = "SELECT value FROM state WHERE namespace = ? AND key = ?"
        row = self._read(sql, (namespace, key)).fetchone()
        return None if row is None else bytes(row[0])

    def set_state(self, namespace: str, key: str, value: bytes) -> None:
        """Save a stage's state atomically."""
        sql = (
            "INSERT INTO state (namespace, key, value) VALUES (?,?,?) "
            "ON CONFLICT(namespace, key) DO UPDATE SET value = excluded.value"
        )
        self._write(sql, (namespace, key, value))

    def delete_state(self, namespace: str, key: str) -> None:
        """Remove one row of a stage's state (nothing happens when it is absent)."""
        self._write("DELETE FROM state WHERE namespace = ? AND key = ?", (namespace, key))

    def iter_state(
        self, namespace: str, prefix: str, *, start: str = ""
    ) -> Iterator[tuple[str, bytes]]:
        """Yield a stage's state rows under ``prefix`` from key ``start`` on, in key order."""
        sql = (
            "SELECT key, value FROM state WHERE namespace = ? AND key >= ? AND key < ? ORDER BY key"
        )
        bounds = (max(prefix, start), prefix + "\U0010ffff")
        for key, value in self._read(sql, (namespace, *bounds)).fetchall():
            yield str(key), bytes(value)

    def integrity_ok(self) -> bool:
        """Run ``PRAGMA integrity_check``; True when the file is sound."""
        return bool(self._read("PRAGMA integrity_check", ()).fetchone()[0] == "ok")

    def _article_row(self, row: tuple[object, ...]) -> Article:
        return _article(row)

    def _read(self, sql: str, params: tuple[object, ...]) -> sqlite3.Cursor:
        try:
            return self._db.execute(sql, params)
        except sqlite3.Error as exc:
            raise StorageError(f"read from {self.path} failed: {exc}") from None

    def close(self) -> None:
        """Close the connection."""
        self._db.close()


def _statements(script: str) -> list[str]:
    """Split a migration script into statements (triggers hold inner semicolons)."""
    out: list[str] = []
    buffer = ""
    for piece in script.split(";"):
        buffer += piece + ";"
        if sqlite3.complete_statement(buffer):
            if buffer.strip(" \n;"):
                out.append(buffer.strip())
            buffer = ""
    return out


def _article(row: tuple[object, ...]) -> Article:
    data = dict(zip(_COLUMNS.split(", "), row, strict=True))
    data["removed"] = json.loads(str(data["removed"]))
    data["extras"] = json.loads(str(data["extras"]))
    return article_from_dict(data)
