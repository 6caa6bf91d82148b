"""The tutorial (docs/tutorials/first-corpus.md) does what it says, on examples/tutorial."""

from __future__ import annotations

import json
from pathlib import Path

TUTORIAL = Path(__file__).resolve().parents[2] / "examples" / "tutorial"


def test_tutorial_gives_two_stories_one_copy_and_the_people(newsweave):
    ingest = newsweave("ingest", str(TUTORIAL))
    assert ingest.returncode == 0, ingest.stderr
    assert "5 articles stored" in ingest.stdout
    stories = json.loads(newsweave("stories", "--json").stdout)
    assert sorted(len(s["articles"]) for s in stories) == [2, 3]
    ferry = next(s for s in stories if len(s["articles"]) == 3)
    assert "strait-wire-20260402-0007" in ferry["articles"]
    [group] = json.loads(newsweave("dupes", "--json").stdout)
    [copy] = group["copies"]
    assert copy["id"] == "strait-wire-20260402-0007"
    assert copy["kind"] == "near"
    listed = json.loads(newsweave("articles", "--json").stdout)
    origins = {a["id"]: str(a["origin"]) for a in listed}
    assert origins[group["original"]].endswith("ferry_eastmoor_gazette.html")
    shown = newsweave("entity", "Nadia Ferrante")
    assert shown.returncode == 0, shown.stderr
    assert "chief executive of the Harlow Strait Ferry Company" in shown.stdout
    assert "3 articles in 1 stories" in shown.stdout
