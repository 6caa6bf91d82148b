"""PostgreSQL read model: story lists, story views, entity lists and search, paged in SQL."""

from __future__ import annotations

from collections.abc import Sequence

from newsweave.backends.storage.postgres_base import PostgresBase, Row
from newsweave.backends.storage.sqlite_derived import _edge, _member
from newsweave.backends.storage.sqlite_read import ARTICLE_COLUMNS
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

__all__ = ["ARTICLE_COLUMNS", "PostgresReads", "ts_query"]

_A_COLUMNS = ", ".join(f"a.{c}" for c in ARTICLE_COLUMNS.split(", "))
# Highlight markers ts_headline puts around matched words (control characters never in news).
_OPEN, _CLOSE = "\x02", "\x03"
# Words of context in a search snippet (as the SQLite snippet).
_SNIPPET_WORDS = 16
_HEADLINE_OPTIONS = (
    f'StartSel="{_OPEN}", StopSel="{_CLOSE}", MaxWords={_SNIPPET_WORDS}, '
    f'MinWords={_SNIPPET_WORDS // 2}, ShortWord=0, FragmentDelimiter="…", MaxFragments=1'
)
_MATCH = "a.tsv @@ websearch_to_tsquery('simple', %s)"

_SUMMARY_SQL = (
    "SELECT s.id, s.headline, s.first, s.last, "
    "(SELECT coalesce(json_agg(m.article_id ORDER BY a.seq), '[]') FROM story_members m "
    "JOIN articles a ON a.id = m.article_id WHERE m.story_id = s.id), "
    "(SELECT coalesce(json_agg(DISTINCT a.source), '[]') FROM story_members m "
    "JOIN articles a ON a.id = m.article_id WHERE m.story_id = s.id AND a.source IS NOT NULL) "
    "FROM stories s"
)


def ts_query(query: str) -> str:
    """``query`` for ``websearch_to_tsquery`` without control characters ("" if no word).

    PostgreSQL text cannot hold NUL; the other control characters are dropped likewise.
    """
    text = "".join(c if c.isprintable() else " " for c in query)
    return " ".join(text.split()) if any(c.isalnum() for c in text) else ""


class PostgresReads(PostgresBase):
    """Mixin of :class:`~newsweave.backends.storage.postgres.PostgresStorage`: the read model."""

    def _article_row(self, row: Row) -> Article:
        raise NotImplementedError

    def get_articles(self, article_ids: Sequence[str]) -> dict[str, Article]:
        """The stored articles among these ids, by id."""
        if not article_ids:
            return {}
        sql = f"SELECT {_A_COLUMNS} FROM articles a WHERE a.id = ANY(%s)"
        found = [self._article_row(row) for row in self._read(sql, (sorted(set(article_ids)),))]
        return {article.id: article for article in found}

    def story_page(
        self, filters: StoryFilter, *, after: PageKey | None = None, limit: int = 50
    ) -> list[StorySummary]:
        """Stories matching ``filters``, newest last article first, after the key ``after``."""
        where, params = _story_conditions(filters)
        if after is not None:
            where.append("(coalesce(s.last, ''), s.id) < (%s, %s)")
            params.extend(after)
        clause = f" WHERE {' AND '.join(where)}" if where else ""
        sql = f"{_SUMMARY_SQL}{clause} ORDER BY coalesce(s.last, '') DESC, s.id DESC LIMIT %s"
        return [_summary(row) for row in self._read(sql, (*params, page_size(limit)))]

    def story_articles(self, story_id: str) -> list[tuple[StoryMember, Article]]:
        """The members of a story with their articles, in storage order (one query)."""
        sql = (
            f"SELECT m.article_id, m.story_id, m.score, m.explanation, {_A_COLUMNS} "
            "FROM story_members m JOIN articles a ON a.id = m.article_id "
            "WHERE m.story_id = %s ORDER BY a.seq"
        )
        return [
            (_member(row[:4]), self._article_row(row[4:])) for row in self._read(sql, (story_id,))
        ]

    def edges_among(self, article_ids: Sequence[str]) -> list[ProvenanceEdge]:
        """Provenance edges whose copy or original is one of these articles."""
        if not article_ids:
            return []
        ids = sorted(set(article_ids))
        sql = (
            "SELECT child, parent, kind, score, evidence FROM provenance "
            "WHERE child = ANY(%s) OR parent = ANY(%s) ORDER BY child"
        )
        return [_edge(row) for row in self._read(sql, (ids, ids))]

    def story_entities(self, story_id: str, *, limit: int = 50) -> list[EntitySummary]:
        """Entities mentioned in a story's articles, most mentioned there first."""
        sql = (
            "SELECT e.id, e.name, e.label, count(*) AS n, count(DISTINCT x.article_id) "
            "FROM story_members m "
            "JOIN mentions x ON x.article_id = m.article_id JOIN entities e ON e.id = x.entity_id "
            "WHERE m.story_id = %s GROUP BY e.id ORDER BY n DESC, e.name, e.id LIMIT %s"
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
            where.append("e.name ILIKE %s ESCAPE '\\'")
            params.append(f"%{escaped}%")
        if after is not None:
            where.append("(e.name, e.id) > (%s, %s)")
            params.extend(after)
        clause = f" WHERE {' AND '.join(where)}" if where else ""
        sql = (
            "SELECT e.id, e.name, e.label, "
            "(SELECT count(*) FROM mentions x WHERE x.entity_id = e.id), "
            "(SELECT count(DISTINCT x.article_id) FROM mentions x WHERE x.entity_id = e.id) "
            f"FROM entities e{clause} ORDER BY e.name, e.id LIMIT %s"
        )
        return [_entity(row) for row in self._read(sql, (*params, page_size(limit)))]

    def search_hits(self, query: str, *, limit: int = 20) -> list[SearchHit]:
        """Full-text matches ranked by ``ts_rank_cd``, each with a marked passage of the text."""
        text = ts_query(query)
        if not text:
            return []
        sql = (
            "SELECT a.id, a.title, a.source, a.date, ts_headline('simple', a.text, q, %s) "
            "FROM articles a, websearch_to_tsquery('simple', %s) q WHERE a.tsv @@ q "
            "ORDER BY ts_rank_cd(a.tsv, q) DESC, a.seq LIMIT %s"
        )
        hits = []
        rows = self._read(sql, (_HEADLINE_OPTIONS, text, page_size(limit)))
        for aid, title, source, date, snippet in rows:
            passage, marks = split_marks(str(snippet), _OPEN, _CLOSE)
            hits.append(
                SearchHit(
                    article_id=aid,
                    title=title,
                    snippet=passage,
                    marks=marks,
                    source=source,
                    date=parse_date(date),
                )
            )
        return hits


def _story_conditions(filters: StoryFilter) -> tuple[list[str], list[object]]:
    """SQL conditions on ``stories s`` for each set filter, with their parameters."""
    where: list[str] = []
    params: list[object] = []
    if filters.q and (text := ts_query(filters.q)):
        where.append(
            "s.id IN (SELECT m.story_id FROM articles a "
            f"JOIN story_members m ON m.article_id = a.id WHERE {_MATCH})"
        )
        params.append(text)
    if filters.entity:
        where.append(
            "s.id IN (SELECT m.story_id FROM mentions x "
            "JOIN story_members m ON m.article_id = x.article_id WHERE x.entity_id = %s)"
        )
        params.append(filters.entity)
    if filters.source:
        where.append(
            "s.id IN (SELECT m.story_id FROM articles a "
            "JOIN story_members m ON m.article_id = a.id WHERE a.source = %s)"
        )
        params.append(filters.source)
    if filters.since is not None:
        where.append("s.last >= %s")
        params.append(format_date(filters.since))
    if filters.until is not None:
        where.append("s.first <= %s")
        params.append(format_date(filters.until))
    return where, params


def _summary(row: Row) -> StorySummary:
    sid, headline, first, last, members, sources = row
    return StorySummary(
        id=sid,
        headline=headline,
        article_ids=tuple(members),
        sources=tuple(sorted(sources)),
        first=parse_date(first),
        last=parse_date(last),
    )


def _entity(row: Row) -> EntitySummary:
    eid, name, label, mentions, articles = row
    return EntitySummary(
        id=eid, name=name, label=label, mentions=int(mentions), articles=int(articles)
    )
