from __future__ import annotations

import pytest

from newsweave.evaluation.coref import b_cubed, ceaf_e, conll, conll_f1, muc

KEY = {"a": 1, "b": 1, "c": 1, "d": 2, "e": 2}
RESPONSE = {"a": "x", "b": "x", "c": "y", "d": "y", "e": "y"}


def test_perfect_response_scores_one() -> None:
    scores = conll(KEY, {m: f"r{c}" for m, c in KEY.items()})
    assert conll_f1(scores) == pytest.approx(1.0)


def test_muc_by_hand() -> None:
    s = muc(KEY, RESPONSE)
    assert s.recall == pytest.approx(2 / 3)
    assert s.precision == pytest.approx(2 / 3)


def test_b_cubed_by_hand() -> None:
    s = b_cubed(KEY, RESPONSE)
    # recall: a,b 2/3 each, c 1/3, d,e 2/2 each -> (2/3+2/3+1/3+1+1)/5
    assert s.recall == pytest.approx((2 / 3 + 2 / 3 + 1 / 3 + 2) / 5)
    # precision: a,b 2/2, c 1/3, d,e 2/3
    assert s.precision == pytest.approx((2 + 1 / 3 + 4 / 3) / 5)


def test_ceaf_e_by_hand() -> None:
    # best alignment: {abc}-{ab} phi=4/5, {de}-{cde} phi=4/5
    s = ceaf_e(KEY, RESPONSE)
    assert s.recall == pytest.approx(1.6 / 2)
    assert s.precision == pytest.approx(1.6 / 2)


def test_singletons_have_zero_muc() -> None:
    s = muc(KEY, {m: m for m in KEY})
    assert s.f1 == 0.0
    assert b_cubed(KEY, {m: m for m in KEY}).precision == pytest.approx(1.0)


def test_ceaf_alignment_is_optimal_not_greedy() -> None:
    key = {"a": 1, "b": 1, "c": 2, "d": 2, "e": 2, "f": 3}
    response = {"a": "x", "b": "x", "c": "x", "d": "y", "e": "y", "f": "y"}
    # {ab}-{abc} 0.8, {cde}-{def} 0.667 (total 1.467) beats pairing {cde}-{abc} 0.333
    assert ceaf_e(key, response).recall == pytest.approx((0.8 + 2 * 2 / 6) / 3)
