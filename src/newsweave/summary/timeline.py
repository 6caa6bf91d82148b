"""A story's timeline: the dates its articles name, and when it was reported.

Every sentence of every original article is searched for temporal expressions
(:func:`newsweave.text.temporal.find`), normalized against that article's publication date.
Mentions of one date are one entry, with every article that names it (copies collapsed into
their original) and the sentence of the earliest of them. The first publication day is an entry
of its own (``kind="reported"``): the day the story's event was first reported, with the
earliest article's lead sentence. An article without a publication date still gives the dates
it writes out in full ("in 2019", "March 3, 2023"), never the relative ones ("on Tuesday").
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from newsweave.model import Article, StoryArc, TimelineEntry
from newsweave.summary.candidates import sentence_spans, unusable
from newsweave.text.temporal import TimeValue, find

#: Entries kept at most (those named by most articles, then the earliest).
MAX_ENTRIES = 30


@dataclass(slots=True)
class _Entry:
    value: TimeValue
    text: str
    articles: list[str] = field(default_factory=list)


def story_arc(articles: Sequence[Article]) -> StoryArc:
    """First and last publication time, and articles per day."""
    dates = sorted(a.date for a in articles if a.date is not None)
    per_day = Counter(d.date().isoformat() for d in dates)
    return StoryArc(
        first=dates[0] if dates else None,
        last=dates[-1] if dates else None,
        per_day=tuple(sorted(per_day.items())),
        undated=len(articles) - len(dates),
    )


def timeline(
    articles: Sequence[Article], origin_of: Mapping[str, str] | None = None
) -> list[TimelineEntry]:
    """The dated entries of a story, in time order (articles in any order)."""
    origin_of = origin_of or {}
    ordered = sorted(articles, key=lambda a: (a.date is None, a.date or 0, a.id))
    entries: dict[str, _Entry] = {}
    for article in ordered:
        cited = origin_of.get(article.id, article.id)
        anchor = article.date.date() if article.date else None
        for _, sentence in sentence_spans(article.text):
            for mention in find(sentence, anchor):
                key = str(mention.value)
                entry = entries.setdefault(key, _Entry(mention.value, sentence))
                if cited not in entry.articles:
                    entry.articles.append(cited)
    kept = sorted(entries.values(), key=lambda e: (-len(e.articles), e.value.start))[:MAX_ENTRIES]
    out = [
        TimelineEntry(
            date=str(e.value),
            precision=e.value.precision,
            kind="mentioned",
            text=e.text,
            articles=tuple(e.articles),
        )
        for e in kept
    ]
    first = next((a for a in ordered if a.date is not None), None)
    if first is not None:
        day = first.date.date().isoformat() if first.date else ""
        out.append(
            TimelineEntry(
                date=day,
                precision="day",
                kind="reported",
                text=_lead(first),
                articles=tuple(
                    dict.fromkeys(
                        origin_of.get(a.id, a.id)
                        for a in ordered
                        if a.date is not None and a.date.date().isoformat() == day
                    )
                ),
            )
        )
    return sorted(out, key=lambda e: (e.date, e.kind))


def _lead(article: Article) -> str:
    spans = sentence_spans(article.text)
    for _, sentence in spans:
        if not unusable(sentence, article.title):
            return sentence
    return article.title or (spans[0][1] if spans else "")
