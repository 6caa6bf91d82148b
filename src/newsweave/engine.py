"""The Engine: the one front door that the CLI, the REST API and executors all call."""

from __future__ import annotations

import logging
import random
import threading
import weakref
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from types import TracebackType
from typing import Any

from newsweave.backends.embed.base import Embedder
from newsweave.backends.storage.base import Storage
from newsweave.backends.storage.dsn import POSTGRES_STORAGE, SQLITE_STORAGE, is_postgres_url
from newsweave.batch_plan import SHARD_SIZE, BatchReport, run_batch
from newsweave.claims.scorer import PairScorer, load_scorer
from newsweave.claims.service import ClaimsService
from newsweave.cluster.explain import MemberExplanation
from newsweave.config import Config, load_config
from newsweave.dedup.groups import CopyGroup, copy_groups
from newsweave.entities.view import EntityView, entity_view
from newsweave.errors import INPUT_REASONS, InputError, NotFoundError, StageError
from newsweave.model import JSON, Article, Comparison, Story, Summary
from newsweave.pipeline import (
    STORED_PROVIDES,
    Context,
    Executor,
    Pipeline,
    ProgressCallback,
    Stage,
    StageFailure,
    StageStats,
    StoryStage,
)
from newsweave.read import SearchHit, StoryFilter
from newsweave.readers import ReadLimits, iter_input_paths, read_input
from newsweave.readers.dispatch import STDIN, read_bytes
from newsweave.registry import Registries, default_registries
from newsweave.report.document import report_document
from newsweave.stages.cluster import MaintenanceReport, effective_settings
from newsweave.summary.select import SelectParams
from newsweave.summary.service import SummaryService
from newsweave.summary.summarize import DEFAULT_SENTENCES, centroid_baseline, lead_baseline
from newsweave.views import (
    ArticleView,
    EntityDetail,
    EntityPage,
    StoryPage,
    StoryView,
    article_view,
    copy_group_of,
    entity_detail,
    entity_page,
    story_page,
    story_view,
)

logger = logging.getLogger(__name__)

# Where the engine records the last analyzed article (storage sequence number).
_WATERMARK = ("engine", "analyzed_seq")
# Articles per analysis transaction: larger is faster, smaller holds the write lock less long.
_ANALYSIS_BATCH = 512


@dataclass(frozen=True, slots=True, kw_only=True)
class Failure:
    """One input, record or article that could not be used, and why."""

    origin: str
    code: str
    reason: str
    message: str

    @classmethod
    def from_error(cls, error: InputError) -> Failure:
        """Build from an InputError."""
        where = error.path if error.line is None else f"{error.path}:{error.line}"
        return cls(origin=where, code=error.code, reason=error.reason, message=error.detail)

    @classmethod
    def from_stage(cls, failed: StageFailure) -> Failure:
        """Build from a stage's per-article failure."""
        code = INPUT_REASONS.get(failed.reason, StageError.code)
        origin = failed.origin or failed.article_id
        return cls(origin=origin, code=code, reason=failed.reason, message=failed.message)


@dataclass(frozen=True, slots=True, kw_only=True)
class IngestReport:
    """What one ``ingest`` call did."""

    inputs: int
    stored: int
    already_stored: int
    skipped_inputs: int
    analyzed: int = 0
    failures: tuple[Failure, ...] = ()
    stats: dict[str, int] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        """True when nothing failed."""
        return not self.failures


@dataclass(frozen=True, slots=True, kw_only=True)
class Posted:
    """One article of a posted document: stored now, or already known; and its story."""

    id: str
    title: str
    stored: bool
    story_id: str | None


@dataclass(frozen=True, slots=True, kw_only=True)
class DataIngest:
    """What ``ingest_data`` did with one posted document."""

    articles: tuple[Posted, ...]
    failures: tuple[Failure, ...] = ()
    analyzed: int = 0


@dataclass(frozen=True, slots=True, kw_only=True)
class Extraction:
    """The cleaned article of one input record, or why there is none."""

    origin: str
    article: Article | None = None
    failure: Failure | None = None


class Engine:
    """Run the pipeline over inputs and answer questions about what is stored.

    Example:
        >>> with Engine.open(":memory:") as eng:  # doctest: +SKIP
        ...     eng.ingest(["examples/corpus"])
    """

    def __init__(
        self,
        config: Config,
        *,
        storage: Storage | None = None,
        registries: Registries | None = None,
    ) -> None:
        """Build an engine; ``storage`` defaults to the configured backend at ``config.db``."""
        self.config = config
        self.registries = registries or default_registries()
        self.storage: Storage = storage or self._open_store()
        stages = self.registries.stages
        self.pipeline = Pipeline([stages.create(config.stages.clean, config)])
        self.analysis = Pipeline(self._analysis_stages(), given=STORED_PROVIDES)
        self._claims: ClaimsService | None = None
        self._limits = ReadLimits(
            max_bytes=config.ingest.max_bytes, html_seconds=config.ingest.html_seconds
        )
        # Concurrency (the REST API): writes go through ``self.storage`` under one writer lock;
        # reads on other threads get a connection of their own (SQLite WAL readers) when the
        # engine opened the store itself. Stages and models are built once, above, and shared.
        self.write_lock = threading.RLock()
        self._owner = threading.get_ident()
        self._per_thread = storage is None and config.db != ":memory:"
        self._local = threading.local()
        # Weak: a worker thread's connection closes when the thread ends (its local goes away).
        self._readers: weakref.WeakSet[Storage] = weakref.WeakSet()

    def _open_store(self) -> Storage:
        """The configured backend at ``config.db``; a ``postgresql://`` URL picks PostgreSQL."""
        name = self.config.storage
        if is_postgres_url(self.config.db) and name == SQLITE_STORAGE:
            name = POSTGRES_STORAGE
        store: Storage = self.registries.storage.create(name, self.config.db)
        return store

    def _analysis_stages(self) -> list[Stage]:
        """Dedup, then stories (copies join their original's story), then entities."""
        chosen = self.config.stages
        stages = self.registries.stages
        embedder_name = chosen.embedder
        embedder = (
            None if embedder_name == "none" else self.registries.embedders.create(embedder_name)
        )
        names = [chosen.dedup, chosen.cluster.use]
        if chosen.entities != "none":
            names.append(chosen.entities)
        out: list[Stage] = [stages.create(n, self.config, embedder=embedder) for n in names]
        return out

    @staticmethod
    def settings(config: Config) -> dict[str, Any]:
        """``config`` as plain data, with fitted values shown where a setting is unset."""
        return effective_settings(config)

    @classmethod
    def open(cls, db: str | Path | None = None, *, config: Config | None = None) -> Engine:
        """Open the store at ``db`` (default from config/env, ``./newsweave.db``)."""
        config = config or load_config()
        if db is not None:
            config = replace(config, db=str(db))
        return cls(config)

    def __enter__(self) -> Engine:
        """Enter a ``with`` block."""
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        """Close the store."""
        self.close()

    def close(self) -> None:
        """Close the store and every per-thread read connection."""
        for reader in list(self._readers):
            reader.close()
        self._readers.clear()
        self.storage.close()

    def _reads(self) -> Storage:
        """The store to read from on this thread (its own connection off the owner thread)."""
        if not self._per_thread or threading.get_ident() == self._owner:
            return self.storage
        reader: Storage | None = getattr(self._local, "storage", None)
        if reader is None:
            reader = self._open_store()
            self._local.storage = reader
            with self.write_lock:
                self._readers.add(reader)
        return reader

    def ingest(
        self, paths: Sequence[str | Path], *, progress: ProgressCallback | None = None
    ) -> IngestReport:
        """Read, clean and store every input; bad inputs are reported, the rest goes on."""
        names = list(iter_input_paths(paths))
        ctx = Context(storage=self.storage, stats=StageStats())
        stored = already = skipped = 0
        failures: list[Failure] = []
        for done, name in enumerate(names):
            if progress:
                progress("ingest", done, len(names))
            digest = _input_digest(name)
            if digest and self.storage.input_done(name, digest):
                skipped += 1
                continue
            new, old, errors = self._ingest_one(name, ctx)
            stored, already = stored + new, already + old
            failures.extend(errors)
            if digest and not errors:
                self.storage.mark_input_done(name, digest, new + old)
        if progress:
            progress("ingest", len(names), len(names))
        analyzed = self.update(progress=progress)
        logger.info("ingest: %d inputs, %d stored, %d failed", len(names), stored, len(failures))
        return IngestReport(
            inputs=len(names),
            stored=stored,
            already_stored=already,
            skipped_inputs=skipped,
            analyzed=analyzed,
            failures=tuple(failures),
            stats=dict(ctx.stats.counts),
        )

    def update(
        self,
        *,
        progress: ProgressCallback | None = None,
        batch_size: int | None = None,
        prepared: Mapping[str, Mapping[str, Any]] | None = None,
        executor: Executor | None = None,
    ) -> int:
        """Run the analysis stages (dedup, …) over articles stored since the last update.

        Each batch's derived data and the watermark are written in one transaction, so a crash
        leaves the derived tables consistent and the next call picks up where this one stopped.
        ``prepared`` holds per-article work done ahead by batch workers (see
        :mod:`newsweave.batch_plan`); the result is the same without it. Stages send their
        independent work units to ``executor`` when given (the same result as without).

        Returns:
            How many articles were analyzed.
        """
        total, pending = 0, self.storage.count_articles()
        if batch_size is None and self._backfill():
            batch_size = max(pending, 1)  # a backfill clusters its whole input at once
        while True:
            ctx = Context(
                storage=self.storage,
                stats=StageStats(),
                prepared=prepared or {},
                executor=executor,
            )
            with self.storage.transaction():
                # Read inside the write transaction: another process writing the same store
                # (PostgreSQL, or SQLite from two processes) may have analyzed these meanwhile.
                done = int(self.storage.get_state(*_WATERMARK) or b"0")
                rows = self.storage.articles_after(done, batch_size or _ANALYSIS_BATCH)
                if rows:
                    for _ in self.analysis.run([article for _, article in rows], ctx):
                        pass
                    self.storage.set_state(*_WATERMARK, str(rows[-1][0]).encode())
            if not rows:
                break
            total += len(rows)
            if progress:
                progress("analyze", total, pending)
        return total

    def batch(
        self,
        paths: Sequence[str | Path],
        executor: Executor,
        *,
        shard_size: int = SHARD_SIZE,
        progress: ProgressCallback | None = None,
    ) -> BatchReport:
        """Run the batch plan over a corpus: per-shard work on ``executor``, writes here.

        Same stages as :meth:`ingest`; only where the per-article work runs changes (see
        :mod:`newsweave.batch_plan`). Shards already done in this store are skipped.
        """
        names = [str(p) for p in paths]
        return run_batch(self, names, executor, shard_size=shard_size, progress=progress)

    def _backfill(self) -> bool:
        """Batch clustering is configured and the store has no story yet."""
        stages = self.analysis.stages
        return any(isinstance(s, StoryStage) and s.backfills_whole(self.storage) for s in stages)

    def _ingest_one(self, name: str, ctx: Context) -> tuple[int, int, list[Failure]]:
        articles, failures = self._process_input(name, ctx)
        new = old = 0
        for article in articles:
            if self.storage.add_article(article):
                new += 1
                logger.debug("stored %s from %s", article.id, article.origin)
            else:
                old += 1
        return new, old, failures

    def ingest_data(self, data: bytes, *, name: str) -> DataIngest:
        """Read, clean, store and analyze one posted document (its reader chosen by ``name``).

        Writes are serialised through the engine's writer lock, so concurrent callers queue.
        """
        with self.write_lock:
            ctx = Context(storage=self.storage, stats=StageStats())
            articles, failures = self._process_input(name, ctx, data)
            stored = [self.storage.add_article(article) for article in articles]
            analyzed = self.update()
            posted = tuple(
                Posted(id=a.id, title=a.title, stored=new, story_id=self.story_of(a.id))
                for a, new in zip(articles, stored, strict=True)
            )
        logger.info("ingest_data %s: %d articles, %d failed", name, len(posted), len(failures))
        return DataIngest(articles=posted, failures=tuple(failures), analyzed=analyzed)

    def _process_input(
        self, name: str, ctx: Context, data: bytes | None = None
    ) -> tuple[list[Article], list[Failure]]:
        """Read and clean one input (a path, or ``data`` named ``name``): articles, failures."""
        failures: list[Failure] = []
        raw: list[Article] = []
        items = (
            read_input(name, self._limits) if data is None else read_bytes(name, data, self._limits)
        )
        try:
            for item in items:
                if isinstance(item, InputError):
                    failures.append(Failure.from_error(item))
                else:
                    raw.append(item)
        except Exception as exc:
            logger.exception("reading %s failed", name)
            message = f"reader crashed: {type(exc).__name__}: {exc}"
            failures.append(Failure(origin=name, code="NW200", reason="crash", message=message))
        start = len(ctx.failures)
        articles = list(self.pipeline.run(raw, ctx))
        failures.extend(Failure.from_stage(failed) for failed in ctx.failures[start:])
        return articles, failures

    def extract(self, paths: Sequence[str | Path]) -> Iterator[Extraction]:
        """Read and clean inputs without storing anything."""
        ctx = Context(stats=StageStats())
        for name in iter_input_paths(paths):
            articles, failures = self._process_input(name, ctx)
            for article in articles:
                yield Extraction(origin=article.origin or name, article=article)
            for failure in failures:
                yield Extraction(origin=failure.origin, failure=failure)

    def articles(self, *, limit: int | None = None, offset: int = 0) -> list[Article]:
        """Return stored articles in the order they were first stored."""
        return list(self.storage.iter_articles(limit=limit, offset=offset))

    def article(self, article_id: str) -> Article:
        """Return one stored article; raise NotFoundError when unknown."""
        return self._reads().get_article(article_id)

    def dupes(self) -> list[CopyGroup]:
        """Every group of copies: its likely original and each copy's kind and score."""
        return copy_groups(self.storage.iter_edges())

    def copy_group(self, article_id: str) -> CopyGroup | None:
        """The copy group an article belongs to, or None when it has no copies."""
        store = self._reads()
        store.get_article(article_id)  # NotFoundError for unknown ids
        return copy_group_of(store, article_id)

    def count_articles(self) -> int:
        """How many articles are stored."""
        return self._reads().count_articles()

    def articles_by_id(self, article_ids: Sequence[str]) -> dict[str, Article]:
        """The stored articles among these ids, by id (one query, unknown ids left out)."""
        return self._reads().get_articles(article_ids)

    # --- the read model (CLI views, REST API and web desk) ---

    def story_list(
        self, filters: StoryFilter | None = None, *, cursor: str | None = None, limit: int = 50
    ) -> StoryPage:
        """A page of stories, newest first, narrowed by ``filters``; pass on ``next_cursor``.

        The entity filter takes an entity id or an entity's name (case-insensitive).

        Raises:
            ConfigError: the cursor is not one this engine made.
        """
        reads = self._reads()
        wanted = filters or StoryFilter()
        if wanted.entity:
            found = reads.find_entities(wanted.entity)
            if found:
                wanted = replace(wanted, entity=str(found[0]["id"]))
        return story_page(reads, wanted, cursor=cursor, limit=limit)

    def story_view(self, story_id: str) -> StoryView:
        """A story with its articles, sources, copy groups and entities.

        Its facts and summary are given when they are stored for the story as it is now (see
        :meth:`prepare_story`), else left None: a view never waits for an analysis.

        Raises:
            NotFoundError: no story has this id.
        """
        reads = self._reads()
        view = story_view(reads, story_id)
        claims = self._claims_service()
        return replace(
            view,
            facts=claims.fresh(reads, view.story.id),
            summary=SummaryService(claims).fresh(reads, view.story.id),
        )

    def prepare_story(self, story_id: str) -> None:
        """Compute and store a story's facts and summary now, unless they are up to date."""
        self.compare(story_id)
        self.summary(story_id)

    def article_view(self, article_id: str) -> ArticleView:
        """An article with its story and copy group; NotFoundError when unknown."""
        return article_view(self._reads(), article_id)

    def entity_list(
        self, q: str | None = None, *, cursor: str | None = None, limit: int = 50
    ) -> EntityPage:
        """A page of entities whose name contains ``q``, by name."""
        return entity_page(self._reads(), q, cursor=cursor, limit=limit)

    def entity_detail(
        self, entity_id: str, *, cursor: str | None = None, limit: int = 20
    ) -> EntityDetail:
        """An entity by id with a page of its stories; NotFoundError when unknown."""
        return entity_detail(self._reads(), entity_id, cursor=cursor, limit=limit)

    def search_hits(self, query: str, *, limit: int = 20) -> list[SearchHit]:
        """Full-text matches, best first, each with a marked snippet."""
        return self._reads().search_hits(query, limit=limit)

    def cluster_file(
        self, path: str | Path, *, split: str | None = None, seed: int | None = None
    ) -> list[tuple[str, str | None]]:
        """Cluster the articles of one JSONL file in file order (or shuffled with ``seed``).

        Returns:
            ``(input id, story id)`` per article, in processing order.

        Raises:
            InputError: the file or one of its records cannot be used.
        """
        articles: list[Article] = []
        for item in read_input(str(path), self._limits):
            if isinstance(item, InputError):
                raise item
            if split is None or item.extras.get("jsonl.split") == split:
                articles.append(item)
        if seed is not None:
            random.Random(seed).shuffle(articles)
        ctx = Context(storage=self.storage)
        cleaned = list(self.pipeline.run(articles, ctx))
        if ctx.failures:
            failed = ctx.failures[0]
            raise InputError(str(path), failed.reason, f"{failed.article_id}: {failed.message}")
        for article in cleaned:
            self.storage.add_article(article)
        self.update(batch_size=max(len(cleaned), 1))
        return [(a.id, self.story_of(a.id)) for a in cleaned]

    def stories(self) -> list[Story]:
        """Every story, largest first."""
        return list(self.storage.iter_stories())

    def story(self, story_id: str) -> Story:
        """One story by id (or an id it absorbed in a merge)."""
        return self._reads().get_story(story_id)

    def story_of(self, article_id: str) -> str | None:
        """The id of the story an article belongs to."""
        member = self.storage.member(article_id)
        return None if member is None else member.story_id

    def explain(self, story_id: str) -> list[MemberExplanation]:
        """Why each article is in the story: shared names and terms, scores."""
        stage = self._story_stage()
        with self.write_lock:  # the clusterer's loaded state is shared with the writer
            sid = self.storage.get_story(story_id).id
            return stage.explain(sid, Context(storage=self.storage))

    def maintain(self, *, split: bool = False) -> MaintenanceReport:
        """Merge stories that grew together (and split drifted ones), in one transaction."""
        stage = self._story_stage()
        with self.storage.transaction():
            return stage.maintain(Context(storage=self.storage), split=split)

    def _story_stage(self) -> StoryStage:
        """The analysis stage that keeps the stories."""
        return next(s for s in self.analysis.stages if isinstance(s, StoryStage))

    def entities(self, *, story_id: str | None = None) -> list[EntityView]:
        """Canonical entities (of one story, or all), most mentioned first."""
        articles = set(self.story(story_id).article_ids) if story_id else None
        views = [entity_view(self.storage, record) for record in self.storage.iter_entities()]
        if articles is not None:
            views = [v for v in views if articles & set(v.articles)]
        return sorted(views, key=lambda v: (-v.mentions, v.name))

    def entity(self, name_or_id: str) -> EntityView:
        """One entity by id, or by name or alias (case-insensitive)."""
        found = self.storage.find_entities(name_or_id)
        if not found:
            folded = name_or_id.casefold()
            found = [
                r
                for r in self.storage.iter_entities()
                if folded in {str(a).casefold() for a in _as_list(r.get("aliases"))}
            ]
        if not found:
            raise NotFoundError(f"no entity named or with id {name_or_id!r}")
        return entity_view(self.storage, found[0])

    def search(self, query: str, *, limit: int = 20) -> list[Article]:
        """Full-text search over stored titles and texts."""
        return self.storage.search(query, limit=limit)

    # --- claims (issue 14) ---

    def compare(self, story_id: str) -> Comparison:
        """What the sources of a story agree on, what rests on one source, where they disagree.

        Raises:
            NotFoundError: no story has this id.
        """
        found = self._claims_service().fresh(self._reads(), story_id)
        if found is not None:
            return found
        with self.write_lock:
            return self._claims_service().compare(self.storage, story_id)

    def compare_articles(self, story_id: str, articles: Sequence[Article]) -> Comparison:
        """Compare articles that are not stored, as if they were one story (nothing stored)."""
        return self._claims_service().compare_articles(story_id, articles)

    # --- summaries (issue 15) ---

    def summary(
        self, story_id: str, *, sentences: int = DEFAULT_SENTENCES, max_words: int | None = None
    ) -> Summary:
        """A story's headline, cited summary and timeline (stored; redone when it changed).

        Raises:
            NotFoundError: no story has this id.
        """
        service = SummaryService(self._claims_service())
        found = service.fresh(self._reads(), story_id, sentences=sentences, max_words=max_words)
        if found is not None:
            return found
        with self.write_lock:
            return service.summary(self.storage, story_id, sentences=sentences, max_words=max_words)

    def report(self, story_id: str, *, sentences: int = DEFAULT_SENTENCES) -> dict[str, Any]:
        """Everything a story report shows, as plain data (rendered by ``newsweave report``).

        Raises:
            NotFoundError: no story has this id.
        """
        story_id = self.storage.get_story(story_id).id
        return report_document(
            self.story_view(story_id),
            self.summary(story_id, sentences=sentences),
            self.compare(story_id),
            self.entities(story_id=story_id),
        )

    def summarize_articles(
        self,
        article_ids: Sequence[str],
        *,
        sentences: int = DEFAULT_SENTENCES,
        max_words: int | None = None,
        params: SelectParams | None = None,
    ) -> Summary:
        """Summarize stored articles as if they were one story (nothing stored).

        Args:
            article_ids: the articles.
            sentences: sentences at most.
            max_words: words at most (about: the last sentence may end past it).
            params: sentence-selection weights (the tuned defaults when None).

        Raises:
            NotFoundError: an article id is unknown.
        """
        with self.write_lock:  # caches claim units
            return SummaryService(self._claims_service()).summarize_articles(
                self.storage,
                "adhoc",
                article_ids,
                sentences=sentences,
                max_words=max_words,
                params=params or SelectParams(),
            )

    def summary_baselines(self, article_ids: Sequence[str], *, sentences: int) -> dict[str, str]:
        """The lead and centroid baselines of stored articles (for ``eval summary``)."""
        articles = list(self.articles_by_id(article_ids).values())
        embed = SummaryService(self._claims_service()).embed
        return {
            "lead": " ".join(lead_baseline(articles, sentences)),
            "centroid": " ".join(centroid_baseline(articles, embed, sentences)),
        }

    def claim_scorer(self) -> tuple[PairScorer, Embedder | None]:
        """The scorer that aligns claims, and the embedder its sentences are embedded with."""
        service = self._claims_service()
        return service.scorer, service.embedder

    def _claims_service(self) -> ClaimsService:
        if self._claims is None:
            name = self.config.stages.embedder
            embedder = None if name == "none" else self.registries.embedders.create(name)
            self._claims = ClaimsService(
                model=self.config.ner.model, embedder=embedder, scorer=load_scorer(name)
            )
        return self._claims


def _input_digest(name: str) -> str | None:
    """Cheap identity of an input file's content (size and modification time)."""
    if name == STDIN:
        return None
    try:
        stat = Path(name).stat()
    except OSError:
        return None
    return f"{stat.st_size}:{stat.st_mtime_ns}"


def _as_list(value: JSON) -> list[JSON]:
    return value if isinstance(value, list) else []
