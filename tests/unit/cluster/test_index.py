from __future__ import annotations

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
    by_term = index.candidates([("t:harbour", 1.0)], n, lambda s: s)
    by_name = index.candidates([("n:marlow", 1.0)], n, lambda s: s)
    assert set(by_term) == newest
    assert len(by_name) == LOOKUP_DEPTH
    deep = index.candidates([("t:harbour", 1.0)], n, lambda s: s, term_depth=LOOKUP_DEPTH)
    assert set(deep) == set(by_name)


def test_merged_ids_resolve_and_count_per_posting():
    index = _index(3)
    aliases = {"s000": "s002"}
    got = index.candidates(
        [("n:marlow", 2.0), ("t:harbour", 1.0)], 3, lambda s: aliases.get(s, s), aliases
    )
    # s002 is posted itself and through its alias s000 under both keys: 2 * (2.0 + 1.0)
    assert got == ["s002", "s001"]


def test_reposting_a_story_moves_its_recent_copy_to_the_end():
    index = InvertedIndex()
    for sid in ["s", *(f"o{i}" for i in range(20)), "s", "o20", "s"]:
        index.add(["t:k"], sid)
    plist = index.postings["t:k"]
    # The copy older than the 16-entry window stays; the recent one moves, so the window
    # holds each story once.
    assert plist[-16:].count("s") == 1
    assert plist[-1] == "s"
    assert plist.count("s") == 2
