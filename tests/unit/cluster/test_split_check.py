"""Split checks: a story that absorbed two look-alike events is taken apart online."""

from __future__ import annotations

from dataclasses import replace

from newsweave.cluster.clusterer import StoryClusterer
from newsweave.cluster.maintain import add_and_relink, relink, split_check
from newsweave.cluster.params import default_params
from newsweave.model import stable_id


def _mixed(
    articles, founder: str, *, split_min: int = 3, below: float = 1.0, min_part: int = 2
) -> StoryClusterer:
    """A clusterer holding ``articles`` as one story (both events), founded by ``founder``."""
    params = replace(
        default_params(), split_min_articles=split_min, split_below=below, split_min_part=min_part
    )
    clu = StoryClusterer(params)
    for f in articles:
        clu.terms.add(f.terms)
        clu.names.add(f.entities)
    sid = stable_id("st", founder)
    for f in sorted(articles, key=lambda f: f.article_id != founder):
        clu.attach(f, sid)
    return clu


def test_split_off_part_never_takes_the_kept_id(articles):
    # The founder b0 ends in the part that does not keep the id (a ties b on size and
    # comes first): its own id is taken, so the B part gets a new one instead of folding
    # back into the kept story under the same id.
    clu = _mixed(articles, "b0")
    sid = stable_id("st", "b0")
    moved = relink(clu, [sid], {f.article_id: f for f in articles})
    assert set(moved) == {"b0", "b1", "b2"}
    assert clu.story_of("a0") == clu.story_of("a2") == sid
    assert clu.story_of("b0") == clu.story_of("b2") != sid
    assert clu.story_of("b0") in clu.stories
    assert len(clu.stories) == 2


def test_joining_a_mixed_story_splits_it(articles):
    # a2 arrives while a0, a1 and the three B articles sit in one story: plain relinking
    # has a neighbourhood of one story and leaves the wrong merge; the split check does not.
    late, early = articles[2], [f for f in articles if f.article_id != "a2"]
    seen = {f.article_id: f for f in early}
    for split_min, parts in ((0, 1), (3, 2)):
        clu = _mixed(early, "a0", split_min=split_min)
        got, moved = add_and_relink(clu, late, seen)
        assert not got.created
        assert len(clu.stories) == parts
    assert got.story_id == clu.story_of("a0") == stable_id("st", "a0")
    assert set(moved) == {"b0", "b1", "b2"}
    assert clu.story_of("b1") != got.story_id


def test_parts_that_still_match_are_folded_back(articles):
    # split_below 0: every split-off part matches the main part well enough to stay.
    clu = _mixed(articles, "a0", below=0.0)
    sid = stable_id("st", "a0")
    assert split_check(clu, sid, {f.article_id: f for f in articles}) == {}
    assert list(clu.stories) == [sid]
    assert len(clu.stories[sid].members) == 6


def test_split_check_of_a_whole_story_changes_nothing(articles):
    clu = _mixed(articles[:3], "a0")
    sid = stable_id("st", "a0")
    assert split_check(clu, sid, {f.article_id: f for f in articles[:3]}) == {}
    assert clu.stories[sid].size == 3


def test_a_single_article_cut_off_is_folded_back(articles):
    # Three reports of A and one of B: the batch cut parts b0 off, but a part of one article
    # is folded back unless split_min_part allows it.
    some = [*articles[:3], articles[3]]
    by_id = {f.article_id: f for f in some}
    sid = stable_id("st", "a0")
    for min_part, moved in ((2, {}), (1, {"b0": stable_id("st", "b0")})):
        clu = _mixed(some, "a0", min_part=min_part)
        assert split_check(clu, sid, by_id) == moved
    assert len(clu.stories) == 2
