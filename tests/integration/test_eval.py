"""``newsweave eval dedup`` and ``eval entities`` end to end on small fictional corpora."""

from __future__ import annotations

import csv
import gzip
import json
from pathlib import Path

from tests.shared_data import EXAMPLES

GOLD = json.loads((EXAMPLES.parent / "gold.json").read_text(encoding="utf-8"))


def _examples_as_labelled_jsonl(newsweave, path: Path) -> int:
    """Extract the example corpus and label each article with its gold story."""
    assert newsweave("ingest", str(EXAMPLES)).returncode == 0
    articles = json.loads(newsweave("articles", "--json").stdout)
    story_of = {row.get("title"): row["story"] for row in GOLD["articles"].values()}
    with path.open("w", encoding="utf-8") as out:
        for a in articles:
            story = story_of.get(a["title"], a["id"])
            record = {"id": a["id"], "text": a["text"], "topic": "t1", "cluster": story}
            out.write(json.dumps({**record, "split": "test"}) + "\n")
    return len(articles)


def test_eval_dedup_finds_the_generated_copies(newsweave, tmp_path):
    corpus = tmp_path / "labelled.jsonl"
    n = _examples_as_labelled_jsonl(newsweave, corpus)
    result = newsweave("eval", "dedup", str(corpus), "--json")
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    metrics = report["metrics"]
    recall = report["variants"]["recall"]
    assert set(recall) == {"verbatim", "boilerplate", "truncated", "light", "rewrite"}
    eligible = recall["verbatim"]["gold"]
    assert 0 < eligible <= n
    assert all(row["gold"] == eligible for row in recall.values())
    assert metrics["recall.verbatim"] == 1.0
    assert metrics["recall.boilerplate"] == 1.0
    assert metrics["precision.exact"] == 1.0
    # the corpus' own verbatim wire copies (same story) are found as real copies
    assert report["originals"]["wire_pairs"] >= 1
    assert metrics["wire.recall"] == 1.0


def test_eval_dedup_names_a_missing_file(newsweave, tmp_path):
    result = newsweave("eval", "dedup", str(tmp_path / "nope.jsonl"))
    assert result.returncode == 2
    assert "nope.jsonl" in result.stderr


_DOCS = {
    "1_1ecb": [
        "Mayor Teodor Vance opened the new flood barrier in Rotterdam on Monday.",
        "Vance told reporters the barrier had cost forty million euros.",
    ],
    "1_2ecb": [
        "Teodor Vance, the mayor of Rotterdam, opened the flood barrier on Monday.",
        "Vance said the work was finished on time.",
    ],
}
_MENTIONS = [  # doc, sentence, text, tag, chain
    ("1_1ecb", 0, "Teodor Vance", "HUMAN_PART_PER", "VANCE"),
    ("1_1ecb", 1, "Vance", "HUMAN_PART_PER", "VANCE"),
    ("1_2ecb", 0, "Teodor Vance", "HUMAN_PART_PER", "VANCE"),
    ("1_2ecb", 1, "Vance", "HUMAN_PART_PER", "VANCE"),
]


def _ecb_folder(root: Path) -> Path:
    root.mkdir()
    with (root / "ecbplus.jsonl").open("w", encoding="utf-8") as out:
        for doc_id, lines in _DOCS.items():
            record = {"id": doc_id, "text": "\n".join(lines), "split": "test"}
            record |= {"collection": "ecb", "topic": "1", "subtopic": "1ecb", "cluster": "c1"}
            out.write(json.dumps(record) + "\n")
    with gzip.open(root / "ecbplus_mentions.jsonl.gz", "wt", encoding="utf-8") as out:
        for doc_id, sentence, text, tag, chain in _MENTIONS:
            row = {"type": "entity", "doc_id": doc_id, "sentence": sentence, "text": text}
            out.write(json.dumps(row | {"tag": tag, "chain": chain}) + "\n")
    with (root / "ECBplus_coreference_sentences.csv").open("w", encoding="utf-8") as out:
        writer = csv.writer(out)
        writer.writerow(["Topic", "File", "Sentence Number"])
        for doc_id, lines in _DOCS.items():
            topic, file = doc_id.split("_")
            writer.writerows([topic, file, k] for k in range(len(lines)))
    return root


def test_eval_entities_resolves_surnames_inside_the_story(newsweave, tmp_path):
    result = newsweave("eval", "entities", str(_ecb_folder(tmp_path / "ecb")), "--json")
    assert result.returncode == 0, result.stderr
    core = json.loads(result.stdout)["scores"]["core"]
    ours = core["newsweave (story=subtopic)"]
    baseline = core["baseline: same string"]
    assert ours["matched"] == baseline["matched"] >= 4
    # "Vance" joins "Teodor Vance" inside the story; the string baseline keeps it apart
    assert ours["muc"]["r"] > baseline["muc"]["r"]
    assert ours["conll_f1"] > baseline["conll_f1"]
