"""In-memory storage: the fast fake for unit tests, same contract as SQLite."""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import replace
from itertools import islice

from newsweave.backends.storage.memory_read import MemoryReads
from newsweave.errors import NotFoundError
from newsweave.model import JSON, Article, Mention, ProvenanceEdge, Story, StoryMember


class MemoryStorage(MemoryReads):
    """Keeps everything in dicts; nothing survives the process."""

    name = "storage.memory.v1"

    def __init__(self) -> None:
        """Create an empty store."""
        self._articles: dict[str, Article] = {}
        self._state: dict[tuple[str, str], bytes] = {}
        self._inputs: dict[str, str] = {}
        self._edges: dict[str, ProvenanceEdge] = {}
        self._stories: dict[str, Story] = {}
        self._members: dict[str, StoryMember] = {}
        self._entities: dict[str, dict[str, JSON]] = {}
        self._mentions: dict[tuple[str, int, int], Mention] = {}
        self._docs: dict[tuple[str, str], tuple[str, str]] = {}

    def add_article(self, article: Article) -> bool:
        """Store ``article`` unless its id is present; return True if it was new."""
        if article.id in self._articles:
            return False
        self._articles[article.id] = article
        return True

    def get_article(self, article_id: str) -> Article:
        """Return the article; raise NotFoundError when the id is unknown."""
        try:
            return self._articles[article_id]
        except KeyError:
            raise NotFoundError(f"no article with id {article_id!r}") from None

    def has_article(self, article_id: str) -> bool:
        """Return True if the id is stored."""
        return article_id in self._articles

    def iter_articles(self, *, limit: int | None = None, offset: int = 0) -> Iterator[Article]:
        """Yield articles in insertion order."""
        stop = None if limit is None else offset + limit
        return islice(iter(list(self._articles.values())), offset, stop)

    def articles_after(self, seq: int, limit: int) -> list[tuple[int, Article]]:
        """Return up to ``limit`` (seq, article) pairs stored after ``seq`` (seq = position + 1)."""
        chosen = list(self._articles.values())[seq : seq + limit]
        return [(seq + 1 + i, article) for i, article in enumerate(chosen)]

    def articles_by_seq(self, seqs: Sequence[int]) -> dict[int, Article]:
        """Return the articles with these sequence numbers."""
        ordered = list(self._articles.values())
        return {s: ordered[s - 1] for s in set(seqs) if 0 < s <= len(ordered)}

    def count_articles(self) -> int:
        """Return how many articles are stored."""
        return len(self._articles)

    def search(self, query: str, *, limit: int = 20) -> list[Article]:
        """Return articles containing every query word (case-insensitive), in insertion order."""
        words = query.casefold().split()
        if not words:
            return []
        hits = [
            article
            for article in self._articles.values()
            if all(word in f"{article.title} {article.text}".casefold() for word in words)
        ]
        return hits[:limit]

    def input_done(self, origin: str, digest: str) -> bool:
        """Return True if input ``origin`` with this content digest was fully ingested."""
        return self._inputs.get(origin) == digest

    def mark_input_done(self, origin: str, digest: str, articles: int) -> None:
        """Record that every article of input ``origin`` is stored."""
        self._inputs[origin] = digest

    def get_state(self, namespace: str, key: str) -> bytes | None:
        """Return a stage's saved state, or None."""
        return self._state.get((namespace, key))

    def set_state(self, namespace: str, key: str, value: bytes) -> None:
        """Save a stage's state."""
        self._state[(namespace, key)] = bytes(value)

    def delete_state(self, namespace: str, key: str) -> None:
        """Remove one row of a stage's state (nothing happens when it is absent)."""
        self._state.pop((namespace, key), None)

    def iter_state(
        self, namespace: str, prefix: str, *, start: str = ""
    ) -> Iterator[tuple[str, bytes]]:
        """Yield a stage's state rows under ``prefix`` from key ``start`` on, in key order."""
        lower = max(prefix, start)
        keys = sorted(
            k for ns, k in self._state if ns == namespace and k.startswith(prefix) and k >= lower
        )
        for key in keys:
            yield key, self._state[(namespace, key)]

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """Run the block; on an exception, restore derived data as it was before it."""
        saved = (
            dict(self._edges),
            dict(self._stories),
            dict(self._members),
            dict(self._state),
            dict(self._entities),
            dict(self._mentions),
            dict(self._docs),
        )
        try:
            yield
        except BaseException:
            (
                self._edges,
                self._stories,
                self._members,
                self._state,
                self._entities,
                self._mentions,
                self._docs,
            ) = saved
            raise

    def put_story_doc(self, story_id: str, kind: str, stamp: str, doc: JSON) -> None:
        """Store one derived document of a story (kept as JSON text, as SQLite keeps it)."""
        self._docs[(story_id, kind)] = (stamp, json.dumps(doc, sort_keys=True))

    def get_story_doc(self, story_id: str, kind: str) -> tuple[str, JSON] | None:
        """The ``(stamp, document)`` of one story and kind, or None."""
        found = self._docs.get((story_id, kind))
        return None if found is None else (found[0], json.loads(found[1]))

    def delete_story_docs(self, story_ids: Sequence[str]) -> None:
        """Remove every derived document of these stories."""
        gone = set(story_ids)
        self._docs = {key: doc for key, doc in self._docs.items() if key[0] not in gone}

    def put_edges(self, edges: Sequence[ProvenanceEdge]) -> None:
        """Store provenance edges; a new edge for a child replaces the old."""
        self._edges.update((edge.child, edge) for edge in edges)

    def iter_edges(self) -> Iterator[ProvenanceEdge]:
        """Yield every provenance edge."""
        return iter(list(self._edges.values()))

    def edges_of(self, article_id: str) -> list[ProvenanceEdge]:
        """Edges where the article is the copy or the original."""
        return [e for e in self._edges.values() if article_id in (e.child, e.parent)]

    def put_stories(self, stories: Sequence[Story]) -> None:
        """Insert or update stories (their article ids come from the members)."""
        self._stories.update((story.id, replace(story, article_ids=())) for story in stories)

    def delete_stories(self, story_ids: Sequence[str]) -> None:
        """Remove story rows."""
        for sid in story_ids:
            self._stories.pop(sid, None)

    def put_members(self, members: Sequence[StoryMember]) -> None:
        """Insert or move articles into stories."""
        self._members.update((m.article_id, m) for m in members)

    def iter_stories(self) -> Iterator[Story]:
        """Yield stories, largest first, each with its article ids in storage order."""
        order = {aid: i for i, aid in enumerate(self._articles)}
        by_story: dict[str, list[str]] = {}
        for member in self._members.values():
            by_story.setdefault(member.story_id, []).append(member.article_id)
        stories = [
            replace(story, article_ids=tuple(sorted(by_story.get(sid, []), key=order.__getitem__)))
            for sid, story in self._stories.items()
        ]
        stories.sort(key=lambda s: (-len(s.article_ids), s.id))
        return iter(stories)

    def get_story(self, story_id: str) -> Story:
        """Return a story by id or by an alias it kept after a merge."""
        for story in self.iter_stories():
            if story.id == story_id or story_id in story.aliases:
                return story
        raise NotFoundError(f"no story with id {story_id!r}")

    def members_of(self, story_id: str) -> list[StoryMember]:
        """The members of a story, in storage order."""
        order = {aid: i for i, aid in enumerate(self._articles)}
        found = [m for m in self._members.values() if m.story_id == story_id]
        return sorted(found, key=lambda m: order.get(m.article_id, -1))

    def member(self, article_id: str) -> StoryMember | None:
        """The story membership of one article, or None."""
        return self._members.get(article_id)

    def put_entities(self, records: Sequence[Mapping[str, JSON]]) -> None:
        """Insert or replace entity records (JSON objects with at least id, name, label)."""
        self._entities.update((str(r["id"]), dict(r)) for r in records)

    def redirect_entities(self, redirects: Mapping[str, str]) -> None:
        """Point the mentions of merged-away entities at their survivors, drop the old rows."""
        for key, mention in list(self._mentions.items()):
            if mention.entity_id in redirects:
                self._mentions[key] = replace(mention, entity_id=redirects[mention.entity_id])
        for old in redirects:
            self._entities.pop(old, None)

    def iter_entities(self) -> Iterator[dict[str, JSON]]:
        """Yield every entity record, by id."""
        return iter([dict(self._entities[k]) for k in sorted(self._entities)])

    def find_entities(self, name_or_id: str) -> list[dict[str, JSON]]:
        """Entities with this id, or this name (case-insensitive)."""
        folded = name_or_id.casefold()
        return [
            dict(r)
            for r in self.iter_entities()
            if r["id"] == name_or_id or str(r["name"]).casefold() == folded
        ]

    def put_mentions(self, mentions: Sequence[Mention]) -> None:
        """Store mentions (one per article span; a new one replaces the old)."""
        self._mentions.update(((m.article_id, m.start, m.end), m) for m in mentions)

    def mentions_of(
        self, *, article_id: str | None = None, entity_id: str | None = None
    ) -> list[Mention]:
        """Mentions in one article, or of one entity, in text order."""
        found = [
            m
            for m in self._mentions.values()
            if (m.article_id == article_id if article_id is not None else m.entity_id == entity_id)
        ]
        return sorted(found, key=lambda m: (m.article_id, m.start))

    def close(self) -> None:
        """Nothing to release."""
