from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from newsweave.cluster import scoring
from newsweave.cluster.batch import average_link, cluster_batch, scored_pairs
from newsweave.cluster.params import default_params
from newsweave.cluster.scoring import PairMemo
from newsweave.cluster.tfidf import DocFreq

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


def _freqs(articles):
    terms, names = DocFreq(), DocFreq()
    for f in articles:
        terms.add(f.terms)
        names.add(f.entities)
    return terms, names


def test_memo_gives_the_scores_of_a_fresh_computation():
    freqs = _freqs(ARTICLES)
    plain = scored_pairs(ARTICLES, default_params(), freqs)[0]
    memo = PairMemo()
    first = scored_pairs(ARTICLES, default_params(), freqs, memo)[0]
    assert memo.pairs
    assert len(memo.articles) == len(ARTICLES)
    # The second call reads every pair from the memo: poisoned values would show.
    memo.pairs = dict.fromkeys(memo.pairs, 0.123)
    again = scored_pairs(ARTICLES, default_params(), freqs, memo)[0]
    assert first == plain
    assert set(again) == set(plain)
    assert set(again.values()) == {0.123}


def test_memo_is_dropped_when_the_idf_bucket_moves():
    terms, names = _freqs(ARTICLES)
    memo = PairMemo()
    scored_pairs(ARTICLES, default_params(), (terms, names), memo)
    kept = dict(memo.pairs)
    for _ in range(terms.n_docs):  # double the corpus: ln N moves far past one bucket
        terms.add(["filler"])
        names.add(["filler"])
    memo.pairs = dict.fromkeys(memo.pairs, 0.123)
    out = scored_pairs(ARTICLES, default_params(), (terms, names), memo)[0]
    assert 0.123 not in out.values()
    assert set(memo.pairs) == set(kept)


def test_memo_keeps_at_most_its_caps(monkeypatch):
    monkeypatch.setattr(scoring, "MEMO_ARTICLES", 3)
    monkeypatch.setattr(scoring, "MEMO_PAIRS", 2)
    memo = PairMemo()
    out = scored_pairs(ARTICLES, default_params(), _freqs(ARTICLES), memo)[0]
    assert len(out) > 2
    assert len(memo.articles) == 3
    assert len(memo.pairs) == 2
    assert list(memo.articles) == [f.article_id for f in ARTICLES[-3:]]


def test_batch_applies_the_time_window_as_online_does():
    from dataclasses import replace
    from datetime import timedelta

    dated = make_articles(dated=True)
    together = cluster_batch(dated, default_params())
    assert together.story_of("a0") == together.story_of("a2")
    # The same event's articles, one moved three 30-day windows later: no longer one story.
    late = [
        replace(f, date=f.date + timedelta(days=90)) if f.article_id == "a2" else f for f in dated
    ]
    apart = cluster_batch(late, default_params())
    assert apart.story_of("a0") == apart.story_of("a1")
    assert apart.story_of("a2") != apart.story_of("a0")
