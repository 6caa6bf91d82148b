"""Summaries of stored stories, stored per story and recomputed only when the story changed."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass

from newsweave.backends.embed.base import FloatMatrix
from newsweave.backends.storage.base import Storage
from newsweave.claims.service import MAX_ARTICLES, ClaimsService, story_articles, story_edges
from newsweave.model import Article, ProvenanceEdge, Summary
from newsweave.summary.codec import summary_from_json, summary_to_json
from newsweave.summary.select import SelectParams
from newsweave.summary.summarize import DEFAULT_SENTENCES, bag_of_words, summarize

#: Bumped when summaries change for the same input (invalidates stored summaries).
VERSION = "summary.v10"
_DOC_KIND = "summary"


class SummaryService:
    """Summarizes stories on top of their comparison (facts)."""

    def __init__(self, claims: ClaimsService) -> None:
        """Build on the claims service (its embedder and its stored comparisons)."""
        self.claims = claims

    def summary(
        self,
        storage: Storage,
        story_id: str,
        *,
        sentences: int = DEFAULT_SENTENCES,
        max_words: int | None = None,
    ) -> Summary:
        """The stored summary of a story, recomputed (and stored) if the story changed.

        Raises:
            NotFoundError: no story has this id.
        """
        state = self._state(storage, story_id, (sentences, max_words))
        found = _stored(storage, state.story_id, state.stamp)
        if found is not None:
            return found
        comparison = self.claims.compare(storage, state.story_id)
        articles, edges = state.articles, state.edges
        summary = summarize(
            state.story_id,
            articles,
            comparison=comparison,
            edges=edges,
            embed=self.embed,
            sentences=sentences,
            max_words=max_words,
        )
        with storage.transaction():
            storage.put_story_doc(state.story_id, _DOC_KIND, state.stamp, summary_to_json(summary))
        return summary

    def fresh(
        self,
        storage: Storage,
        story_id: str,
        *,
        sentences: int = DEFAULT_SENTENCES,
        max_words: int | None = None,
    ) -> Summary | None:
        """The stored summary if it is up to date, else None (reads only: any connection)."""
        state = self._state(storage, story_id, (sentences, max_words))
        return _stored(storage, state.story_id, state.stamp)

    def _state(self, storage: Storage, story_id: str, n: tuple[int, int | None]) -> _StoryState:
        story, articles = story_articles(storage, story_id)
        edges = story_edges(storage, {a.id for a in articles})
        parts = [VERSION, self.claims.stamp(articles, edges), f"{n[0]}:{n[1]}"]
        parts += sorted(f"{a.id}|{a.title}|{a.date}" for a in articles)
        stamp = hashlib.sha256("\n".join(parts).encode()).hexdigest()[:32]
        return _StoryState(story_id=story.id, articles=articles, edges=edges, stamp=stamp)

    def summarize_articles(
        self,
        storage: Storage,
        story_id: str,
        article_ids: Sequence[str],
        *,
        sentences: int = DEFAULT_SENTENCES,
        max_words: int | None = None,
        params: SelectParams = SelectParams(),  # noqa: B008 - frozen
    ) -> Summary:
        """Summarize stored articles as one story, whatever stories they are in (not stored).

        Raises:
            NotFoundError: an article id is unknown.
        """
        articles = [storage.get_article(a) for a in article_ids[:MAX_ARTICLES]]
        edges = story_edges(storage, {a.id for a in articles})
        with storage.transaction():
            comparison = self.claims.compare_stored(storage, story_id, articles, edges)
        return summarize(
            story_id,
            articles,
            comparison=comparison,
            edges=edges,
            embed=self.embed,
            sentences=sentences,
            max_words=max_words,
            params=params,
        )

    def embed(self, texts: Sequence[str]) -> FloatMatrix:
        """Sentence vectors: the configured embedder, or hashed bags of words without one."""
        if self.claims.embedder is None:
            return bag_of_words(texts)
        return self.claims.embedder.encode(list(texts))


@dataclass(frozen=True, slots=True)
class _StoryState:
    """What a story's summary is computed from, and the stamp of it."""

    story_id: str
    articles: list[Article]
    edges: list[ProvenanceEdge]
    stamp: str


def _stored(storage: Storage, story_id: str, stamp: str) -> Summary | None:
    stored = storage.get_story_doc(story_id, _DOC_KIND)
    if stored is not None and stored[0] == stamp and isinstance(stored[1], dict):
        return summary_from_json(stored[1])
    return None
