"""The summary of a set of articles: headline, cited sentences, timeline, arc, notes."""

from __future__ import annotations

import zlib
from collections.abc import Callable, Sequence

import numpy as np

from newsweave.backends.embed.base import FloatMatrix, l2_normalize
from newsweave.claims.sources import copy_origins, source_groups
from newsweave.model import Article, Comparison, ProvenanceEdge, Summary, SummarySentence
from newsweave.summary.candidates import candidates, words
from newsweave.summary.headline import choose_headline
from newsweave.summary.select import Chosen, SelectParams, centroid_scores, select
from newsweave.summary.timeline import story_arc, timeline

Embed = Callable[[Sequence[str]], FloatMatrix]
#: Sentences read per article; a story of more than ``_LARGE`` articles reads fewer of each.
PER_ARTICLE = 15
_LARGE, _PER_LARGE = 60, 6
#: The longest summary issue 15 allows (3-6 sentences): room for every fact two sources share
#: on the seeds, whose sixth sentence is the 2019 summit.
DEFAULT_SENTENCES = 6


def summarize(
    story_id: str,
    articles: Sequence[Article],
    *,
    comparison: Comparison | None,
    edges: Sequence[ProvenanceEdge],
    embed: Embed,
    sentences: int = DEFAULT_SENTENCES,
    max_words: int | None = None,
    params: SelectParams = SelectParams(),  # noqa: B008 - frozen
) -> Summary:
    """Summarize a story's articles (copies are read only through their originals)."""
    origin_of = copy_origins(edges)
    originals = [a for a in articles if a.id not in origin_of]
    _, source_of = source_groups(articles, edges)
    per_article = PER_ARTICLE if len(originals) <= _LARGE else _PER_LARGE
    cands = candidates(originals, comparison, per_article=per_article)
    vectors = embed([c.text for c in cands]) if cands else np.zeros((0, 1), dtype=np.float32)
    notes: list[str] = []
    if len(originals) == 1:
        usable = [c for c in cands if not c.usable][:sentences]
        chosen = [Chosen(candidate=c, citations=(c.article,), sources=1) for c in usable]
        notes.append("one article (with its copies): the summary is its lead")
    else:
        chosen = select(
            cands,
            vectors,
            comparison,
            source_of,
            origin_of=origin_of,
            sentences=sentences,
            max_words=max_words,
            params=params,
        )
    usable_rows = [i for i, c in enumerate(cands) if not c.usable]
    centre = vectors[usable_rows].mean(axis=0) if usable_rows else None
    undated = sum(1 for a in originals if a.date is None)
    if undated:
        notes.append(
            f"{undated} of {len(originals)} articles carry no publication date: their "
            "timeline entries come from dates written out in full in the text"
        )
    notes += _disputes(chosen, comparison)
    if comparison is not None and comparison.left_out:
        notes.append(f"{len(comparison.left_out)} later articles were not read (story too large)")
    return Summary(
        story=story_id,
        headline=choose_headline(originals, embed, centre),
        sentences=tuple(
            SummarySentence(
                text=c.candidate.text,
                article=c.candidate.article,
                citations=c.citations,
                facts=tuple(sorted(c.candidate.facts)),
                sources=c.sources,
            )
            for c in chosen
        ),
        timeline=tuple(timeline(originals, origin_of)),
        arc=story_arc(articles),
        notes=tuple(notes),
    )


def _disputes(chosen: Sequence[Chosen], comparison: Comparison | None) -> list[str]:
    """A note for each conflict a chosen sentence takes a side in: the reader sees both sides."""
    if comparison is None:
        return []
    facts = {f.id: f for f in comparison.facts}
    notes = []
    for c in chosen:
        for fact_id in sorted(c.candidate.facts):
            conflict = facts[fact_id].conflict if fact_id in facts else None
            if conflict is not None:
                sides = " vs ".join(f"{v.value!r} ({len(v.sources)})" for v in conflict.values)
                notes.append(f"sources disagree on the {conflict.field}: {sides}")
    return list(dict.fromkeys(notes))


def bag_of_words(texts: Sequence[str], dim: int = 1024) -> FloatMatrix:
    """Hashed bag-of-words vectors (the fallback when no embedder is configured)."""
    out = np.zeros((len(texts), dim), dtype=np.float32)
    for i, text in enumerate(texts):
        for word in words(text):
            if len(word) > 2:
                out[i, zlib.crc32(word.encode()) % dim] += 1.0
    return l2_normalize(out)


def lead_baseline(articles: Sequence[Article], n: int = 3) -> list[str]:
    """The first ``n`` sentences of the earliest article (undated articles count as latest)."""
    first = min(articles, key=lambda a: (a.date is None, a.date or 0))
    return [c.text for c in candidates([first], None)[:n]]


def centroid_baseline(articles: Sequence[Article], embed: Embed, n: int = 3) -> list[str]:
    """The ``n`` sentences nearest the centroid of all sentences, in reading order."""
    cands = candidates(articles, None)
    if not cands:
        return []
    scores = centroid_scores(embed([c.text for c in cands]))
    top = sorted(np.argsort(-scores)[:n].tolist())
    return [cands[i].text for i in top]
