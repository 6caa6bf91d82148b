"""Typed data model shared by every part of newsweave.

All objects are frozen: stages build new ones with :func:`dataclasses.replace` and never mutate
their input. Datetimes are timezone-aware UTC. Untyped data lives only in ``extras``, a mapping
whose keys are namespaced by whoever set them (``"jsonl.topic"``, ``"html.sitename"``).
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Literal, TypeAlias

JSON: TypeAlias = str | int | float | bool | list["JSON"] | dict[str, "JSON"] | None

ProvenanceKind = Literal["exact", "near", "rewrite"]


def stable_id(prefix: str, *parts: str) -> str:
    """Return a short deterministic id: ``prefix`` + 16 hex chars of a SHA-256 of ``parts``."""
    digest = hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()
    return f"{prefix}{digest[:16]}"


@dataclass(frozen=True, slots=True, kw_only=True)
class Source:
    """An outlet that publishes articles, identified by its host name or given name."""

    name: str
    domain: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class Article:
    """One news article after ingest (and, once cleaned, with boilerplate removed).

    Attributes:
        id: stable id: the input's own id when it has one, else a hash of the canonical URL,
            else a hash of the normalized text.
        title: headline (derived from the first sentence when the input has none).
        text: body text, paragraphs separated by blank lines.
        url: canonical URL, when known.
        source: outlet name or host, when known.
        date: publication time in UTC, when known.
        author: byline, when known.
        origin: where the input came from, ``path`` or ``path:line``.
        removed: boilerplate lines or blocks the cleaner removed, kept for audit.
        extras: namespaced untyped fields kept from the input.
    """

    id: str
    title: str
    text: str
    url: str | None = None
    source: str | None = None
    date: datetime | None = None
    author: str | None = None
    origin: str | None = None
    removed: tuple[str, ...] = ()
    extras: Mapping[str, JSON] = field(default_factory=dict)


@dataclass(frozen=True, slots=True, kw_only=True)
class Mention:
    """A span of an article that names an entity."""

    entity_id: str
    article_id: str
    text: str
    start: int
    end: int
    label: str


@dataclass(frozen=True, slots=True, kw_only=True)
class Role:
    """A role or description of an entity, as stated by one article."""

    text: str
    article_id: str


@dataclass(frozen=True, slots=True, kw_only=True)
class Entity:
    """A canonical entity resolved across documents."""

    id: str
    name: str
    label: str
    aliases: tuple[str, ...] = ()
    roles: tuple[Role, ...] = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class Story:
    """A real-world event and the articles that report it."""

    id: str
    headline: str
    article_ids: tuple[str, ...]
    first: datetime | None = None
    last: datetime | None = None
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class StoryMember:
    """An article's place in a story: the assignment score and why it was made.

    Attributes:
        article_id: the article.
        story_id: the story it belongs to.
        score: how strongly it matched the story when assigned (1.0 for the story's founder).
        explanation: namespaced reasons (shared names and terms, similarity scores).
    """

    article_id: str
    story_id: str
    score: float
    explanation: Mapping[str, JSON] = field(default_factory=dict)


FactStatus = Literal["corroborated", "single_source", "conflicting"]


@dataclass(frozen=True, slots=True, kw_only=True)
class ClaimRef:
    """One article's statement of a fact.

    Attributes:
        article: the article id.
        sentence: index of the sentence in the article's cleaned text.
        text: the claim's words as the article has them.
        hedged: stated as a possibility ("may", "is expected to"), not asserted.
        attribution: who the article attributes it to ("the Kremlin"), or None.
    """

    article: str
    sentence: int
    text: str
    hedged: bool = False
    attribution: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class ConflictValue:
    """One side of a conflict: the value and the independent sources that state it."""

    value: str
    sources: tuple[str, ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class Conflict:
    """Aligned claims that disagree on one field (number, date, place, person, polarity)."""

    field: str
    values: tuple[ConflictValue, ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class Fact:
    """A statement aligned across the articles of a story.

    Attributes:
        id: stable id (hash of the story and the claims).
        text: the most representative claim's text.
        status: ``corroborated`` (>= 2 independent sources), ``single_source`` or
            ``conflicting`` (aligned claims disagree; see ``conflict``).
        sources: ids of the independent sources that state it (see :class:`SourceGroup`).
        claims: every article's statement of it.
        conflict: the disagreement, when status is ``conflicting``.
    """

    id: str
    text: str
    status: FactStatus
    sources: tuple[str, ...]
    claims: tuple[ClaimRef, ...]
    conflict: Conflict | None = None

    @property
    def independent_sources(self) -> int:
        """How many independent sources state the fact (copies counted once)."""
        return len(self.sources)


@dataclass(frozen=True, slots=True, kw_only=True)
class SourceGroup:
    """One independent source: an outlet, or an article, with the copies of its articles.

    Attributes:
        id: stable id of the source within the story.
        outlet: normalized outlet name, None when unknown.
        articles: the story's articles that belong to this source (originals and copies).
    """

    id: str
    outlet: str | None
    articles: tuple[str, ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class SourceView:
    """What one source adds that no other has, and what it omits that most others say."""

    source: str
    adds: tuple[str, ...]
    omits: tuple[str, ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class Comparison:
    """The facts of one story across its sources.

    Attributes:
        left_out: articles of the story not compared (a very large story is compared on its
            earliest articles, in bounded time).
    """

    story: str
    sources: tuple[SourceGroup, ...]
    facts: tuple[Fact, ...]
    views: tuple[SourceView, ...] = ()
    left_out: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class ProvenanceEdge:
    """``child`` derives from ``parent`` (a copy, near copy or rewrite)."""

    child: str
    parent: str
    kind: ProvenanceKind
    score: float
    evidence: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class SummarySentence:
    """One sentence of a story summary, as an article has it, with every article it rests on.

    Attributes:
        text: the sentence, word for word from ``article``.
        article: the article the sentence is taken from.
        citations: the articles that support it (its own first; copies collapsed into their
            original).
        facts: ids of the story's facts the sentence states (see :class:`Fact`).
        sources: independent sources that support it.
    """

    text: str
    article: str
    citations: tuple[str, ...]
    facts: tuple[str, ...] = ()
    sources: int = 1


@dataclass(frozen=True, slots=True, kw_only=True)
class TimelineEntry:
    """A date of a story's timeline: named in its articles, or the day it was reported.

    Attributes:
        date: ``2019``, ``2019-06`` or ``2019-06-03`` (see ``precision``).
        precision: ``day``, ``month`` or ``year``.
        kind: ``mentioned`` (a date the articles name) or ``reported`` (a publication day).
        text: the sentence that names it (or the headline of a day's first article).
        articles: the articles that name it (copies collapsed into their original).
    """

    date: str
    precision: str
    kind: str
    text: str
    articles: tuple[str, ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class StoryArc:
    """When a story was reported: first and last article, and articles per day."""

    first: datetime | None
    last: datetime | None
    per_day: tuple[tuple[str, int], ...] = ()
    undated: int = 0


@dataclass(frozen=True, slots=True, kw_only=True)
class Summary:
    """A story's headline, cited extractive summary and timeline.

    Attributes:
        notes: what the reader should know about how it was made ("2 articles carry no
            publication date: ...").
    """

    story: str
    headline: str
    sentences: tuple[SummarySentence, ...]
    timeline: tuple[TimelineEntry, ...]
    arc: StoryArc
    notes: tuple[str, ...] = ()


__all__ = [
    "JSON",
    "Article",
    "ClaimRef",
    "Comparison",
    "Conflict",
    "ConflictValue",
    "Entity",
    "Fact",
    "FactStatus",
    "Mention",
    "ProvenanceEdge",
    "ProvenanceKind",
    "Role",
    "Source",
    "SourceGroup",
    "SourceView",
    "Story",
    "StoryArc",
    "StoryMember",
    "Summary",
    "SummarySentence",
    "TimelineEntry",
    "stable_id",
]
