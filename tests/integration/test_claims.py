"""Issue 14 end to end: ``newsweave compare`` on the seeds, copies, caching and bad input."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsweave.claims.service import ClaimsService
from newsweave.engine import Engine
from newsweave.errors import NotFoundError

pytestmark = [pytest.mark.issue(14)]

REQUIRED = {
    "train": "corroborated",
    "2019": "corroborated",
    "arms deal": "corroborated",
    "humanitarian aid": "corroborated",
    "seven trips": "single_source",
    "Jo Chun Ryong": "single_source",
}


def _status(facts: list[dict], words: str) -> str:
    found = [f for f in facts if any(words in c["text"] for c in f["claims"])]
    assert found, f"no fact mentions {words!r}"
    return max(found, key=lambda f: f["independent_sources"])["status"]


def _story(newsweave) -> str:
    stories = json.loads(newsweave("stories", "--json").stdout)
    assert len(stories) == 1
    return str(stories[0]["id"])


def test_seed_facts_have_the_required_status(newsweave, seeds_dir: Path) -> None:
    assert newsweave("ingest", str(seeds_dir)).returncode == 0
    story = _story(newsweave)
    result = newsweave("compare", story, "--json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["story"] == story
    assert len(data["sources"]) == 2
    for words, status in REQUIRED.items():
        assert _status(data["facts"], words) == status, words
    for fact in data["facts"]:
        assert fact["independent_sources"] == len(fact["sources"])
        assert fact["status"] in {"corroborated", "single_source", "conflicting"}
    markdown = newsweave("compare", story)
    assert markdown.returncode == 0
    assert "| status | sources | fact | notes |" in markdown.stdout
    assert "corroborated" in markdown.stdout


def test_a_verbatim_copy_from_a_third_outlet_counts_once(
    newsweave, seeds_dir: Path, tmp_path: Path
) -> None:
    newsweave("ingest", str(seeds_dir))
    story = _story(newsweave)
    before = json.loads(newsweave("compare", story, "--json").stdout)
    seed = sorted(seeds_dir.glob("*.txt"))[1].read_text(encoding="utf-8")
    row = {"id": "copy-1", "title": "Copy", "text": seed, "source": "Third Outlet"}
    (tmp_path / "copy.jsonl").write_text(json.dumps(row) + "\n", encoding="utf-8")
    assert newsweave("ingest", str(tmp_path / "copy.jsonl")).returncode == 0
    after = json.loads(newsweave("compare", story, "--json").stdout)
    assert len(after["sources"]) == 2
    assert any("copy-1" in s["articles"] for s in after["sources"])
    counts = sorted(f["independent_sources"] for f in before["facts"])
    assert sorted(f["independent_sources"] for f in after["facts"]) == counts
    assert _status(after["facts"], "seven trips") == "single_source"
    assert _status(after["facts"], "Jo Chun Ryong") == "single_source"


def test_unknown_story_is_a_clear_error(newsweave) -> None:
    result = newsweave("compare", "st_nope")
    assert result.returncode == 1
    assert "NW5" in result.stderr


def test_facts_are_stored_and_recomputed_only_when_the_story_changes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    text = (
        "Harbour wall breached\n\nThe harbour wall at Orlen Bay was breached in a storm on Monday."
    )
    (tmp_path / "a.txt").write_text(text, encoding="utf-8")
    with Engine.open(tmp_path / "t.db") as engine:
        engine.ingest([str(tmp_path / "a.txt")])
        (story,) = engine.stories()
        first = engine.compare(story.id)
        assert engine.storage.get_story_doc(story.id, "facts") is not None
        calls: list[str] = []
        original = ClaimsService._compare

        def counting(self, story_id, *args):  # type: ignore[no-untyped-def]
            calls.append(story_id)
            return original(self, story_id, *args)

        monkeypatch.setattr(ClaimsService, "_compare", counting)
        assert engine.compare(story.id) == first
        assert calls == []
        with pytest.raises(NotFoundError):
            engine.compare("st_missing")


def test_eval_conflicts_scores_the_shipped_test_set(newsweave) -> None:
    cases = Path(__file__).resolve().parents[2] / "bench" / "quality" / "data"
    result = newsweave("eval", "conflicts", str(cases / "conflicts_test.jsonl"), "--json")
    assert result.returncode == 0, result.stderr
    metrics = json.loads(result.stdout)
    assert metrics["stories"] == 31
    for field in ("number", "date", "place", "person", "polarity"):
        assert metrics[f"{field}.precision"] >= 0.9
        assert metrics[f"{field}.recall"] >= 0.8
    assert metrics["paraphrases_flagged"] == 0


def test_eval_conflicts_names_a_malformed_line(newsweave, tmp_path: Path) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": "x", "kind": "number", "articles": []}\n{oops\n', encoding="utf-8")
    result = newsweave("eval", "conflicts", str(bad))
    assert result.returncode == 1
    assert "bad.jsonl:2" in result.stderr


def test_the_examples_planted_disagreements_are_conflicts(newsweave) -> None:
    corpus = Path(__file__).resolve().parents[2] / "examples" / "corpus"
    gold = json.loads((corpus.parent / "gold.json").read_text(encoding="utf-8"))
    assert newsweave("ingest", str(corpus)).returncode == 0
    stories = json.loads(newsweave("stories", "--json").stdout)
    crane = next(s for s in stories if "crane" in s["headline"].lower())
    data = json.loads(newsweave("compare", crane["id"], "--json").stdout)
    values = [
        {v["value"] for v in f["conflict"]["values"]}
        for f in data["facts"]
        if f["status"] == "conflicting"
    ]
    planted = {d["quantity"] for d in gold["disagreements"]}
    assert planted == {"workers injured", "value of crane STS-4 (USD)"}
    assert {"$14 million", "$12.5 million"} in values
    assert any(len({v.split()[0] for v in vs} & {"4", "5", "6"}) >= 2 for vs in values)
