"""SQLite tables derived from articles: provenance edges, stories and their members."""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence

from newsweave.backends.storage.sqlite_base import SQLiteMixin
from newsweave.errors import NotFoundError
from newsweave.model import JSON, ProvenanceEdge, Story, StoryMember
from newsweave.text.dates import format_date, parse_date

# A story row with its member article ids in storage order.
_STORY_SQL = (
    "SELECT s.id, s.headline, s.first, s.last, s.aliases, "
    "(SELECT json_group_array(m.article_id) FROM (SELECT m.article_id FROM story_members m "
    "JOIN articles a ON a.id = m.article_id WHERE m.story_id = s.id ORDER BY a.seq) m) "
    "FROM stories s"
)


class SQLiteDerived(SQLiteMixin):
    """Mixin of :class:`~newsweave.backends.storage.sqlite.SQLiteStorage` for derived data."""

    def put_edges(self, edges: Sequence[ProvenanceEdge]) -> None:
        """Store provenance edges; a child has one parent, so a new edge replaces the old."""
        sql = (
            "INSERT INTO provenance (child, parent, kind, score, evidence) VALUES (?,?,?,?,?) "
            "ON CONFLICT(child) DO UPDATE SET parent=excluded.parent, kind=excluded.kind, "
            "score=excluded.score, evidence=excluded.evidence"
        )
        rows = [
            (e.child, e.parent, e.kind, e.score, json.dumps([list(p) for p in e.evidence]))
            for e in edges
        ]
        self._write_many(sql, rows)

    def iter_edges(self) -> Iterator[ProvenanceEdge]:
        """Yield every provenance edge."""
        for row in self._read("SELECT child, parent, kind, score, evidence FROM provenance", ()):
            yield _edge(row)

    def edges_of(self, article_id: str) -> list[ProvenanceEdge]:
        """Edges where the article is the copy or the original."""
        sql = (
            "SELECT child, parent, kind, score, evidence FROM provenance "
            "WHERE child = ? OR parent = ?"
        )
        return [_edge(row) for row in self._read(sql, (article_id, article_id))]

    def put_stories(self, stories: Sequence[Story]) -> None:
        """Insert or update story rows (members are stored with :meth:`put_members`)."""
        sql = (
            "INSERT INTO stories (id, headline, first, last, aliases) VALUES (?,?,?,?,?) "
            "ON CONFLICT(id) DO UPDATE SET headline=excluded.headline, first=excluded.first, "
            "last=excluded.last, aliases=excluded.aliases"
        )
        rows = [
            (s.id, s.headline, format_date(s.first), format_date(s.last), json.dumps(s.aliases))
            for s in stories
        ]
        self._write_many(sql, rows)

    def delete_stories(self, story_ids: Sequence[str]) -> None:
        """Remove story rows (after a merge moved their members elsewhere)."""
        self._write_many("DELETE FROM stories WHERE id = ?", [(sid,) for sid in story_ids])

    def put_members(self, members: Sequence[StoryMember]) -> None:
        """Insert or move articles into stories."""
        sql = (
            "INSERT INTO story_members (article_id, story_id, score, explanation) "
            "VALUES (?,?,?,?) ON CONFLICT(article_id) DO UPDATE SET story_id=excluded.story_id, "
            "score=excluded.score, explanation=excluded.explanation"
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
            f"{_STORY_SQL} WHERE s.id = ? OR EXISTS "
            "(SELECT 1 FROM json_each(s.aliases) WHERE value = ?) ORDER BY s.id != ? LIMIT 1"
        )
        row = self._read(sql, (story_id, story_id, story_id)).fetchone()
        if row is None:
            raise NotFoundError(f"no story with id {story_id!r}")
        return _story(row)

    def members_of(self, story_id: str) -> list[StoryMember]:
        """The members of a story with their scores and explanations."""
        sql = (
            "SELECT m.article_id, m.story_id, m.score, m.explanation FROM story_members m "
            "JOIN articles a ON a.id = m.article_id WHERE m.story_id = ? ORDER BY a.seq"
        )
        return [_member(row) for row in self._read(sql, (story_id,))]

    def member(self, article_id: str) -> StoryMember | None:
        """The story membership of one article, or None."""
        sql = (
            "SELECT article_id, story_id, score, explanation FROM story_members "
            "WHERE article_id = ?"
        )
        row = self._read(sql, (article_id,)).fetchone()
        return None if row is None else _member(row)

    def put_story_doc(self, story_id: str, kind: str, stamp: str, doc: JSON) -> None:
        """Store one derived document of a story; it replaces the old one of that kind."""
        sql = (
            "INSERT INTO story_docs (story_id, kind, stamp, doc) VALUES (?,?,?,?) "
            "ON CONFLICT(story_id, kind) DO UPDATE SET stamp=excluded.stamp, doc=excluded.doc"
        )
        self._write_many(sql, [(story_id, kind, stamp, json.dumps(doc, sort_keys=True))])

    def get_story_doc(self, story_id: str, kind: str) -> tuple[str, JSON] | None:
        """The ``(stamp, document)`` of one story and kind, or None."""
        sql = "SELECT stamp, doc FROM story_docs WHERE story_id = ? AND kind = ?"
        row = self._read(sql, (story_id, kind)).fetchone()
        return None if row is None else (str(row[0]), json.loads(str(row[1])))

    def delete_story_docs(self, story_ids: Sequence[str]) -> None:
        """Remove every derived document of these stories."""
        self._write_many("DELETE FROM story_docs WHERE story_id = ?", [(s,) for s in story_ids])


def _edge(row: tuple[object, ...]) -> ProvenanceEdge:
    child, parent, kind, score, evidence = row
    pairs = tuple((str(a), str(b)) for a, b in json.loads(str(evidence)))
    return ProvenanceEdge(
        child=str(child),
        parent=str(parent),
        kind=str(kind),  # type: ignore[arg-type]  # only ProvenanceKind values are written
        score=float(str(score)),
        evidence=pairs,
    )


def _story(row: tuple[object, ...]) -> Story:
    sid, headline, first, last, aliases, members = row
    return Story(
        id=str(sid),
        headline=str(headline),
        article_ids=tuple(json.loads(str(members))),
        first=parse_date(first),
        last=parse_date(last),
        aliases=tuple(json.loads(str(aliases))),
    )


def _member(row: tuple[object, ...]) -> StoryMember:
    article_id, story_id, score, explanation = row
    return StoryMember(
        article_id=str(article_id),
        story_id=str(story_id),
        score=float(str(score)),
        explanation=json.loads(str(explanation)),
    )
