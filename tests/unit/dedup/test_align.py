from __future__ import annotations

import itertools

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsweave.dedup.align import (
    RewriteRule,
    align,
    blended_scorer,
    lexical_scorer,
    monotone_matching,
    split_sentences,
)


def test_split_sentences_handles_lines_and_abbreviations():
    text = "Mr. Smith went to Washington. He met Dr. Jones.\nA new line starts here! Does it?"
    assert split_sentences(text) == [
        "Mr. Smith went to Washington.",
        "He met Dr. Jones.",
        "A new line starts here!",
        "Does it?",
    ]
    assert split_sentences("") == []


def test_lexical_scorer_ranks_paraphrases_above_unrelated_sentences():
    a = ["The police arrested two men after the robbery on Friday."]
    b = [
        "Two men were arrested by police after Friday's robbery.",
        "The weather was sunny across the region this weekend.",
    ]
    scores = lexical_scorer(a, b)
    assert scores.shape == (1, 2)
    assert scores[0, 0] > 0.5 > scores[0, 1]
    assert ((scores >= 0) & (scores <= 1)).all()


def _brute_force(scores: np.ndarray, min_score: float) -> float:
    n, m = scores.shape
    best = 0.0
    for k in range(min(n, m) + 1):
        for rows in itertools.combinations(range(n), k):
            for cols in itertools.combinations(range(m), k):
                vals = [scores[i, j] for i, j in zip(rows, cols, strict=True)]
                if all(v >= min_score for v in vals):
                    best = max(best, sum(vals))
    return best


@settings(max_examples=40, deadline=None)
@given(st.integers(1, 4), st.integers(1, 4), st.integers(0, 10_000))
def test_monotone_matching_is_optimal_one_to_one_and_in_order(n, m, seed):
    scores = np.random.default_rng(seed).random((n, m)).round(2)
    pairs = monotone_matching(scores, 0.3)
    assert all(scores[i, j] >= 0.3 for i, j in pairs)
    assert [i for i, _ in pairs] == sorted({i for i, _ in pairs})
    assert [j for _, j in pairs] == sorted({j for _, j in pairs})
    assert sum(scores[i, j] for i, j in pairs) == pytest.approx(_brute_force(scores, 0.3))


def test_identical_articles_align_completely():
    sents = split_sentences("First point here. Second point there. Third and last point.")
    result = align(sents, sents)
    assert [(i, j) for i, j, _ in result.pairs] == [(0, 0), (1, 1), (2, 2)]
    assert result.coverage_a == result.coverage_b == 1.0
    assert RewriteRule(min_pairs=3).accepts(result)
    assert result.evidence() == ()


def test_split_sentence_still_counts_as_covered():
    a = ["The storm hit the coast on Monday and thousands of homes lost power overnight."]
    b = ["The storm hit the coast on Monday.", "Thousands of homes lost power overnight."]
    result = align(a, b, min_score=0.3)
    assert len(result.pairs) == 1
    assert result.coverage_b == 1.0


def test_blended_scorer_uses_the_embedder():
    def embed(sentences):
        vecs = np.array([[1.0, 0.0] if "cat" in s else [0.0, 1.0] for s in sentences])
        return vecs / np.linalg.norm(vecs, axis=1, keepdims=True)

    scorer = blended_scorer(embed, weight=1.0)
    scores = scorer(["a cat sat"], ["the cat", "a dog"])
    assert scores.tolist() == [[1.0, 0.0]]
    assert blended_scorer(embed)([], ["x"]).shape == (0, 1)
