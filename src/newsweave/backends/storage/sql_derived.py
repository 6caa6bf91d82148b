"""SQL tables derived from articles: provenance edges, stories, members and story documents."""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence

from newsweave.backends.storage import sql_rows as rows
from newsweave.backends.storage.sql_base import SQLBase, upsert
from newsweave.backends.storage.sql_dialect import Dialect
from newsweave.backends.storage.sql_rows import (
    EDGE_COLUMNS,
    MEMBER_COLUMNS,
    STORY_COLUMNS,
    columns,
)
from newsweave.errors import NotFoundError
from newsweave.model import JSON, ProvenanceEdge, Story, StoryMember

EDGES = f"SELECT {columns(EDGE_COLUMNS)} FROM provenance"
# The members of story ``s`` joined to their articles ``a`` (storage order is ``a.seq``).
MEMBERS_OF_S = "FROM story_members m JOIN articles a ON a.id = m.article_id WHERE m.story_id = s.id"
_PUT_EDGES = upsert("provenance", EDGE_COLUMNS, ("child",))
_PUT_STORIES = upsert("stories", STORY_COLUMNS, ("id",))
_PUT_MEMBERS = upsert("story_members", MEMBER_COLUMNS, ("article_id",))
_PUT_DOC = upsert("story_docs", ("story_id", "kind", "stamp", "doc"), ("story_id", "kind"))


def story_sql(dialect: Dialect) -> str:
    """Story rows (:data:`STORY_COLUMNS`) with their member ids in storage order."""
    aliases = dialect.json_text("s.aliases")
    ids = dialect.json_list("m.article_id", MEMBERS_OF_S, order="a.seq")
    return f"SELECT s.id, s.headline, s.first, s.last, {aliases}, {ids} FROM stories s"


class SQLDerived(SQLBase):
    """Mixin of the SQL stores for provenance, stories, members and story documents."""

    def put_edges(self, edges: Sequence[ProvenanceEdge]) -> None:
        """Store provenance edges; a child has one parent, so a new edge replaces the old."""
        self._change(_PUT_EDGES, [rows.edge_params(e) for e in edges])

    def iter_edges(self) -> Iterator[ProvenanceEdge]:
        """Yield every provenance edge, by child."""
        for row in self._rows(f"{EDGES} ORDER BY child"):
            yield rows.edge(row)

    def edges_of(self, article_id: str) -> list[ProvenanceEdge]:
        """Edges where the article is the copy or the original, by child."""
        sql = f"{EDGES} WHERE child = ? OR parent = ? ORDER BY child"
        return [rows.edge(row) for row in self._rows(sql, (article_id, article_id))]

    def put_stories(self, stories: Sequence[Story]) -> None:
        """Insert or update story rows (members are stored with :meth:`put_members`)."""
        self._change(_PUT_STORIES, [rows.story_params(s) for s in stories])

    def delete_stories(self, story_ids: Sequence[str]) -> None:
        """Remove story rows (after a merge moved their members elsewhere)."""
        self._delete_where_in("stories", "id", story_ids)

    def put_members(self, members: Sequence[StoryMember]) -> None:
        """Insert or move articles into stories."""
        self._change(_PUT_MEMBERS, [rows.member_params(m) for m in members])

    def iter_stories(self) -> Iterator[Story]:
        """Yield stories, largest first, each with its article ids in storage order."""
        stories = [rows.story(row) for row in self._rows(story_sql(self._dialect))]
        stories.sort(key=lambda s: (-len(s.article_ids), s.id))
        yield from stories

    def get_story(self, story_id: str) -> Story:
        """Return a story by id or by an alias it kept after a merge."""
        alias = self._dialect.has_alias("s.aliases")
        sql = f"{story_sql(self._dialect)} WHERE s.id = ? OR {alias} ORDER BY s.id <> ? LIMIT 1"
        row = self._row(sql, (story_id, story_id, story_id))
        if row is None:
            raise NotFoundError(f"no story with id {story_id!r}")
        return rows.story(row)

    def members_of(self, story_id: str) -> list[StoryMember]:
        """The members of a story with their scores and explanations."""
        sql = (
            f"SELECT {columns(MEMBER_COLUMNS, 'm')} FROM story_members m "
            "JOIN articles a ON a.id = m.article_id WHERE m.story_id = ? ORDER BY a.seq"
        )
        return [rows.member(row) for row in self._rows(sql, (story_id,))]

    def member(self, article_id: str) -> StoryMember | None:
        """The story membership of one article, or None."""
        sql = f"SELECT {columns(MEMBER_COLUMNS)} FROM story_members WHERE article_id = ?"
        row = self._row(sql, (article_id,))
        return None if row is None else rows.member(row)

    def put_story_doc(self, story_id: str, kind: str, stamp: str, doc: JSON) -> None:
        """Store one derived document of a story; it replaces the old one of that kind."""
        self._change(_PUT_DOC, [(story_id, kind, stamp, json.dumps(doc, sort_keys=True))])

    def get_story_doc(self, story_id: str, kind: str) -> tuple[str, JSON] | None:
        """The ``(stamp, document)`` of one story and kind, or None."""
        sql = "SELECT stamp, doc FROM story_docs WHERE story_id = ? AND kind = ?"
        row = self._row(sql, (story_id, kind))
        return None if row is None else (str(row[0]), json.loads(str(row[1])))

    def delete_story_docs(self, story_ids: Sequence[str]) -> None:
        """Remove every derived document of these stories."""
        self._delete_where_in("story_docs", "story_id", story_ids)
