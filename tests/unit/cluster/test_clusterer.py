from __future__ import annotations

import pickle
from dataclasses import replace
from datetime import timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from newsweave.cluster.clusterer import StoryClusterer
from newsweave.cluster.codec import to_state
from newsweave.cluster.params import default_params

from .conftest import make_articles

ARTICLES = make_articles()


def _partition(clu: StoryClusterer, ids: list[str]) -> set[frozenset[str]]:
    groups: dict[str, set[str]] = {}
    for aid in ids:
        groups.setdefault(clu.story_of(aid) or "", set()).add(aid)
    return {frozenset(g) for g in groups.values()}


def test_look_alike_events_land_in_two_stories(articles):
    clu = StoryClusterer(default_params())
    for f in articles:
        clu.add(f)
    ids = [f.article_id for f in articles]
    assert _partition(clu, ids) == {frozenset({"a0", "a1", "a2"}), frozenset({"b0", "b1", "b2"})}


def test_first_article_founds_story_with_stable_id(articles):
    clu = StoryClusterer(default_params())
    first = clu.add(articles[0])
    again = StoryClusterer(default_params()).add(articles[0])
    assert first.created
    assert first.story_id == again.story_id
    assert first.story_id.startswith("st")


def test_join_reports_candidates_and_probability(articles):
    clu = StoryClusterer(default_params())
    clu.add(articles[0])
    got = clu.add(articles[1])
    assert not got.created
    assert got.probability > clu.params.join_threshold
    assert got.candidates[0].story_id == got.story_id


@settings(max_examples=25, deadline=None)
@given(st.permutations(range(6)), st.integers(0, 5))
def test_adding_an_article_twice_changes_nothing(order, repeat):
    clu = StoryClusterer(default_params())
    for i in order:
        clu.add(ARTICLES[i])
    before = pickle.dumps(to_state(clu))
    got = clu.add(ARTICLES[repeat])
    assert pickle.dumps(to_state(clu)) == before
    assert got.story_id == clu.story_of(ARTICLES[repeat].article_id)


def test_far_dated_story_is_not_a_candidate():
    arts = make_articles(dated=True)
    clu = StoryClusterer(default_params())
    clu.add(arts[0])
    late = replace(arts[1], date=arts[1].date + timedelta(days=400))  # type: ignore[operator]
    got = clu.add(late)
    assert got.created
    assert got.candidates == ()


def test_merge_keeps_alias_resolvable(articles):
    clu = StoryClusterer(default_params())
    a = clu.add(articles[0]).story_id
    b = clu.attach(articles[3], "st-other") or "st-other"
    clu.merge(a, b)
    assert clu.resolve(b) == a
    assert clu.story_of("b0") == a
    assert b in clu.stories[a].aliases
    assert b not in clu.stories


def test_index_lookup_never_scans_unrelated_stories(articles):
    clu = StoryClusterer(default_params())
    for f in articles[:3]:
        clu.add(f)
    _, cands = clu.score(articles[3])
    story_a = clu.story_of("a0")
    assert all(c.story_id == story_a for c in cands)  # only stories sharing keys


@settings(max_examples=25, deadline=None)
@given(st.permutations(range(6)), st.sampled_from([0.0, 0.05, 0.3, 0.6, 0.95]))
def test_early_exit_merge_check_agrees_with_the_full_mean(order, threshold):
    # Stories of uneven sizes (one side with more sketches than the other), compared both ways.
    clu = StoryClusterer(default_params("static"))
    for i in order:
        clu.attach(ARTICLES[i], f"s{i % 2}" if i in (0, 1, 3) else f"t{i}")
    ids = sorted(clu.stories)
    for a in ids:
        for b in ids:
            if a != b:
                full = clu.story_probability(a, b) > threshold
                assert clu._mutual_above(a, b, threshold) is full


@settings(max_examples=15, deadline=None)
@given(st.permutations(range(6)))
def test_dropping_cached_views_changes_no_decision(order):
    from newsweave.cluster import clusterer as clusterer_module

    def run() -> tuple[list[object], int]:
        clu = StoryClusterer(default_params())
        got = [clu.add(ARTICLES[i]) for i in order]
        return got, sum(s.view is not None for s in clu.stories.values())

    full, _ = run()
    saved = clusterer_module.MAX_VIEWS
    clusterer_module.MAX_VIEWS = 1
    try:
        capped, kept = run()
    finally:
        clusterer_module.MAX_VIEWS = saved
    assert capped == full  # the same stories, probabilities and feature values
    assert kept <= 1
