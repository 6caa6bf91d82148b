"""The invariants of ``cluster/index.py``'s module docstring, against a brute-force model.

The model keeps the whole history of posts per key; the index keeps capped posting lists.
Caps are made small (the module constant is patched) so that hypothesis reaches them with
short inputs; the real cap is among the ones drawn.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from hypothesis import given, settings
from hypothesis import strategies as st

from newsweave.cluster import index as index_module
from newsweave.cluster.aliases import StoryAliases
from newsweave.cluster.index import LOOKUP_DEPTH, POSTING_CAP, TERM_LOOKUP_DEPTH, InvertedIndex

_KEYS = ["n:a", "n:b", "t:a", "t:c"]
_STORIES = [f"s{i:02d}" for i in range(20)]
#: Entries at the end of a posting list that hold each story at most once.
_WINDOW = 16

_post = st.tuples(
    st.lists(st.sampled_from(_KEYS), min_size=1, max_size=3), st.sampled_from(_STORIES)
)
# Lengths drawn first and uniformly: plain st.lists draws mostly short lists, which never
# reach a cap or re-post a story just outside the window.
_posts = st.integers(0, 200).flatmap(lambda n: st.lists(_post, min_size=n, max_size=n))
_caps = st.sampled_from([3, 10, 40, POSTING_CAP])


@contextmanager
def _cap(size: int) -> Iterator[None]:
    saved = index_module.POSTING_CAP
    index_module.POSTING_CAP = size
    try:
        yield
    finally:
        index_module.POSTING_CAP = saved


@contextmanager
def _small_lookup(size: int) -> Iterator[None]:
    saved = index_module.SMALL_LOOKUP
    index_module.SMALL_LOOKUP = size
    try:
        yield
    finally:
        index_module.SMALL_LOOKUP = saved


def _model(posts: list[tuple[list[str], str]], cap: int) -> dict[str, list[str]]:
    """The posting lists as plain lists: a post moves a story's copy among the newest
    ``_WINDOW`` entries to the end (else appends it), then the oldest beyond ``cap`` drop."""
    out: dict[str, list[str]] = {}
    for keys, sid in posts:
        for key in keys:
            plist = out.setdefault(key, [])
            recent = plist[-_WINDOW:]
            if sid in recent:
                del plist[len(plist) - len(recent) + recent.index(sid)]
            plist.append(sid)
            del plist[:-cap]
    return out


def _history(posts: list[tuple[list[str], str]]) -> dict[str, list[str]]:
    """Every post under every key, oldest first (what an uncapped, unmoved list would hold)."""
    out: dict[str, list[str]] = {}
    for keys, sid in posts:
        for key in keys:
            out.setdefault(key, []).append(sid)
    return out


def _by_last_post(stories: list[str]) -> list[str]:
    """The distinct stories of ``stories``, ordered by their last occurrence."""
    last = {sid: i for i, sid in enumerate(stories)}
    return sorted(last, key=last.__getitem__)


@settings(max_examples=60)
@given(posts=_posts, cap=_caps)
def test_posting_lists_keep_the_most_recently_posted_stories(posts, cap):
    with _cap(cap):
        index = InvertedIndex()
        for keys, sid in posts:
            index.add(keys, sid)
    model = _model(posts, cap)
    assert index.to_lists() == model
    for key, history in _history(posts).items():
        plist = index.posted(key)
        assert 1 <= len(plist) <= cap
        assert plist[-1] == history[-1]
        tail = plist[-_WINDOW:]
        assert len(set(tail)) == len(tail)
        # The stories kept are the most recently posted ones, in the order of their last post;
        # none is missing in between (only older ones drop out, and only once the cap binds).
        kept = _by_last_post(plist)
        assert kept == _by_last_post(history)[-len(kept) :]
        if len(history) <= cap:
            assert set(plist) == set(history)


@settings(max_examples=40)
@given(
    posts=_posts,
    cap=_caps,
    merges=st.lists(st.tuples(st.sampled_from(_STORIES), st.sampled_from(_STORIES)), max_size=8),
    keys=st.lists(
        st.tuples(st.sampled_from(_KEYS), st.sampled_from([0.25, 0.5, 1.0, 2.0])),
        max_size=4,
        unique_by=lambda kw: kw[0],
    ),
    limit=st.integers(1, 12),
)
def test_merges_change_no_posting_and_lookups_return_live_stories(posts, cap, merges, keys, limit):
    with _cap(cap):
        index = InvertedIndex()
        for post_keys, sid in posts:
            index.add(post_keys, sid)
    before = index.to_lists()
    aliases = StoryAliases()
    for gone, keep in merges:
        if gone != keep and aliases.resolve(keep) != gone:  # no cycles, as merges go
            aliases[gone] = keep
    small, large = _both_paths(index, keys, limit, aliases)
    assert small == large
    got = small
    assert index.to_lists() == before  # merges live in the aliases, not in the postings
    assert len(got) == len(set(got)) <= limit
    # Brute force: each story read under a key (newest entries only) scores the key's weight
    # once per posted id that resolves to it.
    scores: dict[str, float] = {}
    for key, weight in keys:
        depth = TERM_LOOKUP_DEPTH if key[0] == "t" else LOOKUP_DEPTH
        for sid in set(before.get(key, [])[-depth:]):
            live = aliases.resolve(sid)
            scores[live] = scores.get(live, 0.0) + weight
    assert all(aliases.resolve(sid) == sid for sid in got)  # live stories only
    assert set(got) <= set(scores)
    assert len(got) == min(limit, len(scores))
    ranked = [scores[sid] for sid in got]
    assert ranked == sorted(ranked, reverse=True)
    assert all(scores[sid] <= ranked[-1] for sid in set(scores) - set(got))
    # Undoing every merge gives back the look-up of an index that never saw one.
    aliases.clear()
    fresh = InvertedIndex(before).candidates(keys, limit)
    assert _both_paths(index, keys, limit, aliases) == (fresh, fresh)


def _both_paths(
    index: InvertedIndex, keys: list[tuple[str, float]], limit: int, aliases: StoryAliases
) -> tuple[list[str], list[str]]:
    """The look-up summed in the Python loop, then in numpy."""
    with _small_lookup(10**9):
        small = index.candidates(keys, limit, aliases)
    with _small_lookup(0):
        return small, index.candidates(keys, limit, aliases)


@settings(max_examples=25)
@given(posts=_posts, more=_posts, cap=_caps)
def test_stored_lists_reload_to_an_index_that_goes_on_alike(posts, more, cap):
    with _cap(cap):
        index = InvertedIndex()
        for keys, sid in posts:
            index.add(keys, sid)
        again = InvertedIndex(index.to_lists())
        for keys, sid in more:
            index.add(keys, sid)
            again.add(keys, sid)
    assert again.to_lists() == index.to_lists()
    probe = [(key, 1.0) for key in _KEYS]
    assert again.candidates(probe, 10) == index.candidates(probe, 10)
