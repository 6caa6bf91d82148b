"""SQLite read model: story lists, story views, entity lists and search, paged in SQL."""

from __future__ import annotations

import json
from collections.abc import Sequence

from newsweave.backends.storage.sqlite_base import SQLiteMixin
from newsweave.backends.storage.sqlite_derived import _edge, _member
from newsweave.model import Article, ProvenanceEdge, StoryMember
from newsweave.read import (
    EntitySummary,
    PageKey,
    SearchHit,
    StoryFilter,
    StorySummary,
    page_size,
    split_marks,
)
from newsweave.text.dates import format_date, parse_date

# Columns of an article row, each prefixed with the articles table's alias ``a``.
ARTICLE_COLUMNS = "id, title, text, url, source, date, author, origin, removed, extras"
_A_COLUMNS = ", ".join(f"a.{c}" for c in ARTICLE_COLUMNS.split(", "))
# Highlight markers FTS5 puts around matched words (control characters never in news text).
_OPEN, _CLOSE = "\x02", "\x03"
# Words of context in a search snippet.
_SNIPPET_WORDS = 16
# Ids per ``IN (...)`` query: well under SQLite's default variable limit.
_CHUNK = 500

_SUMMARY_SQL = (
    "SELECT s.id, s.headline, s.first, s.last, "
    "(SELECT json_group_array(x.article_id) FROM (SELECT m.article_id FROM story_members m "
    "JOIN articles a ON a.id = m.article_id WHERE m.story_id = s.id ORDER BY a.seq) x), "
    "(SELECT json_group_array(DISTINCT a.source) FROM story_members m "
    "JOIN articles a ON a.id = m.article_id WHERE m.story_id = s.id AND a.source IS NOT NULL) "
    "FROM stories s"
)


def fts_terms(query: str) -> str:
    """An FTS5 query that matches every word of ``query`` (quoted, so no operator applies).

    Control characters are dropped: SQLite reads a NUL inside a query string as its end.
    """
    text = "".join(c if c.isprintable() else " " for c in query).replace('"', " ")
    return " ".join(f'"{word}"' for word in text.split())


class SQLiteReads(SQLiteMixin):
    """Mixin of :class:`~newsweave.backends.storage.sqlite.SQLiteStorage` for the read model."""

    def _article_row(self, row: tuple[object, ...]) -> Article:
        raise NotImplementedError

    def get_articles(self, article_ids: Sequence[str]) -> dict[str, Article]:
        """The stored articles among these ids, by id."""
        found: dict[str, Article] = {}
        unique = sorted(set(article_ids))
        for start in range(0, len(unique), _CHUNK):
            chunk = unique[start : start + _CHUNK]
            sql = (
                f"SELECT {_A_COLUMNS} FROM articles a WHERE a.id IN ({','.join('?' * len(chunk))})"
            )
            for row in self._read(sql, tuple(chunk)):
                article = self._article_row(row)
                found[article.id] = article
        return found

    def story_page(
        self, filters: StoryFilter, *, after: PageKey | None = None, limit: int = 50
    ) -> list[StorySummary]:
        """Stories matching ``filters``, newest last article first, after the key ``after``."""
        where, params = _story_conditions(filters)
        if after is not None:
            where.append("(coalesce(s.last, ''), s.id) < (?, ?)")
            params.extend(after)
        clause = f" WHERE {' AND '.join(where)}" if where else ""
        sql = f"{_SUMMARY_SQL}{clause} ORDER BY coalesce(s.last, '') DESC, s.id DESC LIMIT ?"
        rows = self._read(sql, (*params, page_size(limit)))
        return [_summary(row) for row in rows]

    def story_articles(self, story_id: str) -> list[tuple[StoryMember, Article]]:
        """The members of a story with their articles, in storage order (one query)."""
        sql = (
            f"SELECT m.article_id, m.story_id, m.score, m.explanation, {_A_COLUMNS} "
            "FROM story_members m JOIN articles a ON a.id = m.article_id "
            "WHERE m.story_id = ? ORDER BY a.seq"
        )
        return [
            (_member(row[:4]), self._article_row(row[4:])) for row in self._read(sql, (story_id,))
        ]

    def edges_among(self, article_ids: Sequence[str]) -> list[ProvenanceEdge]:
        """Provenance edges whose copy or original is one of these articles."""
        found: dict[str, ProvenanceEdge] = {}
        unique = sorted(set(article_ids))
        for start in range(0, len(unique), _CHUNK):
            chunk = tuple(unique[start : start + _CHUNK])
            marks = ",".join("?" * len(chunk))
            sql = (
                "SELECT child, parent, kind, score, evidence FROM provenance "
                f"WHERE child IN ({marks}) OR parent IN ({marks})"
            )
            for row in self._read(sql, chunk + chunk):
                edge = _edge(row)
                found[edge.child] = edge
        return [found[child] for child in sorted(found)]

    def story_entities(self, story_id: str, *, limit: int = 50) -> list[EntitySummary]:
        """Entities mentioned in a story's articles, most mentioned there first."""
        sql = (
            "SELECT e.id, e.name, e.label, count(*) AS n, count(DISTINCT x.article_id) "
            "FROM story_members m "
            "JOIN mentions x ON x.article_id = m.article_id JOIN entities e ON e.id = x.entity_id "
            "WHERE m.story_id = ? GROUP BY e.id ORDER BY n DESC, e.name, e.id LIMIT ?"
        )
        return [_entity(row) for row in self._read(sql, (story_id, page_size(limit)))]

    def entity_page(
        self, q: str | None = None, *, after: PageKey | None = None, limit: int = 50
    ) -> list[EntitySummary]:
        """Entities whose name contains ``q``, by name then id, after the key ``after``."""
        where: list[str] = []
        params: list[object] = []
        if q:
            escaped = q.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
            where.append("e.name LIKE ? ESCAPE '\\'")
            params.append(f"%{escaped}%")
        if after is not None:
            where.append("(e.name, e.id) > (?, ?)")
            params.extend(after)
        clause = f" WHERE {' AND '.join(where)}" if where else ""
        sql = (
            "SELECT e.id, e.name, e.label, "
            "(SELECT count(*) FROM mentions x WHERE x.entity_id = e.id), "
            "(SELECT count(DISTINCT x.article_id) FROM mentions x WHERE x.entity_id = e.id) "
            f"FROM entities e{clause} ORDER BY e.name, e.id LIMIT ?"
        )
        return [_entity(row) for row in self._read(sql, (*params, page_size(limit)))]

    def search_hits(self, query: str, *, limit: int = 20) -> list[SearchHit]:
        """FTS5 matches ranked by BM25, each with a snippet of the text around the match."""
        terms = fts_terms(query)
        if not terms:
            return []
        sql = (
            "SELECT a.id, a.title, a.source, a.date, "
            f"snippet(articles_fts, 1, '{_OPEN}', '{_CLOSE}', '…', {_SNIPPET_WORDS}) "
            "FROM articles_fts f JOIN articles a ON a.seq = f.rowid WHERE articles_fts MATCH ? "
            "ORDER BY bm25(articles_fts) LIMIT ?"
        )
        hits = []
        for aid, title, source, date, snippet in self._read(sql, (terms, page_size(limit))):
            text, marks = split_marks(str(snippet), _OPEN, _CLOSE)
            hits.append(
                SearchHit(
                    article_id=str(aid),
                    title=str(title),
                    snippet=text,
                    marks=marks,
                    source=None if source is None else str(source),
                    date=parse_date(date),
                )
            )
        return hits


def _story_conditions(filters: StoryFilter) -> tuple[list[str], list[object]]:
    """SQL conditions on ``stories s`` for each set filter, with their parameters."""
    where: list[str] = []
    params: list[object] = []
    if filters.q and (terms := fts_terms(filters.q)):
        where.append(
            "s.id IN (SELECT m.story_id FROM articles_fts f JOIN articles a ON a.seq = f.rowid "
            "JOIN story_members m ON m.article_id = a.id WHERE articles_fts MATCH ?)"
        )
        params.append(terms)
    if filters.entity:
        where.append(
            "s.id IN (SELECT m.story_id FROM mentions x "
            "JOIN story_members m ON m.article_id = x.article_id WHERE x.entity_id = ?)"
        )
        params.append(filters.entity)
    if filters.source:
        where.append(
            "s.id IN (SELECT m.story_id FROM articles a "
            "JOIN story_members m ON m.article_id = a.id WHERE a.source = ?)"
        )
        params.append(filters.source)
    if filters.since is not None:
        where.append("s.last >= ?")
        params.append(format_date(filters.since))
    if filters.until is not None:
        where.append("s.first <= ?")
        params.append(format_date(filters.until))
    return where, params


def _summary(row: tuple[object, ...]) -> StorySummary:
    sid, headline, first, last, members, sources = row
    return StorySummary(
        id=str(sid),
        headline=str(headline),
        article_ids=tuple(json.loads(str(members))),
        sources=tuple(sorted(json.loads(str(sources)))),
        first=parse_date(first),
        last=parse_date(last),
    )


def _entity(row: tuple[object, ...]) -> EntitySummary:
    eid, name, label, mentions, articles = row
    return EntitySummary(
        id=str(eid),
        name=str(name),
        label=str(label),
        mentions=int(str(mentions)),
        articles=int(str(articles)),
    )
