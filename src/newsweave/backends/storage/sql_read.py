"""The SQL read model: story lists, story views, entity lists and search, paged in SQL."""

from __future__ import annotations

from collections.abc import Sequence

from newsweave.backends.storage import sql_rows as rows
from newsweave.backends.storage.sql_base import SQLBase
from newsweave.backends.storage.sql_derived import EDGES, MEMBERS_OF_S
from newsweave.backends.storage.sql_dialect import Dialect
from newsweave.backends.storage.sql_rows import ARTICLE_COLUMNS, MEMBER_COLUMNS, columns
from newsweave.model import Article, ProvenanceEdge, StoryMember
from newsweave.read import EntitySummary, PageKey, SearchHit, StoryFilter, StorySummary, page_size
from newsweave.text.dates import format_date

_A_COLUMNS = columns(ARTICLE_COLUMNS, "a")
_ENTITY_COUNTS = (
    "(SELECT count(*) FROM mentions x WHERE x.entity_id = e.id), "
    "(SELECT count(DISTINCT x.article_id) FROM mentions x WHERE x.entity_id = e.id)"
)


def summary_sql(dialect: Dialect) -> str:
    """Story list rows: the story, its member ids in storage order and its outlets."""
    ids = dialect.json_list("m.article_id", MEMBERS_OF_S, order="a.seq")
    outlets = dialect.json_list("DISTINCT a.source", f"{MEMBERS_OF_S} AND a.source IS NOT NULL")
    return f"SELECT s.id, s.headline, s.first, s.last, {ids}, {outlets} FROM stories s"


def _stories_with(source: str, article_id: str, condition: str) -> str:
    """Stories ``s`` with a member whose row in ``source`` (joined on ``article_id``) matches."""
    return (
        f"s.id IN (SELECT m.story_id FROM {source} "
        f"JOIN story_members m ON m.article_id = {article_id} WHERE {condition})"
    )


def story_conditions(dialect: Dialect, filters: StoryFilter) -> tuple[list[str], list[object]]:
    """SQL conditions on ``stories s`` for each set filter, with their parameters."""
    where: list[str] = []
    params: list[object] = []
    if filters.q and (terms := dialect.search_terms(filters.q)):
        where.append(_stories_with(dialect.text_source, "a.id", dialect.text_match))
        params.append(terms)
    if filters.entity:
        where.append(_stories_with("mentions x", "x.article_id", "x.entity_id = ?"))
        params.append(filters.entity)
    if filters.source:
        where.append(_stories_with("articles a", "a.id", "a.source = ?"))
        params.append(filters.source)
    if filters.since is not None:
        where.append("s.last >= ?")
        params.append(format_date(filters.since))
    if filters.until is not None:
        where.append("s.first <= ?")
        params.append(format_date(filters.until))
    return where, params


def _where(conditions: list[str]) -> str:
    return f" WHERE {' AND '.join(conditions)}" if conditions else ""


class SQLReads(SQLBase):
    """Mixin of the SQL stores for the read model."""

    def get_articles(self, article_ids: Sequence[str]) -> dict[str, Article]:
        """The stored articles among these ids, by id."""
        found: dict[str, Article] = {}
        for chunk in self._dialect.chunks(sorted(set(article_ids))):
            condition, params = self._dialect.one_of("a.id", chunk)
            for row in self._rows(f"SELECT {_A_COLUMNS} FROM articles a WHERE {condition}", params):
                article = rows.article(row)
                found[article.id] = article
        return found

    def story_page(
        self, filters: StoryFilter, *, after: PageKey | None = None, limit: int = 50
    ) -> list[StorySummary]:
        """Stories matching ``filters``, newest last article first, after the key ``after``."""
        where, params = story_conditions(self._dialect, filters)
        if after is not None:
            where.append("(coalesce(s.last, ''), s.id) < (?, ?)")
            params.extend(after)
        sql = (
            f"{summary_sql(self._dialect)}{_where(where)} "
            "ORDER BY coalesce(s.last, '') DESC, s.id DESC LIMIT ?"
        )
        return [rows.summary(row) for row in self._rows(sql, (*params, page_size(limit)))]

    def story_articles(self, story_id: str) -> list[tuple[StoryMember, Article]]:
        """The members of a story with their articles, in storage order (one query)."""
        sql = (
            f"SELECT {columns(MEMBER_COLUMNS, 'm')}, {_A_COLUMNS} "
            "FROM story_members m JOIN articles a ON a.id = m.article_id "
            "WHERE m.story_id = ? ORDER BY a.seq"
        )
        return [
            (rows.member(row[:4]), rows.article(row[4:])) for row in self._rows(sql, (story_id,))
        ]

    def edges_among(self, article_ids: Sequence[str]) -> list[ProvenanceEdge]:
        """Provenance edges whose copy or original is one of these articles, by child."""
        found: dict[str, ProvenanceEdge] = {}
        for chunk in self._dialect.chunks(sorted(set(article_ids))):
            child, child_params = self._dialect.one_of("child", chunk)
            parent, parent_params = self._dialect.one_of("parent", chunk)
            sql = f"{EDGES} WHERE {child} OR {parent}"
            for row in self._rows(sql, child_params + parent_params):
                edge = rows.edge(row)
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
        return [rows.entity_summary(row) for row in self._rows(sql, (story_id, page_size(limit)))]

    def entity_page(
        self, q: str | None = None, *, after: PageKey | None = None, limit: int = 50
    ) -> list[EntitySummary]:
        """Entities whose name contains ``q``, by name then id, after the key ``after``."""
        where: list[str] = []
        params: list[object] = []
        if q:
            escaped = q.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
            where.append(f"e.name {self._dialect.like} ? ESCAPE '\\'")
            params.append(f"%{escaped}%")
        if after is not None:
            where.append("(e.name, e.id) > (?, ?)")
            params.extend(after)
        sql = (
            f"SELECT e.id, e.name, e.label, {_ENTITY_COUNTS} "
            f"FROM entities e{_where(where)} ORDER BY e.name, e.id LIMIT ?"
        )
        return [rows.entity_summary(row) for row in self._rows(sql, (*params, page_size(limit)))]

    def search_hits(self, query: str, *, limit: int = 20) -> list[SearchHit]:
        """Full-text matches, best first, each with a marked passage of the text."""
        terms = self._dialect.search_terms(query)
        if not terms:
            return []
        d = self._dialect
        sql = f"SELECT a.id, a.title, a.source, a.date, {d.snippet} {d.ranked_matches} LIMIT ?"
        params = (*d.snippet_params, terms, page_size(limit))
        return [rows.search_hit(row) for row in self._rows(sql, params)]
