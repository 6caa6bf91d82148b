"""Views the engine serves to the CLI, the REST API and the web desk, built from store reads.

Each builder runs a handful of paged or keyed queries (never a whole-table load, never one
look-up per article) so that a story page stays fast with a large store.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from newsweave.backends.storage.base import Storage
from newsweave.dedup.groups import CopyGroup, copy_groups
from newsweave.errors import NotFoundError
from newsweave.model import JSON, Article, Comparison, ProvenanceEdge, Story, Summary
from newsweave.read import (
    EntitySummary,
    StoryFilter,
    StorySummary,
    decode_cursor,
    encode_cursor,
    page_size,
)

# Entities listed on a story page.
STORY_ENTITIES = 30


@dataclass(frozen=True, slots=True, kw_only=True)
class StoryPage:
    """One page of a story list and the cursor of the next page (None on the last)."""

    stories: tuple[StorySummary, ...]
    next_cursor: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class EntityPage:
    """One page of an entity list and the cursor of the next page (None on the last)."""

    entities: tuple[EntitySummary, ...]
    next_cursor: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class MemberView:
    """One article of a story, with how strongly it matched and the stored reasons."""

    article: Article
    score: float
    explanation: Mapping[str, JSON]


@dataclass(frozen=True, slots=True, kw_only=True)
class StoryView:
    """Everything a story page shows.

    ``facts`` (``Engine.compare``) and ``summary`` (``Engine.summary``) are the ones stored for
    the story as it is now, or None until ``Engine.prepare_story`` has run.
    """

    story: Story
    members: tuple[MemberView, ...]
    sources: tuple[str, ...]
    copy_groups: tuple[CopyGroup, ...]
    entities: tuple[EntitySummary, ...]
    facts: Comparison | None = None
    summary: Summary | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class ArticleView:
    """An article with its story and its copy group."""

    article: Article
    story: Story | None
    copy_group: CopyGroup | None


@dataclass(frozen=True, slots=True, kw_only=True)
class EntityDetail:
    """An entity with its aliases, roles, mention count and a page of its stories."""

    entity: EntitySummary
    aliases: tuple[str, ...]
    roles: tuple[tuple[str, str], ...]
    stories: StoryPage


def story_page(
    store: Storage, filters: StoryFilter, *, cursor: str | None = None, limit: int = 50
) -> StoryPage:
    """A page of stories matching ``filters``, newest first."""
    size = page_size(limit)
    after = decode_cursor(cursor) if cursor else None
    rows = store.story_page(filters, after=after, limit=size + 1)
    more = len(rows) > size
    rows = rows[:size]
    return StoryPage(stories=tuple(rows), next_cursor=encode_cursor(rows[-1].key) if more else None)


def entity_page(
    store: Storage, q: str | None = None, *, cursor: str | None = None, limit: int = 50
) -> EntityPage:
    """A page of entities whose name contains ``q``, by name."""
    size = page_size(limit)
    after = decode_cursor(cursor) if cursor else None
    rows = store.entity_page(q or None, after=after, limit=size + 1)
    more = len(rows) > size
    rows = rows[:size]
    return EntityPage(
        entities=tuple(rows), next_cursor=encode_cursor(rows[-1].key) if more else None
    )


def story_view(store: Storage, story_id: str) -> StoryView:
    """The story (by id or merge alias) with its articles, sources, copies and entities."""
    story = store.get_story(story_id)
    pairs = store.story_articles(story.id)
    ids = [article.id for _, article in pairs]
    inside = set(ids)
    edges = [e for e in store.edges_among(ids) if e.child in inside and e.parent in inside]
    return StoryView(
        story=story,
        members=tuple(
            MemberView(article=article, score=member.score, explanation=member.explanation)
            for member, article in pairs
        ),
        sources=tuple(sorted({a.source for _, a in pairs if a.source})),
        copy_groups=tuple(copy_groups(edges)),
        entities=tuple(store.story_entities(story.id, limit=STORY_ENTITIES)),
    )


def copy_group_of(store: Storage, article_id: str) -> CopyGroup | None:
    """The copy group an article belongs to, or None when it has no copies."""
    edges: dict[str, ProvenanceEdge] = {}
    frontier, seen = [article_id], {article_id}
    while frontier:
        found = store.edges_among(frontier)
        frontier = []
        for edge in found:
            edges[edge.child] = edge
            for other in (edge.child, edge.parent):
                if other not in seen:
                    seen.add(other)
                    frontier.append(other)
    groups = copy_groups(edges.values())
    return groups[0] if groups else None


def article_view(store: Storage, article_id: str) -> ArticleView:
    """The article with its story and copy group; NotFoundError when the id is unknown."""
    article = store.get_article(article_id)
    member = store.member(article_id)
    story = None
    if member is not None:
        try:
            story = store.get_story(member.story_id)
        except NotFoundError:
            story = None
    return ArticleView(article=article, story=story, copy_group=copy_group_of(store, article_id))


def entity_detail(
    store: Storage, entity_id: str, *, cursor: str | None = None, limit: int = 20
) -> EntityDetail:
    """An entity by id with a page of the stories that mention it."""
    records = [r for r in store.find_entities(entity_id) if r.get("id") == entity_id]
    if not records:
        raise NotFoundError(f"no entity with id {entity_id!r}")
    record = records[0]
    mentions = store.mentions_of(entity_id=entity_id)
    summary = EntitySummary(
        id=entity_id,
        name=str(record["name"]),
        label=str(record["label"]),
        mentions=len(mentions),
        articles=len({m.article_id for m in mentions}),
    )
    aliases = record.get("aliases")
    roles = record.get("roles")
    return EntityDetail(
        entity=summary,
        aliases=tuple(str(a) for a in aliases) if isinstance(aliases, list) else (),
        roles=tuple(
            (str(r.get("text")), str(r.get("article")))
            for r in (roles if isinstance(roles, list) else [])
            if isinstance(r, dict)
        ),
        stories=story_page(store, StoryFilter(entity=entity_id), cursor=cursor, limit=limit),
    )
