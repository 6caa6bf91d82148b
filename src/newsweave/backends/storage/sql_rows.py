"""Rows of the SQL backends to models and back: one mapping per table, for every driver.

JSON columns arrive as JSON text from both backends (the dialect casts where the server would
decode them), so each mapper reads one shape.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

from newsweave.backends.storage.sql_dialect import MARK_CLOSE, MARK_OPEN
from newsweave.model import Article, Mention, ProvenanceEdge, Story, StoryMember
from newsweave.read import EntitySummary, SearchHit, StorySummary, split_marks
from newsweave.serialize import article_from_dict
from newsweave.text.dates import format_date, parse_date
from newsweave.text.normalize import fingerprint

Row = tuple[Any, ...]

# The columns an article is read from, and those it is stored in (read ones plus bookkeeping).
_BASIC = ("id", "title", "text", "url", "source", "date", "author", "origin")
ARTICLE_COLUMNS = (*_BASIC, "removed", "extras")
STORED_COLUMNS = (*_BASIC, "fingerprint", "removed", "extras", "ingested_at")
EDGE_COLUMNS = ("child", "parent", "kind", "score", "evidence")
MEMBER_COLUMNS = ("article_id", "story_id", "score", "explanation")
STORY_COLUMNS = ("id", "headline", "first", "last", "aliases")
ENTITY_COLUMNS = ("id", "name", "label", "record")
MENTION_COLUMNS = ("article_id", "start", '"end"', "entity_id", "text", "label")


def _strings(value: object) -> tuple[str, ...]:
    """A JSON array of strings (as JSON text) as a tuple."""
    return tuple(str(item) for item in json.loads(str(value)))


def columns(names: tuple[str, ...], alias: str = "") -> str:
    """``names`` as a select list, each prefixed with the table's ``alias`` when given."""
    return ", ".join(f"{alias}.{n}" if alias else n for n in names)


def article_params(article: Article) -> tuple[object, ...]:
    """The :data:`STORED_COLUMNS` of a new ``article``, stamped now."""
    return (
        article.id,
        article.title,
        article.text,
        article.url,
        article.source,
        format_date(article.date),
        article.author,
        article.origin,
        fingerprint(article.text),
        json.dumps(list(article.removed), ensure_ascii=False),
        json.dumps(dict(article.extras), ensure_ascii=False, sort_keys=True),
        datetime.now(UTC).isoformat(),
    )


def article(row: Row) -> Article:
    """An article from its :data:`ARTICLE_COLUMNS`."""
    data = dict(zip(ARTICLE_COLUMNS, row, strict=True))
    data["removed"] = json.loads(str(data["removed"]))
    data["extras"] = json.loads(str(data["extras"]))
    return article_from_dict(data)


def edge_params(e: ProvenanceEdge) -> tuple[object, ...]:
    """The :data:`EDGE_COLUMNS` of an edge."""
    return (e.child, e.parent, e.kind, e.score, json.dumps([list(p) for p in e.evidence]))


def edge(row: Row) -> ProvenanceEdge:
    """An edge from its :data:`EDGE_COLUMNS`."""
    child, parent, kind, score, evidence = row
    return ProvenanceEdge(
        child=str(child),
        parent=str(parent),
        kind=str(kind),  # type: ignore[arg-type]  # only ProvenanceKind values are written
        score=float(str(score)),
        evidence=tuple((str(a), str(b)) for a, b in json.loads(str(evidence))),
    )


def member_params(m: StoryMember) -> tuple[object, ...]:
    """The :data:`MEMBER_COLUMNS` of a membership."""
    return (m.article_id, m.story_id, m.score, json.dumps(dict(m.explanation), sort_keys=True))


def member(row: Row) -> StoryMember:
    """A membership from its :data:`MEMBER_COLUMNS`."""
    article_id, story_id, score, explanation = row
    return StoryMember(
        article_id=str(article_id),
        story_id=str(story_id),
        score=float(str(score)),
        explanation=json.loads(str(explanation)),
    )


def story_params(s: Story) -> tuple[object, ...]:
    """The :data:`STORY_COLUMNS` of a story (its members are rows of their own)."""
    return (s.id, s.headline, format_date(s.first), format_date(s.last), json.dumps(s.aliases))


def story(row: Row) -> Story:
    """A story from its :data:`STORY_COLUMNS` and the JSON array of its article ids."""
    sid, headline, first, last, aliases, members = row
    return Story(
        id=str(sid),
        headline=str(headline),
        article_ids=_strings(members),
        first=parse_date(first),
        last=parse_date(last),
        aliases=_strings(aliases),
    )


def summary(row: Row) -> StorySummary:
    """A story list row: id, headline, first, last, article ids and outlets (JSON arrays)."""
    sid, headline, first, last, members, sources = row
    return StorySummary(
        id=str(sid),
        headline=str(headline),
        article_ids=_strings(members),
        sources=tuple(sorted(_strings(sources))),
        first=parse_date(first),
        last=parse_date(last),
    )


def entity_summary(row: Row) -> EntitySummary:
    """An entity list row: id, name, label, mentions and articles mentioning it."""
    eid, name, label, mentions, articles = row
    return EntitySummary(
        id=str(eid),
        name=str(name),
        label=str(label),
        mentions=int(str(mentions)),
        articles=int(str(articles)),
    )


def mention(row: Row) -> Mention:
    """A mention from its :data:`MENTION_COLUMNS`."""
    article_id, start, end, entity_id, text, label = row
    return Mention(
        entity_id=str(entity_id),
        article_id=str(article_id),
        text=str(text),
        start=int(start),
        end=int(end),
        label=str(label),
    )


def search_hit(row: Row) -> SearchHit:
    """A search row: article id, title, source, date and the marked snippet."""
    aid, title, source, date, snippet = row
    text, marks = split_marks(str(snippet), MARK_OPEN, MARK_CLOSE)
    return SearchHit(
        article_id=str(aid),
        title=str(title),
        snippet=text,
        marks=marks,
        source=None if source is None else str(source),
        date=parse_date(date),
    )
