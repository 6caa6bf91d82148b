"""The adversarial order of the clustering gates alternates the events of each group."""

from __future__ import annotations

from bench.quality.stream_orders import alternating, score


def _rows(spec: str) -> list[dict[str, str]]:
    # "t1:a t1:b ..." -> records with a topic and an event, ids in file order
    out = []
    for i, item in enumerate(spec.split()):
        topic, event = item.split(":")
        out.append({"id": f"r{i}", "topic": topic, "cluster": f"{topic}{event}"})
    return out


def test_events_of_a_topic_strictly_alternate_and_the_longer_finishes():
    rows = _rows("t1:a t1:a t1:a t1:b t2:x t1:b t2:y t2:x")
    order = [r["cluster"] for r in alternating(rows, group="topic")]
    assert order == ["t1a", "t1b", "t1a", "t1b", "t1a", "t2x", "t2y", "t2x"]
    assert sorted(r["id"] for r in alternating(rows, group="topic")) == sorted(
        r["id"] for r in rows
    )


def test_each_event_keeps_its_file_order():
    rows = _rows("t:a t:b t:a t:b t:a")
    ids = [r["id"] for r in alternating(rows, group="topic") if r["cluster"] == "ta"]
    assert ids == ["r0", "r2", "r4"]


def test_unassigned_articles_score_as_singletons():
    gold = {"a": "1", "b": "1", "c": "2"}
    scores = score([("a", "s1"), ("b", "s1"), ("c", None)], gold)
    assert scores["b3_f1"] == 1.0
