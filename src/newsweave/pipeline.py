"""Pipeline stages: the Stage protocol, the run Context and per-run statistics.

A stage streams articles through ``run`` and declares what it reads (``requires``) and writes
(``provides``), so :class:`Pipeline` can check the order before anything runs. Stages that work
one article at a time derive from :class:`ArticleStage`, whose ``run`` is the per-article error
boundary: one failing article is counted and reported, the batch goes on.

The Engine treats every stage alike: it builds each one through its registered
:class:`StageFactory` (``registries.stages.create(name, config, embedder=...)``), runs it
through :class:`Pipeline`, and asks for extra services by protocol, never by class: a stage
that keeps stories satisfies :class:`StoryStage` (backfill, explanations, maintenance).
"""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, ClassVar, Protocol, TypeVar, runtime_checkable

from newsweave.errors import InputError, NewsweaveError, StageError
from newsweave.model import Article

if TYPE_CHECKING:
    from newsweave.backends.embed.base import Embedder
    from newsweave.backends.storage.base import Storage
    from newsweave.cluster.explain import MemberExplanation
    from newsweave.config import Config
    from newsweave.stages.cluster import MaintenanceReport

logger = logging.getLogger(__name__)

#: What the readers provide before any stage runs.
INGEST_PROVIDES = frozenset({"article.text", "article.title", "article.meta"})

#: What stored articles carry: they were cleaned before they were stored.
STORED_PROVIDES = INGEST_PROVIDES | {"article.clean_text", "article.removed"}

ProgressCallback = Callable[[str, int, int | None], None]

T = TypeVar("T")
R = TypeVar("R")


class Executor(Protocol):
    """Where work units run: a process pool or Ray actors (see :mod:`newsweave.batch_plan`)."""

    def map_workers(
        self, factory: Callable[[], Callable[[T], R]], items: Sequence[T]
    ) -> Iterator[R]:
        """Build workers with ``factory`` and yield their results in input order."""
        ...


@dataclass(slots=True)
class StageStats:
    """Counters of one run: articles seen/kept per stage and drops by reason."""

    counts: Counter[str] = field(default_factory=Counter)

    def drop(self, reason: str) -> None:
        """Count an article dropped for ``reason``."""
        self.counts[f"dropped.{reason}"] += 1

    def add(self, key: str, n: int = 1) -> None:
        """Add ``n`` to counter ``key``."""
        self.counts[key] += n


@dataclass(frozen=True, slots=True, kw_only=True)
class StageFailure:
    """One article that a stage could not process."""

    stage: str
    article_id: str
    origin: str | None
    reason: str
    message: str


def _no_progress(stage: str, done: int, total: int | None) -> None:
    """Ignore progress events (the library never draws progress bars itself)."""


@dataclass(slots=True, kw_only=True)
class Context:
    """What a stage may use besides its input: storage, counters, progress events."""

    storage: Storage | None = None
    stats: StageStats = field(default_factory=StageStats)
    failures: list[StageFailure] = field(default_factory=list)
    progress: ProgressCallback = _no_progress
    #: Per-article products computed ahead by :meth:`PreparingStage.prepare` (in batch workers),
    #: by stage name then article id. A stage uses them when present and computes the rest.
    prepared: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)
    #: Where a stage may send independent work units (dedup verification, story blocks);
    #: ``None`` runs them here, one after another. Results are the same either way.
    executor: Executor | None = None

    def map_work(self, factory: Callable[[], Callable[[T], R]], items: Sequence[T]) -> Iterator[R]:
        """Results of a worker built by ``factory`` on each item, in order (see :attr:`executor`).

        The factory and the items must pickle (they may go to other processes or machines);
        the worker must be pure: no storage, no state kept between items.
        """
        if self.executor is None or len(items) < 2:
            worker = factory()
            return (worker(item) for item in items)
        return self.executor.map_workers(factory, items)

    def prepared_for(self, stage: str) -> Mapping[str, Any]:
        """What was prepared ahead for ``stage`` (empty when nothing was)."""
        return self.prepared.get(stage, {})


@runtime_checkable
class Stage(Protocol):
    """A pipeline stage: streams articles and declares what it reads and writes."""

    name: ClassVar[str]
    requires: ClassVar[frozenset[str]]
    provides: ClassVar[frozenset[str]]

    def run(self, items: Iterable[Article], ctx: Context) -> Iterator[Article]:
        """Process ``items`` lazily and yield the results."""
        ...


class StageFactory(Protocol):
    """How a stage is built from settings: what ``registries.stages`` holds for each name.

    Built-in stages register their ``from_config`` classmethod; a plugin registers any
    callable of this shape. Each stage reads its own section of ``config`` (``[ner]`` for the
    entities stage) and may use the embedder chosen by ``[stages] embedder``.
    """

    def __call__(self, config: Config, *, embedder: Embedder | None = None) -> Stage:
        """Build the stage."""
        ...


@runtime_checkable
class StoryStage(Stage, Protocol):
    """A stage that keeps stories: what the Engine asks of it besides :meth:`Stage.run`."""

    def backfills_whole(self, storage: Storage) -> bool:
        """True when the next update should hand this stage every pending article at once."""
        ...

    def explain(self, story_id: str, ctx: Context) -> list[MemberExplanation]:
        """Why each article of a story is in it."""
        ...

    def maintain(self, ctx: Context, *, split: bool = False) -> MaintenanceReport:
        """Merge stories that grew together (and, with ``split``, split drifted ones)."""
        ...


@runtime_checkable
class PreparingStage(Stage, Protocol):
    """A stage whose per-article work can run ahead, in a worker, without storage.

    The batch pipeline calls :meth:`prepare` in its workers (models loaded once per worker)
    and hands the products to :meth:`Stage.run` in the driver through :attr:`Context.prepared`;
    ``run`` gives the same result with or without them.
    """

    def prepare(self, items: Sequence[Article]) -> dict[str, Any]:
        """Per-article products of ``items`` by article id (pure: no storage, no state)."""
        ...


class ArticleStage:
    """Base for stages that map one article to one article (or None to drop it)."""

    name: ClassVar[str] = "base"
    requires: ClassVar[frozenset[str]] = frozenset()
    provides: ClassVar[frozenset[str]] = frozenset()

    def process(self, article: Article, ctx: Context) -> Article | None:
        """Return the processed article, or None to drop it (count the reason in ctx.stats)."""
        raise NotImplementedError

    def run(self, items: Iterable[Article], ctx: Context) -> Iterator[Article]:
        """Apply :meth:`process` to each article; a failing article is counted, not fatal."""
        for article in items:
            try:
                result = self.process(article, ctx)
            except InputError as exc:
                self._fail(ctx, article, exc.reason, exc.detail)
                continue
            except NewsweaveError as exc:
                self._fail(ctx, article, "stage", exc.message)
                continue
            except Exception as exc:
                logger.exception("stage %s failed on article %s", self.name, article.id)
                self._fail(ctx, article, "crash", f"{type(exc).__name__}: {exc}")
                continue
            ctx.stats.add(f"{self.name}.in")
            if result is not None:
                yield result

    def _fail(self, ctx: Context, article: Article, reason: str, message: str) -> None:
        ctx.stats.add(f"{self.name}.failed")
        failure = StageFailure(
            stage=self.name,
            article_id=article.id,
            origin=article.origin,
            reason=reason,
            message=message,
        )
        ctx.failures.append(failure)


class Pipeline:
    """An ordered list of stages, checked so every stage's requirements are met."""

    def __init__(self, stages: Sequence[Stage], *, given: frozenset[str] = INGEST_PROVIDES) -> None:
        """Build the pipeline; raise StageError if a stage needs what no earlier one provides.

        Args:
            stages: the stages, in running order.
            given: what the input articles already carry.
        """
        available = set(given)
        for stage in stages:
            missing = stage.requires - available
            if missing:
                names = ", ".join(sorted(missing))
                raise StageError(
                    f"stage {stage.name} requires {names}, provided by no earlier stage"
                )
            available |= stage.provides
        self.stages = tuple(stages)

    def run(self, items: Iterable[Article], ctx: Context) -> Iterator[Article]:
        """Stream ``items`` through every stage."""
        stream: Iterable[Article] = items
        for stage in self.stages:
            stream = stage.run(stream, ctx)
        yield from stream
