from __future__ import annotations

import pytest

from newsweave.evaluation.clusters import adjusted_rand, bcubed, pairwise


def test_perfect_partition_scores_one():
    gold = ["x", "x", "y", "y", "y"]
    pred = [1, 1, 2, 2, 2]
    assert bcubed(pred, gold).f1 == 1.0
    assert pairwise(pred, gold).f1 == 1.0
    assert adjusted_rand(pred, gold) == pytest.approx(1.0)


def test_bcubed_all_in_one_cluster():
    gold = ["x", "x", "y", "y"]
    prf = bcubed([0, 0, 0, 0], gold)
    assert prf.recall == 1.0
    assert prf.precision == pytest.approx(0.5)


def test_bcubed_known_value():
    # items 0,1,2 gold x; 3 gold y; predicted {0,1} {2,3}
    prf = bcubed([0, 0, 1, 1], ["x", "x", "x", "y"])
    assert prf.precision == pytest.approx((1 + 1 + 0.5 + 0.5) / 4)
    assert prf.recall == pytest.approx((2 / 3 + 2 / 3 + 1 / 3 + 1) / 4)


def test_pairwise_counts_pairs():
    prf = pairwise([0, 0, 0, 1], ["x", "x", "y", "y"])
    assert prf.precision == pytest.approx(1 / 3)
    assert prf.recall == pytest.approx(1 / 2)


def test_ari_of_unrelated_partition_is_low():
    assert adjusted_rand([0, 1, 0, 1, 0, 1], ["x", "x", "x", "y", "y", "y"]) < 0.1


def test_length_mismatch_raises():
    with pytest.raises(ValueError, match="labels"):
        bcubed([0], ["x", "y"])
