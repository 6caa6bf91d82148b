from __future__ import annotations

from newsweave.claims.sources import copy_origins, outlet_key, outlet_of, source_groups
from newsweave.model import Article, ProvenanceEdge


def _article(aid: str, **kw: object) -> Article:
    return Article(id=aid, title="t", text="x", **kw)  # type: ignore[arg-type]


def test_outlet_names_and_hosts_normalize_to_one_key() -> None:
    keys = {outlet_key(x) for x in ("www.example.com", "example.com", "Example", "The Example")}
    assert keys == {"example"}
    assert outlet_key("news.bbc.co.uk") == "bbc"
    assert outlet_key("https://www.example.com/a/b") == "example"


def test_outlet_comes_from_url_then_extras_then_source() -> None:
    assert outlet_of(_article("a", url="https://www.harbor.example/x", source="Other")) == "harbor"
    assert outlet_of(_article("b", extras={"feed.source": "Valley Courier"})) == "valleycourier"
    assert outlet_of(_article("c", source="Valley Courier")) == "valleycourier"
    assert outlet_of(_article("d")) is None


def test_copies_and_one_outlet_are_one_source_unknown_outlets_apart() -> None:
    arts = [
        _article("orig"),
        _article("copy", source="Far Away Times"),
        _article("other"),
        _article("o1", source="Valley Courier"),
        _article("o2", url="https://valleycourier.com/story"),
    ]
    edges = [ProvenanceEdge(child="copy", parent="orig", kind="exact", score=1.0)]
    groups, group_of = source_groups(arts, edges)
    assert len(groups) == 3
    assert group_of["orig"] == group_of["copy"]
    assert group_of["o1"] == group_of["o2"]
    assert group_of["other"] not in {group_of["orig"], group_of["o1"]}


def test_copy_origins_follow_chains_and_survive_cycles() -> None:
    edges = [
        ProvenanceEdge(child="c", parent="b", kind="near", score=0.9),
        ProvenanceEdge(child="b", parent="a", kind="exact", score=1.0),
    ]
    assert copy_origins(edges) == {"c": "a", "b": "a"}
    loop = [
        ProvenanceEdge(child="x", parent="y", kind="near", score=0.9),
        ProvenanceEdge(child="y", parent="x", kind="near", score=0.9),
    ]
    assert set(copy_origins(loop)) == {"x", "y"}
