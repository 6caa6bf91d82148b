"""``newsweave eval align``: the claim scorer on MSRP test, with its baselines."""

from __future__ import annotations

import json

import pytest
from tests.shared_data import SHARED, require_shared

pytestmark = [pytest.mark.issue(14)]


def test_eval_align_reports_the_scorer_and_two_baselines(newsweave) -> None:
    msrp = require_shared(SHARED / "data" / "msrp")
    result = newsweave("eval", "align", str(msrp), "--json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert set(data["test"]) == {"f1", "accuracy", "precision", "recall"}
    assert set(data["baselines"]) == {"always_paraphrase", "cosine"}
    assert data["baselines"]["always_paraphrase"]["recall"] == 1.0
    assert data["test"]["accuracy"] > data["baselines"]["always_paraphrase"]["accuracy"]
    table = newsweave("eval", "align", str(msrp))
    assert "baseline cosine" in table.stdout
