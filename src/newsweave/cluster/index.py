"""Inverted index from name and term keys to stories: how candidates are found.

An article looks up only its own strongest keys, and each posting list keeps only its most
recent :data:`POSTING_CAP` stories, so the work per article is bounded however large the
corpus grows: the index is never a scan of all stories.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field

from newsweave.cluster.features import ArticleFeatures
from newsweave.cluster.tfidf import DocFreq, tfidf_weights, top_items

#: Stories kept per key, newest last. Older stories drop out of lookups for common keys.
POSTING_CAP = 256
#: Most recent stories read per key at lookup. A key shared by that many recent stories says
#: little about which one an article belongs to; reading only the newest keeps lookup cost
#: flat as the corpus grows.
LOOKUP_DEPTH = 64
#: The same for term keys. Terms are weaker evidence than names and their posting lists fill
#: first: on generated corpora of 40k articles, reading 16 instead of 64 kept look-up time per
#: article from growing with the corpus (0.11 -> 0.23 ms over the run instead of 0.12 -> 0.39)
#: and raised B-cubed F1 (0.677 -> 0.732: fewer stale look-alikes crowd out the right story);
#: ECB+ dev online F1 is unchanged (0.9475) and train moves 0.9262 -> 0.9258.
TERM_LOOKUP_DEPTH = 16
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
    looked, indexed = both_keys(feats, terms, names)
    return looked if lookup else indexed


def _top(
    items: list[tuple[float, str, int]], keep: int, floor: int, prefix: str
) -> list[tuple[str, float]]:
    # (weight, key, df) tuples compare as (weight, key): keys are distinct, so this is
    # heapq.nlargest's answer (sorting in C is faster for these short lists). The prefix is
    # the same for every key, so it is added to the chosen ones only.
    best = sorted([kv for kv in items if kv[2] >= floor] if floor > 1 else items, reverse=True)
    return [(prefix + k, w) for w, k, _ in best[:keep]]


def both_keys(
    feats: ArticleFeatures,
    terms: DocFreq,
    names: DocFreq,
    weights: Mapping[str, float] | None = None,
) -> tuple[list[tuple[str, float]], list[tuple[str, float]]]:
    """:func:`article_keys` for look-up and for indexing at once (weights computed once).

    ``weights``, when given, must be ``tfidf_weights(feats.terms, terms)``.
    """
    if weights is None:
        weights = tfidf_weights(feats.terms, terms)
    ndf, n_idf = names.df, names.idf_table()
    tdf = terms.df
    name_items = []
    for k in feats.entities:
        d = ndf.get(k, 0)
        if d >= 1:
            name_items.append((n_idf[d], k, d))
    term_items = []
    for k, w in weights.items():
        d = tdf.get(k, 0)
        if d >= 1:
            term_items.append((w, k, d))
    looked = _top(name_items, NAME_KEYS, 2, "n:") + _top(term_items, TERM_KEYS, 2, "t:")
    indexed = _top(name_items, NAME_KEYS, 1, "n:") + _top(term_items, TERM_KEYS, 1, "t:")
    return looked, indexed


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
            recent = plist[-16:]
            if story_id in recent:  # move it to the end (the copy in that window, not an older one)
                del plist[len(plist) - len(recent) + recent.index(story_id)]
            plist.append(story_id)
            if len(plist) > POSTING_CAP:
                del plist[: len(plist) - POSTING_CAP]

    def candidates(
        self,
        keys: Iterable[tuple[str, float]],
        limit: int,
        resolve: Callable[[str], str],
        aliased: Mapping[str, str] | None = None,
        term_depth: int = TERM_LOOKUP_DEPTH,
    ) -> list[str]:
        """Return up to ``limit`` stories sharing the most key weight, best first.

        Args:
            keys: ``(key, weight)`` pairs of the article.
            limit: most stories returned.
            resolve: maps a possibly merged story id to its current id.
            aliased: when given, the merged ids (the only ones ``resolve`` changes); keys
                holding none of them skip ``resolve``.
            term_depth: newest entries read per term key (batch mode, whose posting lists
                hold single articles rather than stories, reads :data:`LOOKUP_DEPTH`).
        """
        scores: dict[str, float] = {}
        get, postings = scores.get, self.postings
        merged = None if aliased is None else aliased.keys()
        for key, weight in keys:
            plist = postings.get(key)
            if not plist:
                continue
            # Each story counts once per key; the order of additions within one key does not
            # matter (they all add the same weight), so the scores do not depend on set order.
            sids = set(plist[-(term_depth if key[0] == "t" else LOOKUP_DEPTH) :])
            if merged is not None and merged.isdisjoint(sids):  # no merged ids: the usual case
                for sid in sids:
                    scores[sid] = get(sid, 0.0) + weight
                continue
            for sid in sids:
                # Only merged ids need resolving (the others are live): one key test each.
                live = resolve(sid) if merged is None or sid in merged else sid
                scores[live] = get(live, 0.0) + weight
        return [sid for sid, _ in top_items(scores, limit)]
