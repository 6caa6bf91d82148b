"""``newsweave eval summary``: ROUGE of newsweave and its two baselines, and bad input."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

pytestmark = [pytest.mark.issue(15)]

CASES = [
    {
        "id": "t-1",
        "articles": [
            {
                "id": "t-1-a",
                "title": "Brenmoor ferry runs aground off Cale Point",
                "date": "2026-05-04",
                "source": "Coastline Post",
                "text": (
                    "A passenger ferry ran aground off Cale Point on Sunday evening with 212 "
                    "people aboard, the Brenmoor coastguard said. No one was hurt, and all "
                    "passengers were taken ashore by lifeboat within three hours.\n\n"
                    "The ferry, the Morrow Star, had left Brenmoor harbour for the island of "
                    "Tessel at 6 p.m. Investigators will examine whether the crew strayed from "
                    "the marked channel in fog."
                ),
            },
            {
                "id": "t-1-b",
                "title": "Ferry with 212 aboard grounded near Cale Point | Tessel Daily",
                "date": "2026-05-05",
                "source": "Tessel Daily",
                "text": (
                    "The Morrow Star ferry struck a sandbank near Cale Point on Sunday, and "
                    "lifeboats brought its 212 passengers ashore, according to the coastguard. "
                    "Nobody was injured.\n\nThe operator, Brenmoor Sealink, cancelled Monday's "
                    "crossings to Tessel. The cause may have been thick fog, a spokesman said."
                ),
            },
        ],
        "reference": (
            "A ferry carrying 212 people ran aground near Cale Point on Sunday, and all were "
            "brought ashore by lifeboat without injury, the coastguard said. Fog may have played "
            "a part, and investigators will look at the ferry's course."
        ),
    },
    {
        "id": "t-2",
        "articles": [
            {
                "id": "t-2-a",
                "title": "Oskel library reopens after flood repairs",
                "text": (
                    "The Oskel public library reopened on Friday after repairs to flood damage "
                    "that closed it for eight months. The town council spent 1.2 million on new "
                    "floors and wiring, the mayor said at the opening."
                ),
            }
        ],
        "reference": "Oskel's library reopened after eight months of flood repairs.",
    },
]


def test_eval_summary_scores_three_systems(newsweave, tmp_path: Path) -> None:
    data = tmp_path / "set.jsonl"
    data.write_text("\n".join(json.dumps(c) for c in CASES) + "\n", encoding="utf-8")
    result = newsweave("eval", "summary", str(data), "--json", "--words", "40")
    assert result.returncode == 0, result.stderr
    metrics = json.loads(result.stdout)
    assert metrics["stories"] == 2
    for system in ("newsweave", "lead", "centroid"):
        assert 0.0 < metrics[system]["rouge1"] <= 1.0
        assert 0.0 <= metrics[system]["rouge2"] <= metrics[system]["rouge1"]
        assert metrics[system]["mean_words"] <= 40
    assert [c["id"] for c in metrics["cases"]] == ["t-1", "t-2"]
    table = newsweave("eval", "summary", str(data))
    assert table.returncode == 0
    assert "centroid" in table.stdout


def test_eval_summary_names_the_bad_line(newsweave, tmp_path: Path) -> None:
    data = tmp_path / "bad.jsonl"
    data.write_text(json.dumps(CASES[0]) + "\n{not json\n", encoding="utf-8")
    result = newsweave("eval", "summary", str(data))
    assert result.returncode == 1
    assert "bad.jsonl:2" in result.stderr
    assert "NW206" in result.stderr
