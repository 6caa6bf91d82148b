from __future__ import annotations

import heapq
import math

from hypothesis import given
from hypothesis import strategies as st

from newsweave.cluster.tfidf import (
    DocFreq,
    SparseVec,
    cosine,
    dot,
    dots,
    tf_weight,
    tf_weights,
    tfidf,
    tfidf_weights,
    top_items,
)

weights = st.dictionaries(st.sampled_from(list("abcdefgh")), st.floats(0.01, 10.0), max_size=8)


def test_docfreq_add_remove_roundtrip():
    freq = DocFreq()
    freq.add(["a", "b", "a"])
    freq.add(["a"])
    assert freq.n_docs == 2
    assert freq.df == {"a": 2, "b": 1}
    freq.remove(["a", "b"])
    assert freq.df == {"a": 1}
    assert freq.idf("b") > freq.idf("a")


def test_tfidf_is_unit_length():
    freq = DocFreq()
    for doc in (["x", "y"], ["x"], ["z"]):
        freq.add(doc)
    vec = tfidf({"x": 3, "y": 1}, freq)
    assert abs(sum(v * v for v in vec.values()) - 1.0) < 1e-9
    assert vec["y"] > vec["x"] / 3


@given(weights, weights)
def test_cosine_symmetric_and_bounded(a, b):
    assert abs(cosine(a, b) - cosine(b, a)) < 1e-12
    assert 0.0 <= cosine(a, b) <= 1.0


@given(weights)
def test_cosine_self_is_one(a):
    if a:
        assert abs(cosine(a, a) - 1.0) < 1e-9


@given(
    st.dictionaries(st.text("abcxyz", min_size=1, max_size=3), st.sampled_from([0.5, 1.0, 2.5])),
    st.integers(1, 12),
)
def test_top_items_ranks_by_value_then_key(items, keep):
    expected = heapq.nlargest(keep, items.items(), key=lambda kv: (kv[1], kv[0]))
    assert top_items(items, keep) == expected


def test_idf_table_follows_the_corpus_size():
    freq = DocFreq()
    freq.add(["a", "b"])
    table = freq.idf_table()
    assert table[1] == freq.idf("a") == math.log(2 / 2) + 1.0
    freq.add(["a"])
    assert freq.idf_table()[1] == freq.idf("b") == math.log(3 / 2) + 1.0
    assert freq.idf_table()[2] == freq.idf("a")


@given(st.lists(st.one_of(st.integers(1, 400), st.floats(0.5, 300.0)), max_size=12))
def test_tf_weights_match_tf_weight(counts):
    assert tf_weights(counts) == [tf_weight(c) for c in counts]


def test_tfidf_weights_skip_counts_that_are_not_positive():
    freq = DocFreq()
    freq.add(["a", "b"])
    assert set(tfidf_weights({"a": 2, "b": 0, "c": -1}, freq)) == {"a"}


def test_bucket_follows_the_corpus_size_and_moves_once_per_five_percent():
    freq, seen = DocFreq(), []
    for _ in range(2000):
        freq.add(["a"])
        seen.append(freq.bucket())  # read after every add: the memo must follow n_docs
    assert seen[99] == int(math.log(100) / math.log(1.05))
    for n in range(1, 2000):
        # Between n documents and 5 % more, the bucket moves by one at most...
        assert seen[min(1999, int(n * 1.05)) - 1] - seen[n - 1] <= 1
        # ...and it always moves once the corpus has grown by 10 %.
        if 20 <= n <= 2000 / 1.1:
            assert seen[int(n * 1.1) - 1] > seen[n - 1]


@given(
    weights,
    st.lists(st.one_of(weights, weights.map(SparseVec)), max_size=6),
)
def test_dots_equal_dot_for_packed_and_plain_vectors(vec, others):
    assert dots(vec, others) == [dot(vec, o) for o in others]
