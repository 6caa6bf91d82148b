"""Batch clustering with its work units spread over workers gives cluster_batch's stories."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from newsweave.backends.executors.local import LocalExecutor
from newsweave.cluster.batch import cluster_batch
from newsweave.cluster.parallel import cluster_parallel
from newsweave.cluster.params import default_params

from .conftest import make_articles

ARTICLES = make_articles()
DATED = make_articles(dated=True)


def _stories(clu):
    return sorted((sid, tuple(p.members)) for sid, p in clu.stories.items())


def test_a_story_split_across_blocks_comes_out_whole():
    # Blocks of 2 in (date, id) order: [a0 a1] [a2 b0] [b1 b2]; both stories cross a boundary.
    clu = cluster_parallel(ARTICLES, default_params(), block=2)
    assert clu.story_of("a0") == clu.story_of("a1") == clu.story_of("a2")
    assert clu.story_of("b0") == clu.story_of("b1") == clu.story_of("b2")
    assert clu.story_of("a0") != clu.story_of("b0")
    assert _stories(clu) == _stories(cluster_batch(ARTICLES, default_params()))


@settings(max_examples=25, deadline=None)
@given(st.integers(min_value=1, max_value=7), st.permutations(range(6)), st.booleans())
def test_any_block_size_and_order_gives_the_batch_result(block, order, dated):
    feats = DATED if dated else ARTICLES
    shuffled = [feats[i] for i in order]
    ref = cluster_batch(feats, default_params())
    clu = cluster_parallel(shuffled, default_params(), block=block)
    assert _stories(clu) == _stories(ref)
    assert clu.assigned == ref.assigned
    assert clu.terms.df == ref.terms.df  # ready to go on online with the same frequencies


def test_units_in_worker_processes_give_the_same_clusterer():
    here = cluster_parallel(DATED, default_params(), block=2)
    pooled = cluster_parallel(DATED, default_params(), LocalExecutor(2).map_workers, block=2)
    assert _stories(pooled) == _stories(here)
    # The clusterer keeps going online the same way: same index postings, same sketches.
    assert pooled.index.to_lists() == here.index.to_lists()
    for sid, story in here.stories.items():
        assert [s.article_id for s in pooled.stories[sid].sketches] == [
            s.article_id for s in story.sketches
        ]
