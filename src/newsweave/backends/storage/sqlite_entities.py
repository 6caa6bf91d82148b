"""SQLite tables for entities: canonical entity records and the mentions that name them."""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping, Sequence

from newsweave.backends.storage.sqlite_base import SQLiteMixin
from newsweave.model import JSON, Mention


class SQLiteEntities(SQLiteMixin):
    """Mixin of :class:`~newsweave.backends.storage.sqlite.SQLiteStorage` for entities."""

    def put_entities(self, records: Sequence[Mapping[str, JSON]]) -> None:
        """Insert or replace entity records (JSON objects with at least id, name, label)."""
        sql = (
            "INSERT INTO entities (id, name, label, record) VALUES (?,?,?,?) "
            "ON CONFLICT(id) DO UPDATE SET name=excluded.name, label=excluded.label, "
            "record=excluded.record"
        )
        rows = [
            (str(r["id"]), str(r["name"]), str(r["label"]), json.dumps(r, sort_keys=True))
            for r in records
        ]
        self._write_many(sql, rows)

    def redirect_entities(self, redirects: Mapping[str, str]) -> None:
        """Point the mentions of merged-away entities at their survivors, drop the old rows."""
        with self.transaction():
            self._write_many(
                "UPDATE mentions SET entity_id = ? WHERE entity_id = ?",
                [(new, old) for old, new in redirects.items()],
            )
            self._write_many("DELETE FROM entities WHERE id = ?", [(old,) for old in redirects])

    def iter_entities(self) -> Iterator[dict[str, JSON]]:
        """Yield every entity record."""
        for (record,) in self._read("SELECT record FROM entities ORDER BY id", ()):
            yield json.loads(str(record))

    def find_entities(self, name_or_id: str) -> list[dict[str, JSON]]:
        """Entities with this id, or this name (case-insensitive)."""
        sql = "SELECT record FROM entities WHERE id = ? OR name = ? COLLATE NOCASE ORDER BY id"
        return [json.loads(str(r)) for (r,) in self._read(sql, (name_or_id, name_or_id))]

    def put_mentions(self, mentions: Sequence[Mention]) -> None:
        """Store mentions (one per article span; a new one replaces the old)."""
        sql = (
            "INSERT INTO mentions (article_id, start, end, entity_id, text, label) "
            "VALUES (?,?,?,?,?,?) ON CONFLICT(article_id, start, end) DO UPDATE SET "
            "entity_id=excluded.entity_id, text=excluded.text, label=excluded.label"
        )
        rows = [(m.article_id, m.start, m.end, m.entity_id, m.text, m.label) for m in mentions]
        self._write_many(sql, rows)

    def mentions_of(
        self, *, article_id: str | None = None, entity_id: str | None = None
    ) -> list[Mention]:
        """Mentions in one article, or of one entity, in text order."""
        column, value = (
            ("article_id", article_id) if article_id is not None else ("entity_id", entity_id)
        )
        sql = (
            "SELECT entity_id, article_id, text, start, end, label FROM mentions "
            f"WHERE {column} = ? ORDER BY article_id, start"
        )
        return [
            Mention(
                entity_id=str(e),
                article_id=str(a),
                text=str(t),
                start=int(s),
                end=int(n),
                label=str(lb),
            )
            for e, a, t, s, n, lb in self._read(sql, (value,))
        ]
