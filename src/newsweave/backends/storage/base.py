"""The Storage protocol every backend implements (SQLite default, memory fake, PostgreSQL)."""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from contextlib import AbstractContextManager
from typing import Protocol, runtime_checkable

from newsweave.model import JSON, Article, Mention, ProvenanceEdge, Story, StoryMember
from newsweave.read import EntitySummary, PageKey, SearchHit, StoryFilter, StorySummary


@runtime_checkable
class Storage(Protocol):
    """Where articles and the state of stateful stages are kept.

    Writes are atomic per article: an article is stored whole or not at all. ``add_article`` is
    idempotent: storing an id that is already present changes nothing and returns False.
    """

    def add_article(self, article: Article) -> bool:
        """Store ``article`` unless its id is present; return True if it was new."""
        ...

    def get_article(self, article_id: str) -> Article:
        """Return the article; raise NotFoundError when the id is unknown."""
        ...

    def has_article(self, article_id: str) -> bool:
        """Return True if the id is stored."""
        ...

    def iter_articles(self, *, limit: int | None = None, offset: int = 0) -> Iterator[Article]:
        """Yield articles in the order they were first stored."""
        ...

    def articles_after(self, seq: int, limit: int) -> list[tuple[int, Article]]:
        """Up to ``limit`` (sequence number, article) pairs stored after ``seq``, in order.

        Sequence numbers start at 1 and grow with each newly stored article.
        """
        ...

    def articles_by_seq(self, seqs: Sequence[int]) -> dict[int, Article]:
        """The articles with these sequence numbers (unknown ones are left out)."""
        ...

    def count_articles(self) -> int:
        """Return how many articles are stored."""
        ...

    def search(self, query: str, *, limit: int = 20) -> list[Article]:
        """Full-text search over title and text, best matches first."""
        ...

    def input_done(self, origin: str, digest: str) -> bool:
        """Return True if input ``origin`` with this content digest was fully ingested."""
        ...

    def mark_input_done(self, origin: str, digest: str, articles: int) -> None:
        """Record that every article of input ``origin`` is stored."""
        ...

    def get_state(self, namespace: str, key: str) -> bytes | None:
        """Return a stage's saved state, or None."""
        ...

    def set_state(self, namespace: str, key: str, value: bytes) -> None:
        """Save a stage's state atomically."""
        ...

    def delete_state(self, namespace: str, key: str) -> None:
        """Remove one row of a stage's state (nothing happens when it is absent)."""
        ...

    def iter_state(
        self, namespace: str, prefix: str, *, start: str = ""
    ) -> Iterator[tuple[str, bytes]]:
        """Yield ``(key, value)`` of state rows under ``prefix``, from key ``start`` on, in order.

        Stages that keep their state as appended chunks read only the chunks they lack.
        """
        ...

    def transaction(self) -> AbstractContextManager[None]:
        """Make the writes inside the block atomic (nested blocks join the outer one)."""
        ...

    def put_edges(self, edges: Sequence[ProvenanceEdge]) -> None:
        """Store provenance edges; a child has one parent, a new edge replaces the old."""
        ...

    def iter_edges(self) -> Iterator[ProvenanceEdge]:
        """Yield every provenance edge."""
        ...

    def edges_of(self, article_id: str) -> list[ProvenanceEdge]:
        """Edges where the article is the copy or the original."""
        ...

    def put_stories(self, stories: Sequence[Story]) -> None:
        """Insert or update stories (their article ids come from the members)."""
        ...

    def delete_stories(self, story_ids: Sequence[str]) -> None:
        """Remove story rows (after a merge moved their members)."""
        ...

    def put_members(self, members: Sequence[StoryMember]) -> None:
        """Insert or move articles into stories."""
        ...

    def iter_stories(self) -> Iterator[Story]:
        """Yield stories, largest first, article ids in storage order."""
        ...

    def get_story(self, story_id: str) -> Story:
        """Return a story by id or by a merge alias; raise NotFoundError when unknown."""
        ...

    def members_of(self, story_id: str) -> list[StoryMember]:
        """The members of a story with scores and explanations, in storage order."""
        ...

    def member(self, article_id: str) -> StoryMember | None:
        """The story membership of one article, or None."""
        ...

    def put_entities(self, records: Sequence[Mapping[str, JSON]]) -> None:
        """Insert or replace entity records (JSON objects with at least id, name, label)."""
        ...

    def redirect_entities(self, redirects: Mapping[str, str]) -> None:
        """Point the mentions of merged-away entities at their survivors, drop the old rows."""
        ...

    def iter_entities(self) -> Iterator[dict[str, JSON]]:
        """Yield every entity record, by id."""
        ...

    def find_entities(self, name_or_id: str) -> list[dict[str, JSON]]:
        """Entities with this id, or this name (case-insensitive)."""
        ...

    def put_mentions(self, mentions: Sequence[Mention]) -> None:
        """Store mentions (one per article span; a new one replaces the old)."""
        ...

    def mentions_of(
        self, *, article_id: str | None = None, entity_id: str | None = None
    ) -> list[Mention]:
        """Mentions in one article, or of one entity, in text order."""
        ...

    def put_story_doc(self, story_id: str, kind: str, stamp: str, doc: JSON) -> None:
        """Store one derived document of a story (``kind`` e.g. "facts", "summary").

        ``stamp`` says which state of the story the document was computed from (for example a
        hash of its member ids), so a later run recomputes only stories whose stamp changed.
        A new document of the same story and kind replaces the old one.
        """
        ...

    def get_story_doc(self, story_id: str, kind: str) -> tuple[str, JSON] | None:
        """The ``(stamp, document)`` of one story and kind, or None."""
        ...

    def delete_story_docs(self, story_ids: Sequence[str]) -> None:
        """Remove every derived document of these stories (after a merge or split)."""
        ...

    # --- the read model: paged and filtered inside the store ---

    def get_articles(self, article_ids: Sequence[str]) -> dict[str, Article]:
        """The stored articles among these ids, by id (unknown ids are left out)."""
        ...

    def story_page(
        self, filters: StoryFilter, *, after: PageKey | None = None, limit: int = 50
    ) -> list[StorySummary]:
        """Up to ``limit`` stories matching ``filters``, newest last article first.

        Ties (and stories without dates, which come last) are ordered by descending id;
        ``after`` is the :attr:`StorySummary.key` of the previous page's last row.
        """
        ...

    def story_articles(self, story_id: str) -> list[tuple[StoryMember, Article]]:
        """The members of a story (by its own id) with their articles, in storage order."""
        ...

    def edges_among(self, article_ids: Sequence[str]) -> list[ProvenanceEdge]:
        """Provenance edges whose copy or original is one of these articles."""
        ...

    def story_entities(self, story_id: str, *, limit: int = 50) -> list[EntitySummary]:
        """Entities mentioned in a story's articles, most mentioned there first, then by name."""
        ...

    def entity_page(
        self, q: str | None = None, *, after: PageKey | None = None, limit: int = 50
    ) -> list[EntitySummary]:
        """Entities whose name contains ``q`` (case-insensitive), by name then id.

        ``mentions`` counts every stored mention; ``after`` is the previous page's last key.
        """
        ...

    def search_hits(self, query: str, *, limit: int = 20) -> list[SearchHit]:
        """Full-text matches with a short marked passage each, best first."""
        ...

    def close(self) -> None:
        """Release connections and files."""
        ...
