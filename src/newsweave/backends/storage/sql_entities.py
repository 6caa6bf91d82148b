"""SQL tables for entities: canonical entity records and the mentions that name them."""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping, Sequence

from newsweave.backends.storage import sql_rows as rows
from newsweave.backends.storage.sql_base import SQLBase, upsert
from newsweave.backends.storage.sql_rows import ENTITY_COLUMNS, MENTION_COLUMNS, columns
from newsweave.model import JSON, Mention

_PUT_ENTITIES = upsert("entities", ENTITY_COLUMNS, ("id",))
_PUT_MENTIONS = upsert("mentions", MENTION_COLUMNS, ("article_id", "start", '"end"'))


class SQLEntities(SQLBase):
    """Mixin of the SQL stores for entities and their mentions."""

    def put_entities(self, records: Sequence[Mapping[str, JSON]]) -> None:
        """Insert or replace entity records (JSON objects with at least id, name, label)."""
        params = [
            (str(r["id"]), str(r["name"]), str(r["label"]), json.dumps(r, sort_keys=True))
            for r in records
        ]
        self._change(_PUT_ENTITIES, params)

    def redirect_entities(self, redirects: Mapping[str, str]) -> None:
        """Point the mentions of merged-away entities at their survivors, drop the old rows."""
        with self.transaction():
            self._change(
                "UPDATE mentions SET entity_id = ? WHERE entity_id = ?",
                [(new, old) for old, new in redirects.items()],
            )
            self._delete_where_in("entities", "id", list(redirects))

    def iter_entities(self) -> Iterator[dict[str, JSON]]:
        """Yield every entity record."""
        for (record,) in self._rows("SELECT record FROM entities ORDER BY id"):
            yield json.loads(str(record))

    def find_entities(self, name_or_id: str) -> list[dict[str, JSON]]:
        """Entities with this id, or this name (case-insensitive)."""
        named = self._dialect.same_text("name")
        sql = f"SELECT record FROM entities WHERE id = ? OR {named} ORDER BY id"
        return [json.loads(str(r)) for (r,) in self._rows(sql, (name_or_id, name_or_id))]

    def put_mentions(self, mentions: Sequence[Mention]) -> None:
        """Store mentions (one per article span; a new one replaces the old)."""
        params = [(m.article_id, m.start, m.end, m.entity_id, m.text, m.label) for m in mentions]
        self._change(_PUT_MENTIONS, params)

    def mentions_of(
        self, *, article_id: str | None = None, entity_id: str | None = None
    ) -> list[Mention]:
        """Mentions in one article, or of one entity, in text order."""
        column, value = (
            ("article_id", article_id) if article_id is not None else ("entity_id", entity_id)
        )
        sql = (
            f"SELECT {columns(MENTION_COLUMNS)} FROM mentions "
            f"WHERE {column} = ? ORDER BY article_id, start"
        )
        return [rows.mention(row) for row in self._rows(sql, (value,))]
