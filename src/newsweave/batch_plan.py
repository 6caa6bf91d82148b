"""The batch plan: ingest -> clean -> dedup -> stories -> entities over a corpus, in parallel.

What runs where:

* the driver reads the inputs and cuts their raw articles into shards of ``shard_size``;
* workers (a local process pool or Ray actors: only the executor changes) clean each shard
  and run every analysis stage's :meth:`~newsweave.pipeline.PreparingStage.prepare` on it
  (dedup sketches, clustering features and embeddings, NER spans), models loaded once per
  worker;
* the driver stores each finished shard's articles and marks the shard done in one
  transaction, in shard order, then runs the same analysis stages as ``ingest`` with the
  prepared products, writing in bulk. The stages send their independent work units to the
  same executor (:meth:`~newsweave.pipeline.Context.map_work`): the verification of dedup
  candidate pairs (grouped by connected candidates) and story clustering per block (see
  :mod:`newsweave.cluster.blocked`); the driver finds the candidates and blocks, accepts
  edges, merges stories across blocks and writes.

A killed run resumes: shards marked done are not sent again (their articles are stored), and
the analysis is the Engine's watermarked, transactional update.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from newsweave.config import Config
from newsweave.errors import InputError
from newsweave.model import Article
from newsweave.pipeline import (
    Context,
    Executor,
    Pipeline,
    PreparingStage,
    StageFailure,
    StageStats,
)
from newsweave.readers import ReadLimits, iter_input_paths, read_input
from newsweave.registry import default_registries

if TYPE_CHECKING:
    from newsweave.engine import Engine

logger = logging.getLogger(__name__)

#: Raw articles per shard: large enough that a worker's per-call overhead (pickling, the NER
#: batch) is small, small enough that a killed run loses little (bench/speed/batch_speed.py).
SHARD_SIZE = 256
_SHARD_NAMESPACE = "batch:"


@dataclass(frozen=True, slots=True, kw_only=True)
class Shard:
    """Raw articles of one slice of the input, and the key its completion is recorded under."""

    key: str
    digest: str
    articles: tuple[Article, ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class ShardResult:
    """A worker's output for one shard: cleaned articles, failures, prepared products."""

    key: str
    digest: str
    articles: tuple[Article, ...]
    failures: tuple[StageFailure, ...]
    prepared: dict[str, dict[str, Any]]


@dataclass(frozen=True, slots=True, kw_only=True)
class BatchReport:
    """What one batch run did."""

    shards: int
    shards_skipped: int
    stored: int
    already_stored: int
    analyzed: int
    failures: tuple[StageFailure, ...] = ()
    input_errors: tuple[InputError, ...] = ()
    stats: dict[str, int] = field(default_factory=dict)


class ShardWorker:
    """Clean a shard and prepare it for every analysis stage (built once per worker)."""

    def __init__(self, config: Config) -> None:
        """Build the configured stages, as the Engine does (same registry, same settings)."""
        stages = default_registries().stages
        chosen = config.stages
        embedder_name = chosen.embedder
        embedder = (
            None
            if embedder_name == "none"
            else default_registries().embedders.create(embedder_name)
        )
        self.clean = Pipeline([stages.create(chosen.clean, config)])
        names = [chosen.dedup, chosen.cluster.use]
        if chosen.entities != "none":
            names.append(chosen.entities)
        built = [stages.create(n, config, embedder=embedder) for n in names]
        self.preparing = [s for s in built if isinstance(s, PreparingStage)]

    def __call__(self, shard: Shard) -> ShardResult:
        """Clean the shard's articles and run each stage's ``prepare`` on them."""
        ctx = Context(stats=StageStats())
        cleaned = tuple(self.clean.run(shard.articles, ctx))
        prepared = {stage.name: stage.prepare(cleaned) for stage in self.preparing}
        return ShardResult(
            key=shard.key,
            digest=shard.digest,
            articles=cleaned,
            failures=tuple(ctx.failures),
            prepared=prepared,
        )


def make_shards(
    paths: Sequence[str], limits: ReadLimits, shard_size: int = SHARD_SIZE
) -> tuple[list[Shard], list[InputError]]:
    """Read the inputs and cut their articles, across files, into shards of ``shard_size``.

    A shard's key is its position and first input; its digest hashes its article ids, so a
    changed input makes new shards rather than skipping on a stale record.
    """
    shards: list[Shard] = []
    errors: list[InputError] = []
    chunk: list[Article] = []
    first = ""
    for name in iter_input_paths(paths):
        for item in read_input(name, limits):
            if isinstance(item, InputError):
                errors.append(item)
                continue
            first = first if chunk else name
            chunk.append(item)
            if len(chunk) == shard_size:
                shards.append(_shard(first, len(shards), chunk))
                chunk = []
    if chunk:
        shards.append(_shard(first, len(shards), chunk))
    return shards, errors


def _shard(name: str, position: int, articles: list[Article]) -> Shard:
    digest = hashlib.sha256("\n".join(a.id for a in articles).encode()).hexdigest()[:32]
    return Shard(
        key=f"{_SHARD_NAMESPACE}{position}:{name}", digest=digest, articles=tuple(articles)
    )


def run_batch(
    engine: Engine,
    paths: Sequence[str],
    executor: Executor,
    *,
    shard_size: int = SHARD_SIZE,
    progress: Callable[[str, int, int | None], None] | None = None,
) -> BatchReport:
    """Run the batch plan (see the module docstring) into ``engine``'s store."""
    storage = engine.storage
    shards, input_errors = make_shards(paths, _limits(engine.config), shard_size)
    pending = [s for s in shards if not storage.input_done(s.key, s.digest)]
    prepared: dict[str, dict[str, Any]] = {}
    failures: list[StageFailure] = []
    stored = already = 0
    results = executor.map_workers(_factory(engine.config), pending)
    for done, result in enumerate(results, start=1):
        with storage.transaction():
            for article in result.articles:
                if storage.add_article(article):
                    stored += 1
                else:
                    already += 1
            storage.mark_input_done(result.key, result.digest, len(result.articles))
        failures.extend(result.failures)
        for stage, products in result.prepared.items():
            prepared.setdefault(stage, {}).update(products)
        if progress:
            progress("shards", done, len(pending))
    analyzed = engine.update(progress=progress, prepared=prepared, executor=executor)
    logger.info(
        "batch: %d shards (%d done before), %d stored",
        len(shards),
        len(shards) - len(pending),
        stored,
    )
    return BatchReport(
        shards=len(shards),
        shards_skipped=len(shards) - len(pending),
        stored=stored,
        already_stored=already,
        analyzed=analyzed,
        failures=tuple(failures),
        input_errors=tuple(input_errors),
    )


@dataclass(frozen=True, slots=True)
class _Factory:
    """A picklable worker factory (sent to each worker process or actor)."""

    config: Config

    def __call__(self) -> ShardWorker:
        return ShardWorker(self.config)


def _factory(config: Config) -> _Factory:
    return _Factory(config)


def _limits(config: Config) -> ReadLimits:
    return ReadLimits(max_bytes=config.ingest.max_bytes, html_seconds=config.ingest.html_seconds)
