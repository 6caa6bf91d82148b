"""Copy groups end to end: the examples corpus, the seeds, incremental arrival (issue 3)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from tests.shared_data import EXAMPLES

from newsweave.text.normalize import normalize_text, paragraphs

GOLD = json.loads((EXAMPLES.parent / "gold.json").read_text(encoding="utf-8"))


def _names(newsweave) -> dict[str, str]:
    listed = json.loads(newsweave("articles", "--json").stdout)
    names = {}
    for article in listed:
        origin = Path(str(article["origin"])).name
        names[article["id"]] = article["id"] if origin.startswith("feed.jsonl") else origin
    return names


@pytest.mark.issue(3)
def test_examples_copy_relations_match_gold(newsweave):
    assert newsweave("ingest", str(EXAMPLES)).returncode == 0
    names = _names(newsweave)
    groups = json.loads(newsweave("dupes", "--json").stdout)
    found = {(names[c["id"]], names[g["original"]], c["kind"]) for g in groups for c in g["copies"]}
    gold = {(c["copy"], c["original"], c["kind"]) for c in GOLD["copies"]}
    assert found == gold


@pytest.mark.issue(3)
def test_seeds_are_not_copies_but_a_reworded_repost_is(newsweave, seeds_dir, tmp_path):
    assert newsweave("ingest", str(seeds_dir)).returncode == 0
    assert json.loads(newsweave("dupes", "--json").stdout) == []
    source = normalize_text((seeds_dir / "004_10ea162e37ded490.txt").read_text())
    body = paragraphs(source)
    body[1] = body[1].replace("Taking the unusual step of travel", "Making a rare journey")
    body[3] = body[3].replace("raised eyebrows among", "alarmed")
    repost = "\n\n".join(
        ["Kim Jong Un in Russia: what we know", *body, "Share this:", "Leave a Reply", "admin"]
    )
    (tmp_path / "repost.txt").write_text(repost)
    assert newsweave("ingest", str(tmp_path / "repost.txt")).returncode == 0
    [group] = json.loads(newsweave("dupes", "--json").stdout)
    names = _names(newsweave)
    # Neither has a date and each has words the other lacks: either may be the original.
    members = {names[group["original"]], *(names[c["id"]] for c in group["copies"])}
    assert members == {"004_10ea162e37ded490.txt", "repost.txt"}
    assert group["copies"][0]["kind"] == "near"


@pytest.mark.issue(3)
def test_show_lists_the_copy_group(newsweave):
    newsweave("ingest", str(EXAMPLES))
    shown = json.loads(newsweave("show", "mw-20250917-0412", "--json").stdout)
    assert shown["copies"]["original"] == "mw-20250917-0412"
    assert len(shown["copies"]["copies"]) == 2
