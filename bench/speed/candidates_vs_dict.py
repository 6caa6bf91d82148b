"""The clusterer's candidate look-up against the plain structure a reader would write.

``cluster/index.py`` ``InvertedIndex`` keeps posting lists as bare ints or ``array('i')`` of
story numbers in two tables, and sums a look-up in numpy (bit-packed pairs, scratch arrays)
or, for small look-ups, in a Python loop. This benchmark measures what that buys over a
``dict[str, list[int]]`` of the same posting lists (same cap, same move-to-end of a recent
re-post, same newest-first reads per key) summed in a ``defaultdict(float)`` per look-up
(a ``Counter`` with float weights).

Workload: ``--articles`` generated articles (real ECB+ sentences, :mod:`bench.speed.corpus`),
their look-up and index keys computed as the clusterer does (:func:`both_keys` under running
document frequencies). Each article's story is its generated event (so the trace costs no
clustering); every ``MERGE_EVERY``-th event starts a second story for its second article,
which is merged into the first on the event's third article, so look-ups also resolve
merged ids. The trace is built untimed, then replayed through each structure in the same
run (look up the article's candidates, then post it under its story), alternating,
``--rounds`` times each; the least time of each is reported (noise on a shared machine only
adds time).

Reported per structure: CPU seconds of all inserts and of all look-ups, bytes held per distinct
key and per posting (tracemalloc over a second, traced replay of the inserts; keys are fresh
strings there, as the clusterer builds them, so a structure that keeps its own key strings
pays for them; the index interns bare keys, which the document frequencies hold already),
and the ratios plain / index. Every look-up's candidates must agree.

Usage: ``python -m bench.speed.candidates_vs_dict [--articles 20000 100000] [--rounds 3]``
"""

from __future__ import annotations

import argparse
import json
import time
import tracemalloc
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Protocol

from bench.quality.ecbdata import load_rows
from bench.speed.corpus import generate
from newsweave.cluster.aliases import StoryAliases
from newsweave.cluster.features import extract
from newsweave.cluster.index import (
    LOOKUP_DEPTH,
    POSTING_CAP,
    TERM_LOOKUP_DEPTH,
    InvertedIndex,
    both_keys,
)
from newsweave.cluster.params import ClusterParams
from newsweave.cluster.tfidf import DocFreq, top_items

#: One event in this many gets a second story, merged into the first on its third article.
MERGE_EVERY = 10
#: Entries at the end of a posting list searched for an earlier copy of a re-posted story
#: (``InvertedIndex.add``'s window).
REPOST_WINDOW = 16


class Index(Protocol):
    """What the replay uses: the two calls the clusterer makes."""

    def add(self, keys: Iterable[str], story_id: str) -> None: ...  # noqa: D102

    def candidates(  # noqa: D102
        self, keys: Iterable[tuple[str, float]], limit: int, aliases: StoryAliases | None = None
    ) -> list[str]: ...


@dataclass
class DictIndex:
    """The plain version: key -> list of story numbers (oldest first), summed in a dict."""

    postings: dict[str, list[int]] = field(default_factory=dict)
    ids: list[str] = field(default_factory=list)
    numbers: dict[str, int] = field(default_factory=dict)

    def add(self, keys: Iterable[str], story_id: str) -> None:
        """Post ``story_id`` under every key (a recent copy moves to the end), capped."""
        num = self.numbers.setdefault(story_id, len(self.ids))
        if num == len(self.ids):
            self.ids.append(story_id)
        for key in keys:
            plist = self.postings.setdefault(key, [])
            if plist and plist[-1] == num:
                continue
            recent = plist[-REPOST_WINDOW:]
            if num in recent:
                del plist[len(plist) - len(recent) + recent.index(num)]
            plist.append(num)
            if len(plist) > POSTING_CAP:
                del plist[: len(plist) - POSTING_CAP]

    def candidates(
        self, keys: Iterable[tuple[str, float]], limit: int, aliases: StoryAliases | None = None
    ) -> list[str]:
        """The ``limit`` stories sharing the most key weight (each story once per key)."""
        scores: defaultdict[str, float] = defaultdict(float)
        ids = self.ids
        for key, weight in keys:
            depth = TERM_LOOKUP_DEPTH if key[0] == "t" else LOOKUP_DEPTH
            for num in set(self.postings.get(key, [])[-depth:]):
                sid = ids[num]
                scores[aliases.resolve(sid) if aliases else sid] += weight
        return [sid for sid, _ in top_items(scores, limit)]


@dataclass(frozen=True, slots=True)
class Step:
    """One article of the trace: its keys, its story, and an alias set before its look-up."""

    looked: list[tuple[str, float]]
    indexed: list[str]
    story: str
    merge: tuple[str, str] | None


def trace(articles: int) -> tuple[list[Step], int, tuple[DocFreq, DocFreq]]:
    """The look-ups and insertions of ``articles`` articles, and their distinct keys.

    Also the term and name frequencies: they hold the bare key strings, as in the clusterer.
    """
    terms, names = DocFreq(), DocFreq()
    steps: list[Step] = []
    seen: Counter[int] = Counter()
    keys: set[str] = set()
    for art in generate(load_rows(), articles, seed=articles):
        feats = extract(art.id, art.title, art.text, date=art.date)
        terms.add(feats.terms)
        names.add(feats.entities)
        looked, indexed = both_keys(feats, terms, names)
        seen[art.event] += 1
        story, merge = f"st{art.event}", None
        if art.event % MERGE_EVERY == 0 and seen[art.event] == 2:
            story += "x"
        elif art.event % MERGE_EVERY == 0 and seen[art.event] == 3:
            merge = (f"st{art.event}x", story)
        index_keys = [k for k, _ in indexed]
        keys.update(index_keys)
        steps.append(Step(looked, index_keys, story, merge))
    return steps, len(keys), (terms, names)


def replay(index: Index, steps: list[Step], limit: int) -> tuple[float, float, list[list[str]]]:
    """Look up then post every article; return insert and look-up CPU seconds, candidates.

    CPU time, not wall-clock: on a shared machine waiting for a core would count otherwise.
    """
    aliases = StoryAliases()
    clock = time.process_time
    insert_s = lookup_s = 0.0
    found = []
    for step in steps:
        if step.merge is not None:
            aliases[step.merge[0]] = step.merge[1]
        t0 = clock()
        got = index.candidates(step.looked, limit, aliases)
        t1 = clock()
        index.add(step.indexed, step.story)
        insert_s += clock() - t1
        lookup_s += t1 - t0
        found.append(got)
    return insert_s, lookup_s, found


def held_bytes(make: Callable[[], Index], steps: list[Step]) -> tuple[int, int]:
    """Bytes a structure holds after every insertion (traced), and its posting count."""
    tracemalloc.start()
    index = make()
    for step in steps:  # fresh key strings, as both_keys makes them; dropped unless kept
        index.add([k[:2] + k[2:] for k in step.indexed], step.story)
    held = tracemalloc.get_traced_memory()[0]
    tracemalloc.stop()
    if isinstance(index, InvertedIndex):
        postings = sum(len(p) for p in index.to_lists().values())
    else:
        assert isinstance(index, DictIndex)
        postings = sum(len(p) for p in index.postings.values())
    return held, postings


def measure(articles: int, limit: int, rounds: int) -> dict[str, object]:
    """Both structures on one trace of ``articles`` articles, alternating, best of ``rounds``."""
    steps, distinct, frequencies = trace(articles)
    makers: dict[str, Callable[[], Index]] = {"index": InvertedIndex, "dict": DictIndex}
    best: dict[str, tuple[float, float]] = {}
    answers: dict[str, list[list[str]]] = {}
    for _ in range(rounds):
        for name, make in makers.items():
            insert_s, lookup_s, answers[name] = replay(make(), steps, limit)
            was = best.get(name, (insert_s, lookup_s))
            best[name] = (min(was[0], insert_s), min(was[1], lookup_s))
    figures: dict[str, dict[str, float]] = {}
    for name, make in makers.items():
        held, postings = held_bytes(make, steps)
        figures[name] = {
            "insert_s": round(best[name][0], 3),
            "lookup_s": round(best[name][1], 3),
            "bytes_per_key": round(held / distinct, 1),
            "bytes_per_posting": round(held / postings, 1),
            "postings": postings,
        }
    del frequencies  # (kept alive until here: the index shares their strings)
    differ = sum(a != b for a, b in zip(answers["index"], answers["dict"], strict=True))
    assert differ == 0, f"{differ} look-ups differ"
    index, plain = figures["index"], figures["dict"]
    ratios = {k: round(plain[k] / index[k], 2) for k in ("insert_s", "lookup_s", "bytes_per_key")}
    return {"articles": articles, "distinct_keys": distinct, **figures, "dict_over_index": ratios}


def main() -> None:
    """Run each size and print one JSON object per size."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, nargs="+", default=[20_000, 100_000])
    parser.add_argument("--limit", type=int, default=ClusterParams().max_candidates)
    parser.add_argument("--rounds", type=int, default=3, help="replays of each, alternating")
    args = parser.parse_args()
    for n in args.articles:
        print(json.dumps(measure(n, args.limit, args.rounds), indent=2), flush=True)


if __name__ == "__main__":
    main()
