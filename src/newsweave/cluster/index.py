"""Inverted index from name and term keys to stories: how candidates are found.

An article looks up only its own strongest keys, and each posting list keeps only its most
recent :data:`POSTING_CAP` stories, so the work per article is bounded however large the
corpus grows: the index is never a scan of all stories.

Invariants (tested against a plain model in ``tests/unit/cluster/test_index_properties.py``):

- A posting list holds at most :data:`POSTING_CAP` entries. Posting a story under a key puts
  it last: already last, nothing changes; a copy among the newest 16 entries moves to the end;
  otherwise it is appended (an older copy may stay). Then the oldest entries beyond the cap
  drop. So the newest 16 entries name distinct stories, and the stories kept are the ones
  posted most recently under the key, ordered by their last post.
- A look-up reads the newest :data:`LOOKUP_DEPTH` entries of a name key and ``term_depth``
  of a term key, scores each story read once per key (the key's weight, summed in key
  order), resolves merged ids through the alias table, and returns only live ids, best first.
- Merging or splitting stories changes no posting list: a merged-away id stays posted and
  counts towards the story it resolves to, once per key for each of its ids posted there;
  dropping the alias makes it a candidate of its own again. Moving articles to new stories
  (a split, a relink) posts them anew; nothing is ever removed from a posting list except by
  the cap.
- :meth:`InvertedIndex.to_lists` and the constructor round-trip: a reloaded index answers
  and grows as the original does.
"""

from __future__ import annotations

import sys
from array import array
from collections.abc import Iterable, Mapping
from typing import TypeAlias

import numpy as np
import numpy.typing as npt

from newsweave.cluster.aliases import MAX_HOPS, StoryAliases
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
#: Look-ups reading at most this many postings sum them in a Python loop: numpy's fixed cost
#: per call outweighs it there (batch mode's small neighbourhoods when relinking).
SMALL_LOOKUP = 256
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


#: A posting: the stories under one key, oldest first, as story numbers. A key posted for one
#: story only (most keys while a corpus is small) keeps the bare number, not an array.
Posting: TypeAlias = "array[int] | int"


class InvertedIndex:
    """Key -> stories posting lists, each capped at :data:`POSTING_CAP` entries.

    Stories are numbered as they are first posted; a posting list is an array of those
    numbers, newest last, so a look-up gathers, resolves and sums its few hundred postings in
    numpy instead of one Python step per posting (the cost that grew with the corpus).

    Keys come as ``"n:" + name`` or ``"t:" + term``; the index keeps names and terms in two
    tables under the bare (interned) strings the document frequencies hold already, so a key
    costs no string of its own.
    """

    __slots__ = ("_ids", "_live", "_mark", "_merged", "_names", "_numbers", "_sums", "_terms")

    def __init__(self, postings: Mapping[str, Iterable[str]] | None = None) -> None:
        """An index holding ``postings`` (key -> story ids, oldest first), as :meth:`to_lists`."""
        self._names: dict[str, Posting] = {}
        self._terms: dict[str, Posting] = {}
        self._ids: list[str] = []  # story number -> story id
        self._numbers: dict[str, int] = {}
        # Per story number: the number it resolves to (itself unless merged away), and two
        # scratch arrays for look-ups (score sums, kept at zero between look-ups; positions).
        self._live = np.zeros(0, dtype=np.int32)
        self._sums = np.zeros(0, dtype=np.float64)
        self._mark = np.zeros(0, dtype=np.int64)
        self._merged: set[int] = set()  # numbers of stories merged into another
        for key, sids in (postings or {}).items():
            nums = array("i", [self._number(s) for s in sids])
            if nums:  # (a key with no stories is no key)
                self._table(key)[sys.intern(key[2:])] = nums[0] if len(nums) == 1 else nums

    def share(self, other: InvertedIndex) -> None:
        """Take over ``other``'s tables (no copy); ``other`` must not be used afterwards."""
        self._names, self._terms = other._names, other._terms
        self._ids, self._numbers = other._ids, other._numbers
        self._live, self._sums, self._mark = other._live, other._sums, other._mark
        self._merged = other._merged

    def _table(self, key: str) -> dict[str, Posting]:
        """The table a prefixed key lives in (its bare form is ``key[2:]``)."""
        return self._terms if key[0] == "t" else self._names

    def _number(self, story_id: str) -> int:
        """The number of ``story_id``, given one when it has none yet."""
        num = self._numbers.get(story_id)
        if num is not None:
            return num
        num = self._numbers[story_id] = len(self._ids)
        self._ids.append(story_id)
        if num >= len(self._live):  # grow the per-story arrays (doubling: amortised O(1))
            size = max(1024, 2 * len(self._live))
            live = np.arange(size, dtype=np.int32)
            live[: len(self._live)] = self._live
            self._live = live
            self._sums = np.zeros(size, dtype=np.float64)
            self._mark = np.zeros(size, dtype=np.int64)
        return num

    def to_lists(self) -> dict[str, list[str]]:
        """Every posting list as story ids, oldest first (the stored form)."""
        ids = self._ids
        return {
            prefix + key: [ids[n] for n in _numbers(plist)]
            for prefix, table in (("n:", self._names), ("t:", self._terms))
            for key, plist in table.items()
        }

    def posted(self, key: str) -> list[str]:
        """The stories posted under ``key``, oldest first."""
        ids = self._ids
        return [ids[n] for n in _numbers(self._table(key).get(key[2:], ()))]

    def add(self, keys: Iterable[str], story_id: str) -> None:
        """Post ``story_id`` under every key (moved to the end when already posted)."""
        num = self._number(story_id)
        for key in keys:
            table, bare = self._table(key), key[2:]
            plist = table.get(bare)
            if plist is None:
                table[sys.intern(bare)] = num
                continue
            if isinstance(plist, int):
                if plist != num:
                    table[bare] = array("i", (plist, num))
                continue
            if plist[-1] == num:
                continue
            recent = plist[-16:]
            if num in recent:  # move it to the end (the copy in that window, not an older one)
                del plist[len(plist) - len(recent) + recent.index(num)]
            plist.append(num)
            if len(plist) > POSTING_CAP:
                del plist[: len(plist) - POSTING_CAP]

    def _follow(self, aliases: StoryAliases) -> None:
        """Bring the numeric alias table up to date with ``aliases``' changes."""
        for gone in aliases.changed:
            num = self._number(gone)
            keep = aliases.get(gone)
            if keep is None:
                self._live[num] = num
                self._merged.discard(num)
            else:
                target = self._number(keep)  # (may grow the arrays: number it first)
                self._live[num] = target
                self._merged.add(num)
        aliases.changed.clear()

    def candidates(
        self,
        keys: Iterable[tuple[str, float]],
        limit: int,
        aliases: StoryAliases | None = None,
        term_depth: int = TERM_LOOKUP_DEPTH,
    ) -> list[str]:
        """Return up to ``limit`` stories sharing the most key weight, best first.

        A story scores the summed weight of the keys it is posted under (once per key; a
        merged story also through each id merged into it); ties go to the larger id.

        Args:
            keys: ``(key, weight)`` pairs of the article.
            limit: most stories returned.
            aliases: merged story ids, resolved to their live story (``None``: no merges).
                An index follows one alias table, through its recorded changes.
            term_depth: newest entries read per term key (batch mode, whose posting lists
                hold single articles rather than stories, reads :data:`LOOKUP_DEPTH`).
        """
        if aliases is not None and aliases.changed:
            self._follow(aliases)
        parts, sizes, weights = [], [], []
        terms, names = self._terms.get, self._names.get
        for key, weight in keys:
            if key[0] == "t":
                plist, depth = terms(key[2:]), term_depth
            else:
                plist, depth = names(key[2:]), LOOKUP_DEPTH
            if plist is None:
                continue
            part = array("i", (plist,)) if isinstance(plist, int) else plist[-depth:]
            parts.append(part)
            sizes.append(len(part))
            weights.append(weight)
        if not parts:
            return []
        if sum(sizes) <= SMALL_LOOKUP:
            return self._summed_in_python(parts, weights, limit)
        # (key, story) pairs, sorted by key then story: each story once per key.
        pairs = np.repeat(np.arange(len(parts), dtype=np.int64) << 32, sizes)
        pairs |= np.frombuffer(b"".join(parts), dtype=np.int32)
        pairs.sort()
        first = np.empty(len(pairs), dtype=bool)
        first[0] = True
        np.not_equal(pairs[1:], pairs[:-1], out=first[1:])
        pairs = pairs[first]
        live = self._resolved((pairs & 0xFFFFFFFF).astype(np.intp))
        # Sums in key order, one addition at a time, as a loop over the keys would make them.
        sums = self._sums
        np.add.at(sums, live, np.asarray(weights)[pairs >> 32])
        at = np.arange(len(live))
        self._mark[live] = at  # one position per story survives: its stories, once each
        stories = live[self._mark[live] == at]
        scores = sums[stories]
        sums[stories] = 0.0
        if len(stories) > limit:  # only those at or above the limit-th score can rank
            kth = np.partition(scores, len(scores) - limit)[len(scores) - limit]
            keep = scores >= kth
            stories, scores = stories[keep], scores[keep]
        ids = self._ids
        named = {ids[n]: v for n, v in zip(stories.tolist(), scores.tolist(), strict=True)}
        return [sid for sid, _ in top_items(named, limit)]

    def _summed_in_python(
        self, parts: list[array[int]], weights: list[float], limit: int
    ) -> list[str]:
        """:meth:`candidates` for a few postings, where numpy's fixed costs would dominate."""
        merged, scores = self._merged, dict[int, float]()
        get = scores.get
        for part, weight in zip(parts, weights, strict=True):
            for num in set(part):
                live = int(self._resolved(np.array([num]))[0]) if num in merged else num
                scores[live] = get(live, 0.0) + weight
        ids = self._ids
        return [sid for sid, _ in top_items({ids[n]: v for n, v in scores.items()}, limit)]

    def _resolved(self, nums: npt.NDArray[np.intp]) -> npt.NDArray[np.int32]:
        """Story numbers with merged ones replaced by their live story's."""
        live = self._live
        out: npt.NDArray[np.int32] = live[nums]
        for _ in range(MAX_HOPS):
            nxt: npt.NDArray[np.int32] = live[out]
            if (nxt == out).all():
                break
            out = nxt
        return out


def _numbers(plist: Posting | tuple[()]) -> Iterable[int]:
    """The story numbers of a posting, oldest first."""
    return (plist,) if isinstance(plist, int) else plist
