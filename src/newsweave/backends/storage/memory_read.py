"""The read model of the in-memory store: same answers as SQLite, computed from its dicts."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Sequence

from newsweave.model import JSON, Article, Mention, ProvenanceEdge, Story, StoryMember
from newsweave.read import (
    EntitySummary,
    PageKey,
    SearchHit,
    StoryFilter,
    StorySummary,
    page_size,
)
from newsweave.text.dates import format_date

# Characters of context either side of the first match in a search snippet.
_CONTEXT = 60


class MemoryReads:
    """Mixin of :class:`~newsweave.backends.storage.memory.MemoryStorage` for the read model."""

    _articles: dict[str, Article]
    _edges: dict[str, ProvenanceEdge]
    _members: dict[str, StoryMember]
    _entities: dict[str, dict[str, JSON]]
    _mentions: dict[tuple[str, int, int], Mention]

    def iter_stories(self) -> Iterator[Story]:
        """Yield stories (provided by MemoryStorage)."""
        raise NotImplementedError

    def get_articles(self, article_ids: Sequence[str]) -> dict[str, Article]:
        """The stored articles among these ids, by id."""
        return {a: self._articles[a] for a in article_ids if a in self._articles}

    def story_page(
        self, filters: StoryFilter, *, after: PageKey | None = None, limit: int = 50
    ) -> list[StorySummary]:
        """Stories matching ``filters``, newest last article first, after the key ``after``."""
        rows = [self._summary(s) for s in self.iter_stories() if self._matches(s, filters)]
        rows.sort(key=lambda r: r.key, reverse=True)
        if after is not None:
            rows = [r for r in rows if r.key < after]
        return rows[: page_size(limit)]

    def _summary(self, story: Story) -> StorySummary:
        sources = {s for a in story.article_ids if (s := self._articles[a].source) is not None}
        return StorySummary(
            id=story.id,
            headline=story.headline,
            article_ids=story.article_ids,
            sources=tuple(sorted(sources)),
            first=story.first,
            last=story.last,
        )

    def _matches(self, story: Story, filters: StoryFilter) -> bool:
        articles = [self._articles[a] for a in story.article_ids]
        if filters.q and not any(_contains_words(a, filters.q) for a in articles):
            return False
        if filters.entity:
            ids = set(story.article_ids)
            if not any(
                m.entity_id == filters.entity and m.article_id in ids
                for m in self._mentions.values()
            ):
                return False
        if filters.source and all(a.source != filters.source for a in articles):
            return False
        if filters.since is not None and (format_date(story.last) or "") < (
            format_date(filters.since) or ""
        ):
            return False
        return not (
            filters.until is not None and (story.first is None or story.first > filters.until)
        )

    def story_articles(self, story_id: str) -> list[tuple[StoryMember, Article]]:
        """The members of a story with their articles, in storage order."""
        order = {aid: i for i, aid in enumerate(self._articles)}
        found = [m for m in self._members.values() if m.story_id == story_id]
        found.sort(key=lambda m: order.get(m.article_id, -1))
        return [(m, self._articles[m.article_id]) for m in found]

    def edges_among(self, article_ids: Sequence[str]) -> list[ProvenanceEdge]:
        """Provenance edges whose copy or original is one of these articles."""
        ids = set(article_ids)
        found = [e for e in self._edges.values() if e.child in ids or e.parent in ids]
        return sorted(found, key=lambda e: e.child)

    def story_entities(self, story_id: str, *, limit: int = 50) -> list[EntitySummary]:
        """Entities mentioned in a story's articles, most mentioned there first."""
        ids = {m.article_id for m in self._members.values() if m.story_id == story_id}
        inside = [
            m
            for m in self._mentions.values()
            if m.article_id in ids and m.entity_id in self._entities
        ]
        counts = Counter(m.entity_id for m in inside)
        docs = Counter(e for e, _ in {(m.entity_id, m.article_id) for m in inside})
        rows = [self._entity(eid, n, docs[eid]) for eid, n in counts.items()]
        rows.sort(key=lambda r: (-r.mentions, r.name, r.id))
        return rows[: page_size(limit)]

    def entity_page(
        self, q: str | None = None, *, after: PageKey | None = None, limit: int = 50
    ) -> list[EntitySummary]:
        """Entities whose name contains ``q``, by name then id, after the key ``after``."""
        counts = Counter(m.entity_id for m in self._mentions.values())
        docs = Counter(e for e, _ in {(m.entity_id, m.article_id) for m in self._mentions.values()})
        folded = (q or "").casefold()
        rows = [
            self._entity(eid, counts[eid], docs[eid])
            for eid, record in self._entities.items()
            if folded in str(record["name"]).casefold()
        ]
        rows.sort(key=lambda r: r.key)
        if after is not None:
            rows = [r for r in rows if r.key > after]
        return rows[: page_size(limit)]

    def _entity(self, entity_id: str, mentions: int, articles: int) -> EntitySummary:
        record = self._entities[entity_id]
        return EntitySummary(
            id=entity_id,
            name=str(record["name"]),
            label=str(record["label"]),
            mentions=mentions,
            articles=articles,
        )

    def search_hits(self, query: str, *, limit: int = 20) -> list[SearchHit]:
        """Articles containing every query word, in storage order, with a marked snippet."""
        words = query.casefold().split()
        if not words:
            return []
        hits = []
        for article in self._articles.values():
            if not _contains_words(article, query):
                continue
            text = article.text
            at = text.casefold().find(words[0])
            start = max(0, at - _CONTEXT) if at >= 0 else 0
            snippet = text[start : start + 2 * _CONTEXT + len(words[0])]
            mark = at - start
            marks = ((mark, mark + len(words[0])),) if at >= 0 else ()
            hits.append(
                SearchHit(
                    article_id=article.id,
                    title=article.title,
                    snippet=snippet,
                    marks=marks,
                    source=article.source,
                    date=article.date,
                )
            )
        return hits[: page_size(limit)]


def _contains_words(article: Article, query: str) -> bool:
    haystack = f"{article.title} {article.text}".casefold()
    return all(word in haystack for word in query.casefold().split())
