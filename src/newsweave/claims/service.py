"""Facts of a stored story: units per article (cached), alignment, stored per story.

The comparison of a story is stored with a stamp of what it was computed from (its articles,
their outlets and provenance, the scorer), so it is recomputed only when the story changed.
Claim units are cached per article: an article is parsed once, whatever story it moves to.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from dataclasses import replace
from typing import Any

import numpy as np

from newsweave.backends.embed.base import Embedder, FloatMatrix
from newsweave.backends.storage.base import Storage
from newsweave.claims.codec import comparison_from_json, comparison_to_json
from newsweave.claims.compare import compare_units
from newsweave.claims.scorer import PairScorer
from newsweave.claims.sources import copy_origins, outlet_of, source_groups
from newsweave.claims.units import ClaimUnit, units_of, with_paragraphs
from newsweave.entities.ner import NerConfig, load_pipeline
from newsweave.errors import StageError
from newsweave.model import Article, Comparison, Mention, ProvenanceEdge, Story

#: Bumped when units or facts change for the same input (invalidates stored comparisons).
VERSION = "claims.v4"
_UNITS_NS = "claims.units.v4"
_DOC_KIND = "facts"
#: Articles compared per story at most: a larger story keeps its earliest stored articles
#: (bounded time on 1,000-article stories; the comparison says how many were left out).
MAX_ARTICLES = 400
_PARSER = ("tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "ner")


class ClaimsService:
    """Computes and stores the comparison of a story."""

    def __init__(self, *, model: str, embedder: Embedder | None, scorer: PairScorer) -> None:
        """Build the service; the spaCy pipeline loads on first use."""
        self._config = NerConfig(model=model, components=_PARSER)
        self._nlp: Any = None
        self.embedder = embedder
        self.scorer = scorer

    def compare(self, storage: Storage, story_id: str) -> Comparison:
        """The stored comparison of a story, recomputed (and stored) if the story changed."""
        story, articles = story_articles(storage, story_id)
        edges = story_edges(storage, {a.id for a in articles})
        stamp = self.stamp(articles, edges)
        found = _stored(storage, story.id, stamp)
        if found is not None:
            return found
        with storage.transaction():
            comparison = replace(
                self.compare_stored(storage, story.id, articles, edges),
                left_out=story.article_ids[MAX_ARTICLES:],
            )
            storage.put_story_doc(story.id, _DOC_KIND, stamp, comparison_to_json(comparison))
        return comparison

    def fresh(self, storage: Storage, story_id: str) -> Comparison | None:
        """The stored comparison if it is up to date, else None (reads only: any connection)."""
        story, articles = story_articles(storage, story_id)
        edges = story_edges(storage, {a.id for a in articles})
        return _stored(storage, story.id, self.stamp(articles, edges))

    def compare_stored(
        self,
        storage: Storage,
        story_id: str,
        articles: Sequence[Article],
        edges: Sequence[ProvenanceEdge],
    ) -> Comparison:
        """Compare stored articles (their resolved entities, cached units); stores no result."""
        return self._compare(story_id, articles, edges, self._units(storage, articles))

    def compare_articles(
        self, story_id: str, articles: Sequence[Article], edges: Sequence[ProvenanceEdge] = ()
    ) -> Comparison:
        """Compare articles that are not stored (no entity ids: names stand for entities)."""
        parsed = self.units(articles)
        units = [u for a in articles for u in parsed[a.id]]
        return self._compare(story_id, articles, edges, units)

    def _compare(
        self,
        story_id: str,
        articles: Sequence[Article],
        edges: Sequence[ProvenanceEdge],
        units: Sequence[ClaimUnit],
    ) -> Comparison:
        groups = source_groups(articles, edges)
        vecs = self.embed(units)
        return compare_units(story_id, units, vecs, groups, self.scorer, copy_origins(edges))

    def stamp(self, articles: Sequence[Article], edges: Sequence[ProvenanceEdge]) -> str:
        """What a comparison of these articles is computed from (changes when they change)."""
        parts = [VERSION, self.scorer.name, self.embedder.name if self.embedder else "none"]
        parts += sorted(f"{a.id}|{outlet_of(a)}" for a in articles)
        parts += sorted(f"{e.child}>{e.parent}" for e in edges)
        return hashlib.sha256("\n".join(parts).encode()).hexdigest()[:32]

    def _units(self, storage: Storage, articles: Sequence[Article]) -> list[ClaimUnit]:
        cached = {a.id: storage.get_state(_UNITS_NS, a.id) for a in articles}
        fresh = self.units([a for a in articles if cached[a.id] is None])
        out: list[ClaimUnit] = []
        for article in articles:
            blob = cached[article.id]
            if blob is None:
                units = fresh[article.id]
                storage.set_state(
                    _UNITS_NS, article.id, json.dumps([u.to_json() for u in units]).encode()
                )
            else:
                units = [ClaimUnit.from_json(u) for u in json.loads(blob)]
            out.extend(_with_entities(storage, article.id, units))
        return out

    def units(self, articles: Sequence[Article]) -> dict[str, list[ClaimUnit]]:
        """Claim units of each article, parsed in batches."""
        docs = self._pipeline().pipe((a.text for a in articles), batch_size=32)
        return {
            a.id: units_of(doc, a.id, a.date.date() if a.date else None)
            for a, doc in zip(articles, docs, strict=True)
        }

    def parse(self, text: str) -> Any:  # noqa: ANN401 - a spaCy Doc
        """Parse a text with the claims pipeline (loaded on first use)."""
        return self._pipeline()(text)

    def _pipeline(self) -> Any:  # noqa: ANN401 - a spaCy Language
        if self._nlp is None:
            self._nlp = load_pipeline(self._config)
            if "parser" not in self._nlp.pipe_names:
                raise StageError(f"spaCy model {self._config.model!r} has no parser")
            with_paragraphs(self._nlp)
        return self._nlp

    def embed(self, units: Sequence[ClaimUnit]) -> FloatMatrix:
        """Unit embeddings (an empty matrix without an embedder)."""
        if self.embedder is None or not units:
            return np.zeros((0, 0), dtype=np.float32)
        return self.embedder.encode([u.text for u in units])


def _stored(storage: Storage, story_id: str, stamp: str) -> Comparison | None:
    stored = storage.get_story_doc(story_id, _DOC_KIND)
    if stored is not None and stored[0] == stamp and isinstance(stored[1], dict):
        return comparison_from_json(stored[1])
    return None


def story_edges(storage: Storage, ids: set[str]) -> list[ProvenanceEdge]:
    """The provenance edges between these articles (one per copy, to its original)."""
    found: dict[str, ProvenanceEdge] = {}
    inside = sorted(ids)
    for edge in sorted(storage.edges_among(inside), key=lambda e: (e.child, e.parent, e.kind)):
        if edge.child in ids and edge.parent in ids:
            found.setdefault(edge.child, edge)
    return list(found.values())


def story_articles(storage: Storage, story_id: str) -> tuple[Story, list[Article]]:
    """A story and the articles a comparison reads (its first :data:`MAX_ARTICLES`)."""
    story = storage.get_story(story_id)
    ids = list(story.article_ids[:MAX_ARTICLES])
    found = storage.get_articles(ids)
    return story, [found[a] if a in found else storage.get_article(a) for a in ids]


def _with_entities(storage: Storage, article_id: str, units: list[ClaimUnit]) -> list[ClaimUnit]:
    mentions = storage.mentions_of(article_id=article_id)
    if not mentions:
        return units
    return [replace(u, entities=_entities_in(u, mentions)) for u in units]


def _entities_in(unit: ClaimUnit, mentions: Sequence[Mention]) -> tuple[str, ...]:
    """Entities mentioned in what the unit states (not in who it is attributed to)."""
    skip = unit.attribution_span or (0, 0)
    return tuple(
        sorted(
            {
                m.entity_id
                for m in mentions
                if unit.start <= m.start < unit.end and not skip[0] <= m.start < skip[1]
            }
        )
    )
