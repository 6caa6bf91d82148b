"""Story clustering stage: each new article joins its story or starts one, online.

Candidates come from the clusterer's inverted index (never a scan of all stories); each
assignment is followed by relinking of the article's neighbourhood (earlier articles may move
as evidence accumulates). A copy found by the dedup stage joins its original's story. The
clusterer's state (see :mod:`newsweave.cluster.codec`: a row per story and an
append-only log), the features of every article and the stories live in ``ctx.storage``.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any, ClassVar

from newsweave.backends.embed.base import Embedder
from newsweave.backends.storage.base import Storage
from newsweave.cluster import codec, journal
from newsweave.cluster.clusterer import StoryClusterer
from newsweave.cluster.explain import MemberExplanation, explain_member
from newsweave.cluster.features import ArticleFeatures, extract, lead
from newsweave.cluster.maintain import add_and_relink, merge_pass, rejoin, split_story
from newsweave.cluster.parallel import cluster_parallel
from newsweave.cluster.params import ClusterParams, default_params
from newsweave.config import Config
from newsweave.errors import NotFoundError, StageError
from newsweave.model import Article, Story, StoryMember
from newsweave.pipeline import Context

FEATURES = "cluster.features"
#: Which tuned clustering parameters go with which embedder (bench/quality/train_cluster.py).
PARAMS_FOR_EMBEDDER = {"embed.minilm.v1": "minilm", "embed.static.v1": "static"}
_COPY_KINDS = frozenset({"exact", "near"})


#: Parsed features of recently used articles a stage keeps (relinking reads the same
#: neighbourhoods again and again; a stored feature row is parsed once while it stays in use).
FEATURE_CACHE = 4096


class _StoredFeatures(Mapping[str, ArticleFeatures]):
    """Read-through view of stored article features (what relinking needs)."""

    def __init__(
        self,
        ctx: Context,
        fresh: dict[str, ArticleFeatures],
        cache: dict[str, ArticleFeatures] | None = None,
    ) -> None:
        self._ctx, self._fresh = ctx, fresh
        self._cache = cache if cache is not None else {}

    def __getitem__(self, article_id: str) -> ArticleFeatures:
        if article_id in self._fresh:
            return self._fresh[article_id]
        cache = self._cache
        feats = cache.pop(article_id, None)
        if feats is None:
            assert self._ctx.storage is not None
            blob = self._ctx.storage.get_state(FEATURES, article_id)
            if blob is None:
                raise KeyError(article_id)
            feats = codec.features_from_json(blob)
        cache[article_id] = feats  # most recently used last
        while len(cache) > FEATURE_CACHE:
            del cache[next(iter(cache))]
        return feats

    def __iter__(self) -> Iterator[str]:
        return iter(self._fresh)

    def __len__(self) -> int:
        return len(self._fresh)


def cluster_params(config: Config) -> ClusterParams:
    """The parameters fitted for the configured embedder, with ``[stages.cluster]`` applied."""
    chosen = config.stages.cluster
    params = default_params(PARAMS_FOR_EMBEDDER.get(config.stages.embedder, "none"))
    params = replace(params, relink_every=chosen.relink_every)
    if chosen.join_threshold is not None:
        params = replace(params, join_threshold=chosen.join_threshold)
    if chosen.window_days is not None:
        params = replace(params, window_days=chosen.window_days)
    return params


def effective_settings(config: Config) -> dict[str, Any]:
    """``config`` as plain data, with the cluster settings left unset shown as in effect."""
    data = config.to_dict()
    params = cluster_params(config)
    table = data["stages"]["cluster"]
    table.update(join_threshold=params.join_threshold, window_days=params.window_days)
    return data


class ClusterStage:
    """Assign new articles to stories (online clustering with neighbourhood relinking)."""

    name: ClassVar[str] = "cluster.online.v1"
    requires: ClassVar[frozenset[str]] = frozenset({"article.clean_text"})
    provides: ClassVar[frozenset[str]] = frozenset({"article.story"})

    def __init__(
        self,
        embedder: Embedder | None = None,
        params_key: str = "none",
        *,
        batch: bool = False,
        params: ClusterParams | None = None,
    ) -> None:
        """Cluster with lead embeddings from ``embedder`` and the parameters tuned for it.

        ``params`` replaces the fitted set of ``params_key`` when given. With ``batch``, a
        first run on an empty store clusters its whole input at once (average link over
        candidate pairs, for backfills); later runs go on online.
        """
        self.embedder = embedder
        self.params = params or default_params(params_key)
        self.batch = batch
        self._cache: codec.Loaded | None = None
        self._stored: dict[str, ArticleFeatures] = {}  # parsed stored features, LRU
        self._stored_in: Storage | None = None  # the store they were read from

    @classmethod
    def from_config(
        cls, config: Config, *, embedder: Embedder | None = None, batch: bool = False
    ) -> ClusterStage:
        """The stage for ``config``: the embedder's fitted set and ``[stages.cluster]``."""
        return cls(embedder, batch=batch, params=cluster_params(config))

    def backfills_whole(self, storage: Storage) -> bool:
        """In batch mode, a store with no story yet is clustered in one go."""
        return self.batch and next(iter(storage.iter_stories()), None) is None

    def explain(self, story_id: str, ctx: Context) -> list[MemberExplanation]:
        """Why each article of a story is in it (see :func:`explain_story`)."""
        return explain_story(self, story_id, ctx)

    def maintain(self, ctx: Context, *, split: bool = False) -> MaintenanceReport:
        """Merge (and split) stories in storage (see :func:`maintain_stories`)."""
        return maintain_stories(self, ctx, split=split)

    def run(self, items: Iterable[Article], ctx: Context) -> Iterator[Article]:
        """Assign a batch of articles to stories and store the changes."""
        batch = list(items)
        if ctx.storage is None:
            raise StageError(f"{self.name} needs a storage for its stories")
        if batch:
            loaded = self._loaded(ctx.storage)
            self._cache = None  # until this batch is saved: a failure leaves no stale copy
            fresh = self._features(batch, ctx.prepared_for(self.name))
            snapshot = self.batch and not loaded.clusterer.stories
            if snapshot:
                clu = cluster_parallel(list(fresh.values()), self.params, ctx.map_work)
                loaded.clusterer = journal.journaled(clu)
                changed = dict.fromkeys(fresh, 1.0)
            else:
                changed = self._assign(loaded.clusterer, batch, fresh, ctx)
            touched = codec.save(loaded, self.name, snapshot=snapshot)
            self._cache = loaded
            self._store(loaded.clusterer, changed, touched, fresh, ctx)
        yield from batch

    def load(self, ctx: Context) -> StoryClusterer:
        """The clusterer as stored (a new one when nothing is stored yet)."""
        assert ctx.storage is not None
        return self._loaded(ctx.storage).clusterer

    def _loaded(self, storage: Storage) -> codec.Loaded:
        """The cached clusterer when it is the stored one, else a fresh load."""
        count = int(storage.get_state(self.name, codec.COUNT) or b"0")
        cached = self._cache
        if cached is not None and cached.storage is storage and cached.count == count:
            return cached
        try:
            return codec.load(storage, self.name, self.params)
        except ValueError as exc:
            raise StageError(str(exc)) from None

    def prepare(self, items: Sequence[Article]) -> dict[str, Any]:
        """Each article's clustering features (lead embedding included), for :meth:`run`."""
        feats = [extract(a.id, a.title, a.text, date=a.date) for a in items]
        if self.embedder is not None and feats:
            matrix = self.embedder.encode([lead(a.title, a.text) for a in items])
            feats = [replace(f, embedding=matrix[i]) for i, f in enumerate(feats)]
        return {f.article_id: f for f in feats}

    def _features(
        self, batch: Sequence[Article], prepared: Mapping[str, Any]
    ) -> dict[str, ArticleFeatures]:
        missing = [a for a in batch if a.id not in prepared]
        made = self.prepare(missing) if missing else {}
        return {a.id: made[a.id] if a.id in made else prepared[a.id] for a in batch}

    def _assign(
        self,
        clu: StoryClusterer,
        batch: Sequence[Article],
        fresh: dict[str, ArticleFeatures],
        ctx: Context,
    ) -> dict[str, float]:
        """Add each article; return every article whose story changed, with its score."""
        if self._stored_in is not ctx.storage:
            self._stored, self._stored_in = {}, ctx.storage
        lookup = _StoredFeatures(ctx, fresh, self._stored)
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
        touched: set[str],
        fresh: dict[str, ArticleFeatures],
        ctx: Context,
    ) -> None:
        storage = ctx.storage
        assert storage is not None
        for article_id, feats in fresh.items():
            storage.set_state(FEATURES, article_id, codec.features_to_json(feats))
            self._stored.pop(article_id, None)  # a re-ingested article's old features
        members = []
        for article_id, score in changed.items():
            story_id = clu.story_of(article_id)
            if story_id is not None:
                members.append(StoryMember(article_id=article_id, story_id=story_id, score=score))
        gone = sorted(sid for sid in touched if sid not in clu.stories)
        members.extend(_followers(clu, gone, changed, storage))
        storage.put_members(members)
        live = sorted(sid for sid in touched if sid in clu.stories)
        storage.put_stories([_story(clu, sid, ctx) for sid in live])
        storage.delete_stories(gone)
        ctx.stats.add(f"{self.name}.assigned", len(changed))


@dataclass(frozen=True, slots=True)
class MaintenanceReport:
    """What :func:`maintain_stories` changed.

    Attributes:
        merged: ``(kept, merged away)`` story id pairs.
        split: story id -> the ids its articles now belong to (when it fell apart).
        checked: stories re-clustered to look for a split.
        skipped: stories too large to re-cluster in one go (left as they are).
        moved: articles whose story changed.
    """

    merged: tuple[tuple[str, str], ...]
    split: dict[str, tuple[str, ...]]
    checked: int
    skipped: int
    moved: int


#: Stories with more articles than this are not re-clustered by maintenance (pair scoring is
#: quadratic in a story's size); online relinking keeps large stories' recent edges in shape.
MAX_SPLIT_ARTICLES = 300
#: A part split off a story stays apart only when its story-level probability against the
#: main part is below this. Chosen on ECB+ dev: 0.02-0.2 leave dev B3 F1 unchanged (0.9465,
#: 5 orders), 0.4 lowers it (0.9431); without this check splitting cost 0.019.
SPLIT_BELOW = 0.1


def maintain_stories(
    stage: ClusterStage, ctx: Context, *, split: bool = False
) -> MaintenanceReport:
    """Merge stories that grew together and, with ``split``, split those that drifted apart.

    Merging looks up candidate stories in the inverted index (no all-pairs scan). Splitting
    re-clusters each story of 3 to :data:`MAX_SPLIT_ARTICLES` articles in batch mode and keeps
    a part apart only when it no longer matches the rest (:data:`SPLIT_BELOW`). It is off by
    default: on ECB+ it left dev unchanged and cost 0.003 B3 F1 on train (see
    docs/explanation/clustering.md). Run it in one transaction: the stories, members and
    clusterer state change together.
    """
    storage = ctx.storage
    if storage is None:
        raise StageError(f"{stage.name} needs a storage for its stories")
    loaded = stage._loaded(storage)
    stage._cache = None
    clu = loaded.clusterer
    before = {a: clu.story_of(a) for a in clu.assigned}
    merged = merge_pass(clu)
    lookup = _StoredFeatures(ctx, {})
    parted: dict[str, tuple[str, ...]] = {}
    checked = skipped = 0
    for sid in sorted(clu.stories) if split else ():
        size = clu.stories[sid].size if sid in clu.stories else 0
        if size < 3:
            continue
        if size > MAX_SPLIT_ARTICLES:
            skipped += 1
            continue
        checked += 1
        parts = split_story(clu, sid, [lookup[a] for a in clu.stories[sid].members])
        parts = rejoin(clu, parts, SPLIT_BELOW)
        if len(parts) > 1:
            parted[sid] = tuple(parts)
    moved = {a: 1.0 for a, sid in before.items() if clu.story_of(a) != sid}
    touched = codec.save(loaded, stage.name)
    stage._cache = loaded
    stage._store(clu, moved, touched, {}, ctx)
    return MaintenanceReport(tuple(merged), parted, checked, skipped, len(moved))


def _followers(
    clu: StoryClusterer, gone: Sequence[str], changed: Mapping[str, float], storage: Storage
) -> list[StoryMember]:
    """Stored members of merged-away stories, re-pointed at the story that took them.

    A merge (an article bridging two stories, a merge pass, a relink) moves every member of
    the story it folds, stored ones included, though only the articles in ``changed`` were
    assigned in this batch: the others keep their score and follow the alias.
    """
    followers = []
    for sid in gone:
        for member in storage.members_of(sid):
            story_id = clu.story_of(member.article_id)
            if member.article_id not in changed and story_id is not None:
                followers.append(replace(member, story_id=story_id))
    return followers


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
    return Story(
        id=story_id,
        headline=profile.headline,
        article_ids=tuple(profile.members),
        first=profile.first,  # the profile keeps its members' earliest and latest dates
        last=profile.last,
        aliases=aliases,
    )
