"""Entities stage: NER, roles and cross-document resolution into canonical entities.

A thin adapter over :func:`~newsweave.entities.step.run_entities`. Surname-only mentions
("Kim") resolve within the article's story, so the stage runs after story clustering and reads
each article's story from ``ctx.storage``. Entity records and mentions live in the storage.

Each batch writes only the records it changed, and bumps a revision number in the same
transaction. A stage instance keeps the entity table (with its lookup index) in memory between
batches and reloads it only when the stored revision is not the one it wrote last (another
process wrote, or its own batch was rolled back), so a batch does not re-read every entity.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING, Any, ClassVar

from newsweave.backends.embed.base import Embedder
from newsweave.backends.storage.base import Storage
from newsweave.config import Config, NerConfig
from newsweave.entities.ner import ArticleSpans, extract, load_pipeline
from newsweave.entities.resolve import EntityTable, record_from_json, record_to_json
from newsweave.entities.step import StoryArticle, run_entities
from newsweave.errors import StageError
from newsweave.model import Article
from newsweave.pipeline import Context

_REVISION = "revision"

if TYPE_CHECKING:
    from spacy.language import Language


class EntitiesStage:
    """Recognize and resolve the named entities of new articles."""

    name: ClassVar[str] = "entities.spacy.v1"
    requires: ClassVar[frozenset[str]] = frozenset({"article.clean_text"})
    provides: ClassVar[frozenset[str]] = frozenset({"article.entities"})

    def __init__(self, config: NerConfig | None = None) -> None:
        """Recognize with the ``[ner]`` settings (default: the pinned small English model)."""
        self.config = config or NerConfig()
        self._nlp: Language | None = None
        self._cache: tuple[Storage, bytes, EntityTable] | None = None

    @classmethod
    def from_config(cls, config: Config, *, embedder: Embedder | None = None) -> EntitiesStage:
        """The stage for the ``[ner]`` section of ``config`` (a StageFactory)."""
        return cls(config.ner)

    def __getstate__(self) -> dict[str, object]:
        """Pickle without the loaded model (it is reloaded on first use)."""
        return {"config": self.config}

    def __setstate__(self, state: dict[str, object]) -> None:
        """Restore from :meth:`__getstate__`."""
        self.config = state["config"]  # type: ignore[assignment]
        self._nlp = None
        self._cache = None

    def run(self, items: Iterable[Article], ctx: Context) -> Iterator[Article]:
        """Resolve the entities of a batch, store them, and pass the articles on unchanged."""
        batch = list(items)
        storage = ctx.storage
        if storage is None:
            raise StageError(f"{self.name} needs a storage for its entity table")
        if batch:
            prepared = ctx.prepared_for(self.name)
            spans = None
            if all(a.id in prepared for a in batch):
                spans = [prepared[a.id] for a in batch]
            elif self._nlp is None:
                self._nlp = load_pipeline(self.config)
            revision = storage.get_state(self.name, _REVISION) or b"0"
            table = self._table(storage, revision)
            inputs = [
                StoryArticle(article_id=a.id, story_id=_story(a.id, ctx), text=a.text)
                for a in batch
            ]
            resolution, _ = run_entities(
                inputs, table, nlp=self._nlp, ner_config=self.config, spans=spans
            )
            old = table.records
            changed = [
                record_to_json(r)
                for key, r in resolution.table.records.items()
                if old.get(key) is not r and old.get(key) != r
            ]
            storage.put_entities(changed)
            storage.put_mentions(resolution.mentions)
            if resolution.redirects:
                storage.redirect_entities(resolution.redirects)
            revision = str(int(revision) + 1).encode()
            storage.set_state(self.name, _REVISION, revision)
            self._cache = (storage, revision, resolution.table)
            ctx.stats.add(f"{self.name}.mentions", len(resolution.mentions))
        yield from batch

    def prepare(self, items: Sequence[Article]) -> dict[str, Any]:
        """Each article's NER spans (one process: the batch runs one worker per core)."""
        if self._nlp is None:
            self._nlp = load_pipeline(self.config)
        config = replace(self.config, processes=1)
        found: list[ArticleSpans] = list(
            extract(self._nlp, ((a.id, a.text) for a in items), config)
        )
        return {f.article_id: f for f in found}

    def _table(self, storage: Storage, revision: bytes) -> EntityTable:
        """The entity table at ``revision``: the cached one if it is that, else from storage."""
        if self._cache is not None:
            cached_storage, cached_revision, table = self._cache
            if cached_storage is storage and cached_revision == revision:
                return table
        records = {r.entity.id: r for r in map(record_from_json, storage.iter_entities())}
        return EntityTable(records)


def _story(article_id: str, ctx: Context) -> str | None:
    assert ctx.storage is not None
    member = ctx.storage.member(article_id)
    return None if member is None else member.story_id
