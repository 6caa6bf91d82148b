from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from hypothesis import given, settings
from hypothesis import strategies as st

from newsweave.cluster import index as index_module
from newsweave.cluster.aliases import StoryAliases
from newsweave.cluster.index import LOOKUP_DEPTH, TERM_LOOKUP_DEPTH, InvertedIndex


def _index(n: int) -> InvertedIndex:
    index = InvertedIndex()
    for i in range(n):
        index.add(["t:harbour", "n:marlow"], f"s{i:03d}")
    return index


def test_term_keys_are_read_less_deep_than_names():
    n = LOOKUP_DEPTH + 10
    index = _index(n)
    newest = {f"s{i:03d}" for i in range(n - TERM_LOOKUP_DEPTH, n)}
    by_term = index.candidates([("t:harbour", 1.0)], n)
    by_name = index.candidates([("n:marlow", 1.0)], n)
    assert set(by_term) == newest
    assert len(by_name) == LOOKUP_DEPTH
    deep = index.candidates([("t:harbour", 1.0)], n, term_depth=LOOKUP_DEPTH)
    assert set(deep) == set(by_name)


def test_merged_ids_resolve_and_count_per_posting():
    index = _index(3)
    aliases = StoryAliases({"s000": "s002"})
    got = index.candidates([("n:marlow", 2.0), ("t:harbour", 1.0)], 3, aliases)
    # s002 is posted itself and through its alias s000 under both keys: 2 * (2.0 + 1.0)
    assert got == ["s002", "s001"]


def test_reposting_a_story_moves_its_recent_copy_to_the_end():
    index = InvertedIndex()
    for sid in ["s", *(f"o{i}" for i in range(20)), "s", "o20", "s"]:
        index.add(["t:k"], sid)
    plist = index.posted("t:k")
    # The copy older than the 16-entry window stays; the recent one moves, so the window
    # holds each story once.
    assert plist[-16:].count("s") == 1
    assert plist[-1] == "s"
    assert plist.count("s") == 2


def _reference(
    index: InvertedIndex, keys: list[tuple[str, float]], limit: int, aliases: StoryAliases
) -> list[str]:
    """The look-up written as a plain loop: each posted id once per key, resolved, summed."""
    scores: dict[str, float] = {}
    for key, weight in keys:
        depth = TERM_LOOKUP_DEPTH if key.startswith("t:") else LOOKUP_DEPTH
        for sid in set(index.posted(key)[-depth:]):
            live = aliases.resolve(sid)
            scores[live] = scores.get(live, 0.0) + weight
    ranked = sorted(scores.items(), key=lambda kv: (kv[1], kv[0]), reverse=True)
    return [sid for sid, _ in ranked[:limit]]


_KEYS = [f"{kind}:{i}" for kind in "nt" for i in range(4)]
_STORIES = [f"s{i:02d}" for i in range(40)]


@settings(max_examples=150, deadline=None)
@given(
    posts=st.lists(
        st.tuples(st.lists(st.sampled_from(_KEYS), max_size=4), st.sampled_from(_STORIES)),
        max_size=120,
    ),
    merges=st.lists(st.tuples(st.sampled_from(_STORIES), st.sampled_from(_STORIES)), max_size=8),
    unmerge=st.lists(st.sampled_from(_STORIES), max_size=2),
    keys=st.lists(
        st.tuples(st.sampled_from(_KEYS), st.sampled_from([0.5, 1.0, 1.5, 0.1, 0.2, 0.3])),
        max_size=6,
        unique_by=lambda kw: kw[0],
    ),
    limit=st.integers(1, 10),
)
def test_lookup_equals_a_plain_loop(posts, merges, unmerge, keys, limit):
    index, aliases = InvertedIndex(), StoryAliases()
    for i, (post_keys, sid) in enumerate(posts):
        index.add(post_keys, sid)
        if i == len(posts) // 2:  # look up half-way, so later alias changes must be caught up
            index.candidates(keys, limit, aliases)
            for gone, keep in merges:
                if gone != keep and aliases.resolve(keep) != gone:  # no cycles, as merges go
                    aliases[gone] = keep
    for sid in unmerge:
        aliases.pop(sid, None)
    # Weights like 0.1 + 0.2 make the sum's order matter: it must be the keys' order.
    want = _reference(index, keys, limit, aliases)
    for small in (0, 10**9):  # summed in numpy, then in the loop for small look-ups
        with _small_lookup(small):
            assert index.candidates(keys, limit, aliases) == want


@contextmanager
def _small_lookup(size: int) -> Iterator[None]:
    saved = index_module.SMALL_LOOKUP
    index_module.SMALL_LOOKUP = size
    try:
        yield
    finally:
        index_module.SMALL_LOOKUP = saved


def test_stored_lists_round_trip():
    index = _index(LOOKUP_DEPTH)
    index.add(["n:other"], "s005")
    again = InvertedIndex(index.to_lists())
    assert again.to_lists() == index.to_lists()
    assert again.posted("n:marlow") == index.posted("n:marlow")
    keys = [("n:marlow", 1.0), ("n:other", 0.5)]
    assert again.candidates(keys, 5) == index.candidates(keys, 5) == ["s005", *_top4(index)]


def _top4(index: InvertedIndex) -> list[str]:
    return sorted(set(index.posted("n:marlow")[-LOOKUP_DEPTH:]) - {"s005"}, reverse=True)[:4]


def test_aliases_record_every_change():
    aliases = StoryAliases({"a": "b"})
    assert aliases.changed == {"a"}
    aliases.changed.clear()
    aliases["c"] = "d"
    aliases.update({"e": "f"})
    aliases |= {"g": "h"}
    aliases.setdefault("i", "j")
    del aliases["a"]
    aliases.pop("zz", None)
    assert aliases.changed == {"a", "c", "e", "g", "i", "zz"}
    aliases.changed.clear()
    aliases.clear()
    assert aliases.changed == {"c", "e", "g", "i"}
    assert not aliases


def test_alias_chains_resolve_to_the_live_story():
    index = InvertedIndex()
    for sid in ["a", "b", "c"]:
        index.add(["n:k"], sid)
    aliases = StoryAliases({"a": "b", "b": "c"})
    for small in (0, 10**9):
        with _small_lookup(small):
            assert index.candidates([("n:k", 1.0)], 3, aliases) == ["c"]
    del aliases["b"]  # b split off again: a still goes to b
    for small in (0, 10**9):
        with _small_lookup(small):
            assert index.candidates([("n:k", 1.0)], 3, aliases) == ["b", "c"]


def test_a_story_counts_once_per_key_however_often_it_is_posted():
    index = InvertedIndex()
    for sid in ["a", *(f"o{i:02d}" for i in range(20)), "a"]:
        index.add(["n:k"], sid)
    assert index.posted("n:k").count("a") == 2  # both copies within the 64 read
    # "a" ties with the others at 1.0 and, as the smallest id, loses the tie.
    for small in (0, 10**9):
        with _small_lookup(small):
            assert index.candidates([("n:k", 1.0)], 2) == ["o19", "o18"]


def test_scores_add_up_in_key_order():
    index = InvertedIndex()
    index.add(["t:1", "t:2", "t:3"], "a")
    index.add(["t:4"], "b")
    keys = [("t:1", 0.1), ("t:2", 0.2), ("t:3", 0.3), ("t:4", 0.6)]
    # (0.1 + 0.2) + 0.3 > 0.6 in floating point; the other order would tie, and "b" win it.
    assert (0.1 + 0.2) + 0.3 > 0.6 == (0.3 + 0.2) + 0.1
    for small in (0, 10**9):
        with _small_lookup(small):
            assert index.candidates(keys, 2) == ["a", "b"]


def test_names_and_terms_with_the_same_word_are_separate_keys():
    index = InvertedIndex()
    index.add(["n:marlow"], "s1")
    index.add(["t:marlow"], "s2")
    index.add(["t:marlow", "n:quenby"], "s2")  # posted again: kept once
    index.add(["t:marlow"], "s3")
    assert index.posted("n:marlow") == ["s1"]
    assert index.posted("t:marlow") == ["s2", "s3"]
    assert index.to_lists() == {"n:marlow": ["s1"], "n:quenby": ["s2"], "t:marlow": ["s2", "s3"]}
    assert index.candidates([("n:marlow", 1.0), ("n:quenby", 0.5)], 5) == ["s1", "s2"]
