"""Story clustering stage: each new article joins its story or starts one, online.

Candidates come from the clusterer's inverted index (never a scan of all stories); each
assignment is followed by relinking of the article's neighbourhood (earlier articles may move
as evidence accumulates). A copy found by the dedup stage joins its original's story. The
clusterer's state, the features of every article and the stories live in ``ctx.storage``.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import replace
from datetime import datetime
from typing import Any, ClassVar

from newsweave.backends.embed.base import Embedder
from newsweave.cluster.batch import cluster_batch
from newsweave.cluster.clusterer import StoryClusterer
from newsweave.cluster.explain import MemberExplanation, explain_member
from newsweave.cluster.features import ArticleFeatures, extract, lead
from newsweave.cluster.maintain import add_and_relink
from newsweave.cluster.params import default_params
from newsweave.cluster.state import from_state, to_state
from newsweave.errors import NotFoundError, StageError
from newsweave.model import Article, Story, StoryMember
from newsweave.pipeline import Context
from newsweave.stages.cluster_io import features_from_json, features_to_json

FEATURES = "cluster.features"
_COPY_KINDS = frozenset({"exact", "near"})


class _StoredFeatures(Mapping[str, ArticleFeatures]):
    """Read-through view of stored article features (what relinking needs)."""

    def __init__(self, ctx: Context, fresh: dict[str, ArticleFeatures]) -> None:
        self._ctx, self._fresh = ctx, fresh

    def __getitem__(self, article_id: str) -> ArticleFeatures:
        if article_id in self._fresh:
            return self._fresh[article_id]
        assert self._ctx.storage is not None
        blob = self._ctx.storage.get_state(FEATURES, article_id)
        if blob is None:
            raise KeyError(article_id)
        return features_from_json(blob)

    def __iter__(self) -> Iterator[str]:
        return iter(self._fresh)

    def __len__(self) -> int:
        return len(self._fresh)


class ClusterStage:
    """Assign new articles to stories (online clustering with neighbourhood relinking)."""

    name: ClassVar[str] = "cluster.online.v1"
    requires: ClassVar[frozenset[str]] = frozenset({"article.clean_text"})
    provides: ClassVar[frozenset[str]] = frozenset({"article.story"})

    def __init__(
        self, embedder: Embedder | None = None, params_key: str = "none", *, batch: bool = False
    ) -> None:
        """Cluster with lead embeddings from ``embedder`` and the parameters tuned for it.

        With ``batch``, a first run on an empty store clusters its whole input at once
        (average link over candidate pairs, for backfills); later runs go on online.
        """
        self.embedder = embedder
        self.params = default_params(params_key)
        self.batch = batch

    def run(self, items: Iterable[Article], ctx: Context) -> Iterator[Article]:
        """Assign a batch of articles to stories and store the changes."""
        batch = list(items)
        if ctx.storage is None:
            raise StageError(f"{self.name} needs a storage for its stories")
        if batch:
            clu = self.load(ctx)
            fresh = self._features(batch)
            if self.batch and not clu.stories:
                clu = cluster_batch(list(fresh.values()), self.params)
                changed = dict.fromkeys(fresh, 1.0)
            else:
                changed = self._assign(clu, batch, fresh, ctx)
            self._store(clu, changed, fresh, ctx)
        yield from batch

    def load(self, ctx: Context) -> StoryClusterer:
        """The clusterer as stored (a new one when nothing is stored yet)."""
        assert ctx.storage is not None
        blob = ctx.storage.get_state(self.name, "clusterer")
        if blob is None:
            return StoryClusterer(self.params)
        return from_state(json.loads(blob.decode("utf-8")), self.params)

    def _features(self, batch: Sequence[Article]) -> dict[str, ArticleFeatures]:
        feats = [extract(a.id, a.title, a.text, date=a.date) for a in batch]
        if self.embedder is not None:
            matrix = self.embedder.encode([lead(a.title, a.text) for a in batch])
            feats = [replace(f, embedding=matrix[i]) for i, f in enumerate(feats)]
        return {f.article_id: f for f in feats}

    def _assign(
        self,
        clu: StoryClusterer,
        batch: Sequence[Article],
        fresh: dict[str, ArticleFeatures],
        ctx: Context,
    ) -> dict[str, float]:
        """Add each article; return every article whose story changed, with its score."""
        lookup = _StoredFeatures(ctx, fresh)
        changed: dict[str, float] = {}
        for article in batch:
            feats = fresh[article.id]
            original = _copied_story(article.id, clu, ctx)
            if original is not None:
                clu.attach(feats, original)
                changed[article.id] = 1.0
                continue
            got, moved = add_and_relink(clu, feats, lookup)
            changed[article.id] = 1.0 if got.created else round(got.probability, 4)
            for other in moved:
                changed.setdefault(other, 1.0)
        return changed

    def _store(
        self,
        clu: StoryClusterer,
        changed: dict[str, float],
        fresh: dict[str, ArticleFeatures],
        ctx: Context,
    ) -> None:
        storage = ctx.storage
        assert storage is not None
        for article_id, feats in fresh.items():
            storage.set_state(FEATURES, article_id, features_to_json(feats))
        members = []
        for article_id, score in changed.items():
            story_id = clu.story_of(article_id)
            if story_id is not None:
                members.append(StoryMember(article_id=article_id, story_id=story_id, score=score))
        storage.put_members(members)
        touched = {m.story_id for m in members}
        storage.put_stories([_story(clu, sid, ctx) for sid in sorted(touched)])
        gone = [sid for sid in clu.aliases if sid not in clu.stories]
        storage.delete_stories(gone)
        state: dict[str, Any] = to_state(clu)
        storage.set_state(self.name, "clusterer", json.dumps(state).encode("utf-8"))
        ctx.stats.add(f"{self.name}.assigned", len(changed))


def explain_story(stage: ClusterStage, story_id: str, ctx: Context) -> list[MemberExplanation]:
    """Why each article of a story is in it: shared names and terms, similarity scores."""
    assert ctx.storage is not None
    clu = stage.load(ctx)
    sid = clu.resolve(story_id)
    if sid not in clu.stories:
        raise NotFoundError(f"no story with id {story_id!r}")
    lookup = _StoredFeatures(ctx, {})
    return [explain_member(clu, lookup[a]) for a in clu.stories[sid].members]


def _copied_story(article_id: str, clu: StoryClusterer, ctx: Context) -> str | None:
    """The story of the article this one copies (exact or near), if it has one."""
    assert ctx.storage is not None
    for edge in ctx.storage.edges_of(article_id):
        if edge.child == article_id and edge.kind in _COPY_KINDS:
            return clu.story_of(edge.parent)
    return None


def _story(clu: StoryClusterer, story_id: str, ctx: Context) -> Story:
    assert ctx.storage is not None
    profile = clu.stories[story_id]
    aliases = tuple(
        sorted(set(profile.aliases) | {a for a, s in clu.aliases.items() if s == story_id})
    )
    dates = [d for d in (_date_of(a, ctx) for a in profile.members) if d is not None]
    return Story(
        id=story_id,
        headline=profile.headline,
        article_ids=tuple(profile.members),
        first=min(dates) if dates else None,
        last=max(dates) if dates else None,
        aliases=aliases,
    )


def _date_of(article_id: str, ctx: Context) -> datetime | None:
    assert ctx.storage is not None
    blob = ctx.storage.get_state(FEATURES, article_id)
    return None if blob is None else features_from_json(blob).date
