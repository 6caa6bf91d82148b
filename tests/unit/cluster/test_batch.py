from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from newsweave.cluster.batch import average_link, cluster_batch
from newsweave.cluster.params import default_params

from .conftest import make_articles

ARTICLES = make_articles()


def test_average_link_merges_only_above_threshold():
    scores = {(0, 1): 0.9, (1, 2): 0.8, (2, 3): 0.1}
    labels = average_link(4, scores, threshold=0.3)
    assert labels[0] == labels[1] == labels[2]
    assert labels[3] != labels[0]


def test_average_link_uses_the_average():
    # 2 joins {0,1} with mean (0.9 + 0.0) / 2 = 0.45: below 0.5, so it stays apart.
    labels = average_link(3, {(0, 1): 0.95, (0, 2): 0.9}, threshold=0.5)
    assert labels[0] == labels[1]
    assert labels[2] != labels[0]


def test_batch_separates_look_alike_events():
    clu = cluster_batch(ARTICLES, default_params())
    assert len(clu.stories) == 2
    assert clu.story_of("a0") == clu.story_of("a2")
    assert clu.story_of("b0") == clu.story_of("b1")
    assert clu.story_of("a0") != clu.story_of("b0")


@settings(max_examples=20, deadline=None)
@given(st.permutations(range(6)))
def test_batch_ignores_input_order(order):
    ref = cluster_batch(ARTICLES, default_params())
    clu = cluster_batch([ARTICLES[i] for i in order], default_params())
    assert clu.assigned == ref.assigned


def test_batch_drops_repeated_ids():
    clu = cluster_batch([*ARTICLES, ARTICLES[0]], default_params())
    assert sum(s.size for s in clu.stories.values()) == len(ARTICLES)
