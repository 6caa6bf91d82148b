"""Copy groups from provenance edges: each group's original and its copies."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from newsweave.model import ProvenanceEdge, ProvenanceKind

_STRENGTH = {"exact": 2, "near": 1, "rewrite": 0}


@dataclass(frozen=True, slots=True, kw_only=True)
class Copy:
    """One copy in a group, with its relation to the group's original (or its nearest kin)."""

    id: str
    kind: ProvenanceKind
    score: float


@dataclass(frozen=True, slots=True, kw_only=True)
class CopyGroup:
    """Articles that copy one another; claims count them as one independent source."""

    original: str
    copies: tuple[Copy, ...]

    @property
    def members(self) -> tuple[str, ...]:
        """Return the original followed by the copies."""
        return (self.original, *(c.id for c in self.copies))


class DisjointSets:
    """Union-find over ids (path halving); each set's root is its smallest id."""

    def __init__(self) -> None:
        self._parent: dict[str, str] = {}

    def find(self, x: str) -> str:
        """The root of ``x``'s set (``x`` joins as a set of its own when new)."""
        parent = self._parent
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def union(self, a: str, b: str) -> None:
        """Join the sets of ``a`` and ``b``."""
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self._parent[max(ra, rb)] = min(ra, rb)

    def __iter__(self) -> Iterator[str]:
        return iter(list(self._parent))


def _components(edges: list[ProvenanceEdge]) -> list[set[str]]:
    """Return the connected components of the edges' articles (union-find)."""
    sets = DisjointSets()
    for e in edges:
        sets.union(e.child, e.parent)
    groups: dict[str, set[str]] = defaultdict(set)
    for node in sets:
        groups[sets.find(node)].add(node)
    return list(groups.values())


def _original(members: set[str], edges: list[ProvenanceEdge]) -> str:
    """Return the member that is never a child (most parent edges, then smallest id)."""
    children = {e.child for e in edges}
    as_parent: dict[str, int] = defaultdict(int)
    for e in edges:
        as_parent[e.parent] += 1
    roots = sorted(members - children) or sorted(members)
    return min(roots, key=lambda m: (-as_parent[m], m))


def _best_edge(node: str, original: str, edges: list[ProvenanceEdge]) -> ProvenanceEdge:
    """Return ``node``'s edge with the original, or else its strongest edge."""
    mine = [e for e in edges if node in (e.child, e.parent)]
    direct = [e for e in mine if original in (e.child, e.parent)]
    return max(direct or mine, key=lambda e: (_STRENGTH[e.kind], e.score))


def copy_groups(edges: Iterable[ProvenanceEdge]) -> list[CopyGroup]:
    """Group articles linked by provenance edges and name each group's original.

    Returns:
        Groups sorted by original id; copies sorted by descending score, then id.
    """
    edge_list = list(edges)
    components = _components(edge_list)
    where = {node: number for number, members in enumerate(components) for node in members}
    by_component: list[list[ProvenanceEdge]] = [[] for _ in components]
    for e in edge_list:
        by_component[where[e.child]].append(e)
    out = []
    for members, inner in zip(components, by_component, strict=True):
        original = _original(members, inner)
        copies = []
        for node in members - {original}:
            best = _best_edge(node, original, inner)
            copies.append(Copy(id=node, kind=best.kind, score=best.score))
        copies.sort(key=lambda c: (-c.score, c.id))
        out.append(CopyGroup(original=original, copies=tuple(copies)))
    return sorted(out, key=lambda g: g.original)


__all__ = ["Copy", "CopyGroup", "copy_groups"]
