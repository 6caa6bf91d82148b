"""Pydantic response models of the REST API: the boundary form of the engine's views."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from pydantic import BaseModel

from newsweave.claims.codec import comparison_to_json
from newsweave.cluster.explain import MemberExplanation
from newsweave.dedup.groups import CopyGroup
from newsweave.engine import DataIngest, Failure
from newsweave.model import JSON, Article
from newsweave.read import EntitySummary, SearchHit, StorySummary
from newsweave.summary.codec import summary_to_json
from newsweave.views import ArticleView, EntityDetail, EntityPage, StoryPage, StoryView


class CopyOut(BaseModel):
    """One copy of a copy group."""

    id: str
    kind: str
    score: float


class CopyGroupOut(BaseModel):
    """Articles that copy one another, with their likely original."""

    original: str
    copies: list[CopyOut]


class StorySummaryOut(BaseModel):
    """A row of the story list."""

    id: str
    headline: str
    articles: int
    article_ids: list[str]
    sources: list[str]
    first: datetime | None
    last: datetime | None


class StoryPageOut(BaseModel):
    """A page of stories; pass ``next_cursor`` as ``cursor`` for the next one."""

    stories: list[StorySummaryOut]
    next_cursor: str | None


class ArticleBrief(BaseModel):
    """An article as a story lists it."""

    id: str
    title: str
    url: str | None
    source: str | None
    date: datetime | None
    score: float
    explanation: dict[str, Any]  # model.JSON is recursive, which pydantic cannot build


class EntitySummaryOut(BaseModel):
    """An entity with its mention count."""

    id: str
    name: str
    type: str
    mentions: int
    articles: int


class StoryOut(BaseModel):
    """A story: its articles, sources, copies, entities; facts and summary where computed."""

    id: str
    headline: str
    first: datetime | None
    last: datetime | None
    aliases: list[str]
    articles: list[ArticleBrief]
    sources: list[str]
    copy_groups: list[CopyGroupOut]
    entities: list[EntitySummaryOut]
    facts: dict[str, Any] | None
    summary: dict[str, Any] | None
    analysis: Literal["ready", "pending"]


class ArticleOut(BaseModel):
    """A stored article with what cleaning removed, its story and copy group."""

    id: str
    title: str
    text: str
    url: str | None
    source: str | None
    date: datetime | None
    author: str | None
    origin: str | None
    removed: list[str]
    extras: dict[str, Any]
    story_id: str | None
    copy_group: CopyGroupOut | None


class EntityPageOut(BaseModel):
    """A page of entities; pass ``next_cursor`` as ``cursor`` for the next one."""

    entities: list[EntitySummaryOut]
    next_cursor: str | None


class EntityOut(BaseModel):
    """An entity with its aliases, roles and a page of its stories."""

    id: str
    name: str
    type: str
    mentions: int
    articles: int
    aliases: list[str]
    roles: list[dict[str, str]]
    stories: StoryPageOut


class SearchHitOut(BaseModel):
    """A full-text match: ``marks`` are [start, end) offsets of matched words in ``snippet``."""

    article_id: str
    title: str
    snippet: str
    marks: list[tuple[int, int]]
    source: str | None
    date: datetime | None


class SearchOut(BaseModel):
    """Ranked full-text matches."""

    query: str
    hits: list[SearchHitOut]


class PostedOut(BaseModel):
    """One article of a posted document."""

    id: str
    title: str
    status: str
    story_id: str | None


class RefusedOut(BaseModel):
    """An input or record that was refused, with its stable error code."""

    origin: str
    code: str
    reason: str
    message: str


class PostOut(BaseModel):
    """What a POST stored (``status`` "stored" or "already_stored") and what it refused."""

    articles: list[PostedOut]
    refused: list[RefusedOut]
    analyzed: int


class MemberReasonOut(BaseModel):
    """Why one article is in its story."""

    article_id: str
    probability: float
    shared_names: list[str]
    shared_terms: list[str]
    scores: dict[str, float]


class ExplanationOut(BaseModel):
    """Why each article of a story is in it."""

    story_id: str
    members: list[MemberReasonOut]


class HealthOut(BaseModel):
    """The server is up and its store answers."""

    status: str
    articles: int
    version: str


def copy_group_out(group: CopyGroup) -> CopyGroupOut:
    """The response form of a copy group."""
    copies = [CopyOut(id=c.id, kind=c.kind, score=c.score) for c in group.copies]
    return CopyGroupOut(original=group.original, copies=copies)


def summary_out(row: StorySummary) -> StorySummaryOut:
    """The response form of a story-list row."""
    return StorySummaryOut(
        id=row.id,
        headline=row.headline,
        articles=len(row.article_ids),
        article_ids=list(row.article_ids),
        sources=list(row.sources),
        first=row.first,
        last=row.last,
    )


def story_page_out(page: StoryPage) -> StoryPageOut:
    """The response form of a page of stories."""
    return StoryPageOut(
        stories=[summary_out(s) for s in page.stories], next_cursor=page.next_cursor
    )


def entity_out(row: EntitySummary) -> EntitySummaryOut:
    """The response form of an entity row."""
    return EntitySummaryOut(
        id=row.id, name=row.name, type=row.label, mentions=row.mentions, articles=row.articles
    )


def entity_page_out(page: EntityPage) -> EntityPageOut:
    """The response form of a page of entities."""
    return EntityPageOut(
        entities=[entity_out(e) for e in page.entities], next_cursor=page.next_cursor
    )


def entity_detail_out(detail: EntityDetail) -> EntityOut:
    """The response form of an entity page."""
    e = detail.entity
    return EntityOut(
        id=e.id,
        name=e.name,
        type=e.label,
        mentions=e.mentions,
        articles=e.articles,
        aliases=list(detail.aliases),
        roles=[{"text": t, "article": a} for t, a in detail.roles],
        stories=story_page_out(detail.stories),
    )


def story_out(view: StoryView, *, ready: bool) -> StoryOut:
    """The response form of a story view (``ready``: its facts and summary are current)."""
    s = view.story
    return StoryOut(
        id=s.id,
        headline=s.headline,
        first=s.first,
        last=s.last,
        aliases=list(s.aliases),
        articles=[_brief(m.article, m.score, dict(m.explanation)) for m in view.members],
        sources=list(view.sources),
        copy_groups=[copy_group_out(g) for g in view.copy_groups],
        entities=[entity_out(e) for e in view.entities],
        facts=None if view.facts is None else comparison_to_json(view.facts),
        summary=None if view.summary is None else summary_to_json(view.summary),
        analysis="ready" if ready else "pending",
    )


def _brief(article: Article, score: float, explanation: dict[str, JSON]) -> ArticleBrief:
    return ArticleBrief(
        id=article.id,
        title=article.title,
        url=article.url,
        source=article.source,
        date=article.date,
        score=score,
        explanation=explanation,
    )


def article_out(view: ArticleView) -> ArticleOut:
    """The response form of an article view."""
    a = view.article
    return ArticleOut(
        id=a.id,
        title=a.title,
        text=a.text,
        url=a.url,
        source=a.source,
        date=a.date,
        author=a.author,
        origin=a.origin,
        removed=list(a.removed),
        extras=dict(a.extras),
        story_id=None if view.story is None else view.story.id,
        copy_group=None if view.copy_group is None else copy_group_out(view.copy_group),
    )


def search_out(query: str, hits: list[SearchHit]) -> SearchOut:
    """The response form of search hits."""
    return SearchOut(
        query=query,
        hits=[
            SearchHitOut(
                article_id=h.article_id,
                title=h.title,
                snippet=h.snippet,
                marks=list(h.marks),
                source=h.source,
                date=h.date,
            )
            for h in hits
        ],
    )


def failure_out(failure: Failure) -> RefusedOut:
    """The response form of a refused input."""
    return RefusedOut(
        origin=failure.origin, code=failure.code, reason=failure.reason, message=failure.message
    )


def post_out(report: DataIngest) -> PostOut:
    """The response form of an ingest of posted data."""
    return PostOut(
        articles=[
            PostedOut(
                id=p.id,
                title=p.title,
                status="stored" if p.stored else "already_stored",
                story_id=p.story_id,
            )
            for p in report.articles
        ],
        refused=[failure_out(f) for f in report.failures],
        analyzed=report.analyzed,
    )


def explanation_out(story_id: str, reasons: list[MemberExplanation]) -> ExplanationOut:
    """The response form of a story's explanation."""
    return ExplanationOut(
        story_id=story_id,
        members=[
            MemberReasonOut(
                article_id=r.article_id,
                probability=r.probability,
                shared_names=list(r.shared_names),
                shared_terms=list(r.shared_terms),
                scores=dict(r.scores),
            )
            for r in reasons
        ],
    )
