"""PostgreSQL tables derived from articles: provenance, stories, members, documents, entities."""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping, Sequence

from newsweave.backends.storage.postgres_base import PostgresBase, Row
from newsweave.backends.storage.sqlite_derived import _edge, _member
from newsweave.errors import NotFoundError
from newsweave.model import JSON, Mention, ProvenanceEdge, Story, StoryMember
from newsweave.text.dates import format_date, parse_date

# A story row with its member article ids in storage order.
_STORY_SQL = (
    "SELECT s.id, s.headline, s.first, s.last, s.aliases, "
    "(SELECT coalesce(json_agg(m.article_id ORDER BY a.seq), '[]') FROM story_members m "
    "JOIN articles a ON a.id = m.article_id WHERE m.story_id = s.id) FROM stories s"
)


class PostgresDerived(PostgresBase):
    """Mixin of :class:`~newsweave.backends.storage.postgres.PostgresStorage` for derived data."""

    def put_edges(self, edges: Sequence[ProvenanceEdge]) -> None:
        """Store provenance edges; a child has one parent, so a new edge replaces the old."""
        sql = (
            "INSERT INTO provenance (child, parent, kind, score, evidence) "
            "VALUES (%s,%s,%s,%s,%s) ON CONFLICT (child) DO UPDATE SET parent=excluded.parent, "
            "kind=excluded.kind, score=excluded.score, evidence=excluded.evidence"
        )
        rows = [
            (e.child, e.parent, e.kind, e.score, json.dumps([list(p) for p in e.evidence]))
            for e in edges
        ]
        self._write_many(sql, rows)

    def iter_edges(self) -> Iterator[ProvenanceEdge]:
        """Yield every provenance edge."""
        sql = "SELECT child, parent, kind, score, evidence FROM provenance ORDER BY child"
        for row in self._read(sql, ()):
            yield _edge(row)

    def edges_of(self, article_id: str) -> list[ProvenanceEdge]:
        """Edges where the article is the copy or the original."""
        sql = (
            "SELECT child, parent, kind, score, evidence FROM provenance "
            "WHERE child = %s OR parent = %s ORDER BY child"
        )
        return [_edge(row) for row in self._read(sql, (article_id, article_id))]

    def put_stories(self, stories: Sequence[Story]) -> None:
        """Insert or update story rows (members are stored with :meth:`put_members`)."""
        sql = (
            "INSERT INTO stories (id, headline, first, last, aliases) VALUES (%s,%s,%s,%s,%s) "
            "ON CONFLICT (id) DO UPDATE SET headline=excluded.headline, first=excluded.first, "
            "last=excluded.last, aliases=excluded.aliases"
        )
        rows = [
            (s.id, s.headline, format_date(s.first), format_date(s.last), json.dumps(s.aliases))
            for s in stories
        ]
        self._write_many(sql, rows)

    def delete_stories(self, story_ids: Sequence[str]) -> None:
        """Remove story rows (after a merge moved their members elsewhere)."""
        if story_ids:
            self._write("DELETE FROM stories WHERE id = ANY(%s)", (list(story_ids),))

    def put_members(self, members: Sequence[StoryMember]) -> None:
        """Insert or move articles into stories."""
        sql = (
            "INSERT INTO story_members (article_id, story_id, score, explanation) "
            "VALUES (%s,%s,%s,%s) ON CONFLICT (article_id) DO UPDATE SET "
            "story_id=excluded.story_id, score=excluded.score, explanation=excluded.explanation"
        )
        rows = [
            (m.article_id, m.story_id, m.score, json.dumps(dict(m.explanation), sort_keys=True))
            for m in members
        ]
        self._write_many(sql, rows)

    def iter_stories(self) -> Iterator[Story]:
        """Yield stories, largest first, each with its article ids in storage order."""
        stories = [_story(row) for row in self._read(_STORY_SQL, ())]
        stories.sort(key=lambda s: (-len(s.article_ids), s.id))
        yield from stories

    def get_story(self, story_id: str) -> Story:
        """Return a story by id or by an alias it kept after a merge."""
        sql = (
            f"{_STORY_SQL} WHERE s.id = %s OR s.aliases @> jsonb_build_array(%s::text) "
            "ORDER BY s.id <> %s LIMIT 1"
        )
        rows = self._read(sql, (story_id, story_id, story_id))
        if not rows:
            raise NotFoundError(f"no story with id {story_id!r}")
        return _story(rows[0])

    def members_of(self, story_id: str) -> list[StoryMember]:
        """The members of a story with their scores and explanations."""
        sql = (
            "SELECT m.article_id, m.story_id, m.score, m.explanation FROM story_members m "
            "JOIN articles a ON a.id = m.article_id WHERE m.story_id = %s ORDER BY a.seq"
        )
        return [_member(row) for row in self._read(sql, (story_id,))]

    def member(self, article_id: str) -> StoryMember | None:
        """The story membership of one article, or None."""
        sql = (
            "SELECT article_id, story_id, score, explanation FROM story_members "
            "WHERE article_id = %s"
        )
        rows = self._read(sql, (article_id,))
        return _member(rows[0]) if rows else None

    def put_story_doc(self, story_id: str, kind: str, stamp: str, doc: JSON) -> None:
        """Store one derived document of a story; it replaces the old one of that kind."""
        sql = (
            "INSERT INTO story_docs (story_id, kind, stamp, doc) VALUES (%s,%s,%s,%s) "
            "ON CONFLICT (story_id, kind) DO UPDATE SET stamp=excluded.stamp, doc=excluded.doc"
        )
        self._write(sql, (story_id, kind, stamp, json.dumps(doc, sort_keys=True)))

    def get_story_doc(self, story_id: str, kind: str) -> tuple[str, JSON] | None:
        """The ``(stamp, document)`` of one story and kind, or None."""
        sql = "SELECT stamp, doc FROM story_docs WHERE story_id = %s AND kind = %s"
        rows = self._read(sql, (story_id, kind))
        return (str(rows[0][0]), json.loads(str(rows[0][1]))) if rows else None

    def delete_story_docs(self, story_ids: Sequence[str]) -> None:
        """Remove every derived document of these stories."""
        if story_ids:
            self._write("DELETE FROM story_docs WHERE story_id = ANY(%s)", (list(story_ids),))

    def put_entities(self, records: Sequence[Mapping[str, JSON]]) -> None:
        """Insert or replace entity records (JSON objects with at least id, name, label)."""
        sql = (
            "INSERT INTO entities (id, name, label, record) VALUES (%s,%s,%s,%s) "
            "ON CONFLICT (id) DO UPDATE SET name=excluded.name, label=excluded.label, "
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
                "UPDATE mentions SET entity_id = %s WHERE entity_id = %s",
                [(new, old) for old, new in redirects.items()],
            )
            if redirects:
                self._write("DELETE FROM entities WHERE id = ANY(%s)", (list(redirects),))

    def iter_entities(self) -> Iterator[dict[str, JSON]]:
        """Yield every entity record."""
        for (record,) in self._read("SELECT record FROM entities ORDER BY id", ()):
            yield json.loads(str(record))

    def find_entities(self, name_or_id: str) -> list[dict[str, JSON]]:
        """Entities with this id, or this name (case-insensitive)."""
        sql = "SELECT record FROM entities WHERE id = %s OR lower(name) = lower(%s) ORDER BY id"
        return [json.loads(str(r)) for (r,) in self._read(sql, (name_or_id, name_or_id))]

    def put_mentions(self, mentions: Sequence[Mention]) -> None:
        """Store mentions (one per article span; a new one replaces the old)."""
        sql = (
            'INSERT INTO mentions (article_id, start, "end", entity_id, text, label) '
            'VALUES (%s,%s,%s,%s,%s,%s) ON CONFLICT (article_id, start, "end") DO UPDATE SET '
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
            'SELECT entity_id, article_id, text, start, "end", label FROM mentions '
            f"WHERE {column} = %s ORDER BY article_id, start"
        )
        return [
            Mention(entity_id=e, article_id=a, text=t, start=s, end=n, label=lb)
            for e, a, t, s, n, lb in self._read(sql, (value,))
        ]


def _story(row: Row) -> Story:
    sid, headline, first, last, aliases, members = row
    return Story(
        id=str(sid),
        headline=str(headline),
        article_ids=tuple(members),
        first=parse_date(first),
        last=parse_date(last),
        aliases=tuple(aliases),
    )
