"""Inverted index from name and term keys to stories: how candidates are found.

An article looks up only its own strongest keys, and each posting list keeps only its most
recent :data:`POSTING_CAP` stories, so the work per article is bounded however large the
corpus grows: the index is never a scan of all stories.
"""

from __future__ import annotations

import heapq
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from newsweave.cluster.features import ArticleFeatures
from newsweave.cluster.tfidf import DocFreq, tf_weight

#: Stories kept per key, newest last. Older stories drop out of lookups for common keys.
POSTING_CAP = 256
#: Most recent stories read per key at lookup. A key shared by that many recent stories says
#: little about which one an article belongs to; reading only the newest keeps lookup cost
#: flat as the corpus grows.
LOOKUP_DEPTH = 64
#: Name keys and term keys an article is indexed and looked up under.
NAME_KEYS = 16
TERM_KEYS = 24


def article_keys(
    feats: ArticleFeatures, terms: DocFreq, names: DocFreq, *, lookup: bool = False
) -> list[tuple[str, float]]:
    """Return the article's strongest keys, ``(key, weight)``, by TF-IDF weight.

    With ``lookup=True`` keys no other document has yet (document frequency 1, the article
    itself) are skipped: they cannot find a story, and a rare typo would crowd out a useful
    key. For indexing they are kept, as later articles may share them.
    """
    floor = 2 if lookup else 1
    name_keys = heapq.nlargest(
        NAME_KEYS,
        ((f"n:{k}", names.idf(k)) for k in feats.entities if names.df.get(k, 0) >= floor),
        key=lambda kv: (kv[1], kv[0]),
    )
    term_keys = heapq.nlargest(
        TERM_KEYS,
        (
            (f"t:{k}", tf_weight(c) * terms.idf(k))
            for k, c in feats.terms.items()
            if terms.df.get(k, 0) >= floor
        ),
        key=lambda kv: (kv[1], kv[0]),
    )
    return name_keys + term_keys


@dataclass(slots=True)
class InvertedIndex:
    """Key -> story ids posting lists, each capped at :data:`POSTING_CAP` entries."""

    postings: dict[str, list[str]] = field(default_factory=dict)

    def add(self, keys: Iterable[str], story_id: str) -> None:
        """Post ``story_id`` under every key (moved to the end when already posted)."""
        for key in keys:
            plist = self.postings.setdefault(key, [])
            if plist and plist[-1] == story_id:
                continue
            if story_id in plist[-16:]:
                plist.remove(story_id)
            plist.append(story_id)
            if len(plist) > POSTING_CAP:
                del plist[: len(plist) - POSTING_CAP]

    def candidates(
        self,
        keys: Iterable[tuple[str, float]],
        limit: int,
        resolve: Callable[[str], str],
    ) -> list[str]:
        """Return up to ``limit`` stories sharing the most key weight, best first.

        Args:
            keys: ``(key, weight)`` pairs of the article.
            limit: most stories returned.
            resolve: maps a possibly merged story id to its current id.
        """
        scores: dict[str, float] = {}
        for key, weight in keys:
            for sid in set(self.postings.get(key, ())[-LOOKUP_DEPTH:]):
                live = resolve(sid)
                scores[live] = scores.get(live, 0.0) + weight
        best = heapq.nlargest(limit, scores.items(), key=lambda kv: (kv[1], kv[0]))
        return [sid for sid, _ in best]
