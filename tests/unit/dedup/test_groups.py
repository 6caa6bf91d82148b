from __future__ import annotations

from newsweave.dedup.groups import copy_groups
from newsweave.model import ProvenanceEdge


def test_groups_name_the_original_and_rank_copies():
    edges = [
        ProvenanceEdge(child="b", parent="a", kind="exact", score=1.0),
        ProvenanceEdge(child="c", parent="a", kind="rewrite", score=0.8),
        ProvenanceEdge(child="d", parent="b", kind="near", score=0.9),
        ProvenanceEdge(child="y", parent="x", kind="near", score=0.95),
    ]
    groups = copy_groups(edges)
    assert [g.original for g in groups] == ["a", "x"]
    assert [(c.id, c.kind) for c in groups[0].copies] == [
        ("b", "exact"),
        ("d", "near"),
        ("c", "rewrite"),
    ]
    assert groups[0].members == ("a", "b", "d", "c")
    assert copy_groups([]) == []
