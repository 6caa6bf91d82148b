from __future__ import annotations

from newsweave.cluster.clusterer import StoryClusterer
from newsweave.cluster.explain import explain_member
from newsweave.cluster.maintain import add_and_relink, merge_pass, relink, split_story
from newsweave.cluster.params import default_params


def _counted(articles) -> StoryClusterer:
    """A clusterer whose document frequencies already count ``articles`` (attach does not)."""
    clu = StoryClusterer(default_params())
    for f in articles:
        clu.terms.add(f.terms)
        clu.names.add(f.entities)
    return clu


def test_explanation_names_shared_people_and_places(articles):
    clu = StoryClusterer(default_params())
    for f in articles:
        clu.add(f)
    why = explain_member(clu, articles[1])
    assert why.story_id == clu.story_of("a1")
    assert {"kovacs", "reyes", "marlow"} & set(why.shared_names)
    assert "quenby" not in why.shared_names
    assert 0.0 <= why.probability <= 1.0
    assert set(why.scores) >= {"lex", "emb", "name_cos"}


def test_relink_regroups_a_wrong_online_split(articles):
    clu = _counted(articles)
    by_id = {f.article_id: f for f in articles}
    for f in articles:
        clu.attach(f, "st-" + f.article_id)  # every article alone: a bad online history
    moved = relink(clu, sorted(clu.stories), by_id)
    assert moved
    assert len(clu.stories) == 2
    assert clu.story_of("a0") == clu.story_of("a2") != clu.story_of("b1")
    assert all(clu.story_of(a) in clu.stories for a in by_id)  # old ids resolve


def test_add_and_relink_matches_plain_on_easy_input(articles):
    clu = StoryClusterer(default_params())
    seen = {}
    for f in articles:
        add_and_relink(clu, f, seen)
        seen[f.article_id] = f
    assert len(clu.stories) == 2


def test_split_story_separates_drifted_story(articles):
    clu = _counted(articles)
    for f in articles:
        clu.attach(f, "st-mixed")
    ids = split_story(clu, "st-mixed", articles)
    assert len(ids) == 2
    assert ids[0] == "st-mixed"
    assert clu.story_of("a0") != clu.story_of("b0")


def test_merge_pass_merges_a_split_event(articles):
    clu = _counted(articles)
    clu.attach(articles[0], "st-1")
    clu.attach(articles[1], "st-1")
    clu.attach(articles[2], "st-2")
    for f in articles[3:]:
        clu.attach(f, "st-3")
    merged = merge_pass(clu)
    assert merged
    assert clu.story_of("a2") == clu.story_of("a0")
    assert clu.story_of("b0") != clu.story_of("a0")


def test_big_neighbourhoods_are_not_relinked(articles):
    from dataclasses import replace

    clu = _counted(articles)
    clu.params = replace(clu.params, relink_max_articles=1, relink_threshold=0.0)
    for f in articles[:5]:
        clu.attach(f, "st-" + f.article_id)
    got, moved = add_and_relink(clu, articles[5], {f.article_id: f for f in articles[:5]})
    assert moved == {}
    assert got.story_id == clu.story_of("b2")


def test_add_and_relink_twice_changes_nothing(articles):
    import pickle

    from newsweave.cluster.codec import to_state

    clu = StoryClusterer(default_params())
    seen = {}
    for f in articles:
        add_and_relink(clu, f, seen)
        seen[f.article_id] = f
    before = pickle.dumps(to_state(clu))
    got, moved = add_and_relink(clu, articles[2], seen)
    assert moved == {}
    assert pickle.dumps(to_state(clu)) == before
    assert got.story_id == clu.story_of(articles[2].article_id)


def test_relink_leaves_an_unchanged_partition_alone(articles):
    clu = _counted(articles)
    by_id = {f.article_id: f for f in articles}
    for f in articles:
        clu.attach(f, "st-" + f.article_id[0])  # already right: a0-a2 and b0-b2
    profiles = dict(clu.stories)
    assert relink(clu, sorted(clu.stories), by_id) == {}
    assert clu.stories == profiles
    assert all(clu.stories[s] is profiles[s] for s in profiles)  # not rebuilt
