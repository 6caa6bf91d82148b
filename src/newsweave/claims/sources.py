"""Independent sources: which articles of a story count as one source.

Articles of one provenance group (exact, near, rewrite or wire copies, from the dedup stage's
derivation graph) are one source, and so are the articles of one outlet. An article whose
outlet is unknown is its own source unless it is a copy.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from urllib.parse import urlsplit

from newsweave.model import Article, ProvenanceEdge, SourceGroup, stable_id

# Extras keys that name the outlet, in order of trust (set by the HTML and feed readers).
_OUTLET_EXTRAS = ("html.sitename", "feed.source", "jsonl.source", "jsonl.outlet")
# Second-level labels under which registrations sit ("bbc.co.uk", "abc.net.au").
_SECOND_LEVEL = frozenset(["co", "com", "net", "org", "gov", "ac", "edu", "ne", "or", "go"])
_HOST = re.compile(r"^(?:[a-z0-9-]+\.)+[a-z]{2,}$")


def registered_domain(host: str) -> str:
    """The registrable part of a host name: ``www.news.example.co.uk`` -> ``example.co.uk``."""
    labels = host.lower().strip(".").removeprefix("www.").split(".")
    if len(labels) >= 3 and labels[-2] in _SECOND_LEVEL and len(labels[-1]) == 2:
        return ".".join(labels[-3:])
    return ".".join(labels[-2:])


def outlet_key(name: str) -> str:
    """Normalize an outlet name or host: ``www.example.com``, ``example.com``, ``Example`` agree.

    A host keeps its registered domain's first label; a plain name is folded and stripped of
    a leading "The" and of everything but letters and digits.
    """
    text = name.strip().lower()
    if "//" in text:
        text = urlsplit(text).hostname or text
    if _HOST.match(text):
        return registered_domain(text).split(".")[0]
    return re.sub(r"[^0-9a-z]+", "", re.sub(r"^the\s+", "", text))


def outlet_of(article: Article) -> str | None:
    """The article's outlet: URL's registered domain, then feed/HTML metadata, then ``source``."""
    if article.url:
        host = urlsplit(article.url).hostname
        if host and _HOST.match(host.lower()):
            return outlet_key(host)
    for key in _OUTLET_EXTRAS:
        value = article.extras.get(key)
        if isinstance(value, str) and value.strip():
            return outlet_key(value) or None
    return (outlet_key(article.source) or None) if article.source else None


def source_groups(
    articles: Sequence[Article], edges: Iterable[ProvenanceEdge]
) -> tuple[tuple[SourceGroup, ...], Mapping[str, str]]:
    """Group a story's articles into independent sources.

    Returns:
        The groups, in order of their first article, and each article id's group id.
    """
    parent = {a.id: a.id for a in articles}

    def find(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def union(a: str, b: str) -> None:
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)

    for edge in edges:
        if edge.child in parent and edge.parent in parent:
            union(edge.child, edge.parent)
    first_of_outlet: dict[str, str] = {}
    outlets = {a.id: outlet_of(a) for a in articles}
    for article in articles:
        outlet = outlets[article.id]
        if outlet is not None:
            union(article.id, first_of_outlet.setdefault(outlet, article.id))
    return _groups(articles, find, outlets)


def _groups(
    articles: Sequence[Article], find: Callable[[str], str], outlets: Mapping[str, str | None]
) -> tuple[tuple[SourceGroup, ...], Mapping[str, str]]:
    members: dict[str, list[str]] = {}
    for article in articles:
        members.setdefault(find(article.id), []).append(article.id)
    groups: list[SourceGroup] = []
    of: dict[str, str] = {}
    for ids in members.values():
        named = sorted({o for i in ids if (o := outlets[i]) is not None})
        group = SourceGroup(
            id=stable_id("src_", *sorted(ids)),
            outlet=", ".join(named) or None,
            articles=tuple(ids),
        )
        groups.append(group)
        of.update((i, group.id) for i in ids)
    return tuple(groups), of


def copy_origins(edges: Iterable[ProvenanceEdge]) -> dict[str, str]:
    """Each copy's original: the end of its chain of provenance edges (child -> parent)."""
    parent = {e.child: e.parent for e in edges}
    out: dict[str, str] = {}
    for child in parent:
        seen, node = {child}, parent[child]
        while node in parent and parent[node] not in seen:
            seen.add(node)
            node = parent[node]
        out[child] = node
    return out
