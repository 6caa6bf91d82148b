"""The comparison of one story: facts labelled by how many independent sources state them.

A fact is ``corroborated`` when at least two independent sources state it, ``single_source``
when one does (however many copies of it exist), and ``conflicting`` when its aligned claims
from different sources disagree on a number, date, place, person or polarity.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence

from newsweave.backends.embed.base import FloatMatrix
from newsweave.claims.conflicts import conflict_field
from newsweave.claims.facts import Alignment, align
from newsweave.claims.scorer import PairScorer
from newsweave.claims.units import ClaimUnit
from newsweave.model import (
    ClaimRef,
    Comparison,
    Conflict,
    ConflictValue,
    Fact,
    FactStatus,
    SourceGroup,
    SourceView,
    stable_id,
)


def compare_units(
    story_id: str,
    units: Sequence[ClaimUnit],
    vecs: FloatMatrix,
    sources: tuple[tuple[SourceGroup, ...], Mapping[str, str]],
    scorer: PairScorer,
    copy_of: Mapping[str, str] | None = None,
) -> Comparison:
    """Align a story's claim units and label each fact.

    Copies (``copy_of``: article id -> the original it derives from) take no part in the
    alignment: each copy's claim joins the fact of the original's claim it repeats, so a copy
    can neither add support nor change which claims are aligned.
    """
    groups, group_of = sources
    copies = copy_of or {}
    own = [i for i, u in enumerate(units) if u.article_id not in copies]
    inner = align([units[i] for i in own], vecs[own] if vecs.size else vecs, scorer)
    alignment = Alignment(
        pairs=tuple((own[i], own[j], p) for i, j, p in inner.pairs),
        groups=_with_copies(units, [tuple(own[m] for m in g) for g in inner.groups], copies),
        disagreements=tuple((own[i], own[j]) for i, j in inner.disagreements),
    )
    fact_of = {m: n for n, members in enumerate(alignment.groups) for m in members}
    links: list[list[tuple[int, int]]] = [[] for _ in alignment.groups]
    strong: list[list[tuple[int, int]]] = [[] for _ in alignment.groups]
    for i, j, p in alignment.pairs:
        links[fact_of[i]].append((i, j))
        if p >= scorer.threshold:  # the scorer's own call, not shared keys alone
            strong[fact_of[i]].append((i, j))
    for i, j in alignment.disagreements:
        strong[fact_of[i]].append((i, j))
    facts = [
        _fact(story_id, members, units, group_of, links[n], strong[n])
        for n, members in enumerate(alignment.groups)
    ]
    facts.sort(key=lambda f: -f.independent_sources)  # stable: first appearance breaks ties
    return Comparison(
        story=story_id, sources=groups, facts=tuple(facts), views=_views(groups, facts)
    )


def _with_copies(
    units: Sequence[ClaimUnit], groups: list[tuple[int, ...]], copies: Mapping[str, str]
) -> tuple[tuple[int, ...], ...]:
    """Add each copy's claims to the fact of the original claim they repeat (or their own)."""
    fact_of = {m: n for n, g in enumerate(groups) for m in g}
    by_article: dict[str, list[int]] = {}
    for m in fact_of:
        by_article.setdefault(units[m].article_id, []).append(m)
    members = [list(g) for g in groups]
    for i, unit in enumerate(units):
        if unit.article_id not in copies:
            continue
        match = _repeated(unit, [units[m] for m in by_article.get(copies[unit.article_id], [])])
        if match is None:
            members.append([i])
        else:
            members[fact_of[by_article[copies[unit.article_id]][match]]].append(i)
    return tuple(tuple(sorted(g)) for g in members)


def _repeated(unit: ClaimUnit, originals: Sequence[ClaimUnit]) -> int | None:
    """Index of the original claim a copied claim repeats: same text, else most shared keys."""
    for n, other in enumerate(originals):
        if other.text == unit.text:
            return n
    keys = set(unit.keys)
    best, score = None, 0.5  # at least half the keys of both in common
    for n, other in enumerate(originals):
        union = keys | set(other.keys)
        overlap = len(keys & set(other.keys)) / len(union) if union else 0.0
        if overlap >= score:
            best, score = n, overlap
    return best


def _fact(
    story_id: str,
    members: tuple[int, ...],
    units: Sequence[ClaimUnit],
    group_of: Mapping[str, str],
    links: Sequence[tuple[int, int]],
    strong: Sequence[tuple[int, int]],
) -> Fact:
    """One fact; only ``strong`` links (the scorer says paraphrase) can make a conflict.

    Claims aligned on shared keys alone may state different things about one subject
    ("15 percent fewer parcels" / "60 percent of its normal volume"): a value they differ on
    is no disagreement.
    """
    degree: Counter[int] = Counter()
    for i, j in links:
        degree[i] += 1
        degree[j] += 1
    head = max(members, key=lambda m: (degree[m], -m))
    sources = tuple(dict.fromkeys(group_of[units[m].article_id] for m in members))
    claims = tuple(
        ClaimRef(
            article=units[m].article_id,
            sentence=units[m].sentence,
            text=units[m].text,
            hedged=units[m].hedged,
            attribution=units[m].attribution,
        )
        for m in members
    )
    conflict = _conflict(strong, units, group_of)
    status: FactStatus = "single_source"
    if conflict is not None:
        status = "conflicting"
    elif len(sources) >= 2:
        status = "corroborated"
    keys = sorted(f"{units[m].article_id}:{units[m].start}" for m in members)
    return Fact(
        id=stable_id("fact_", story_id, *keys),
        text=units[head].text,
        status=status,
        sources=sources,
        claims=claims,
        conflict=conflict,
    )


def _conflict(
    links: Sequence[tuple[int, int]], units: Sequence[ClaimUnit], group_of: Mapping[str, str]
) -> Conflict | None:
    """The disagreement between aligned claims of different sources, each value with its sources.

    The field is the first one found between two linked claims; every other linked pair that
    disagrees on the same field adds its sources to the values they state.
    """
    field: str | None = None
    values: dict[str, list[str]] = {}
    for i, j in links:
        gi, gj = group_of[units[i].article_id], group_of[units[j].article_id]
        if gi == gj:
            continue  # a source and its copies: a copy that changed a value is still one source
        found = conflict_field(units[i], units[j])
        if found is None or (field is not None and found[0] != field):
            continue
        field = found[0]
        for value, group in ((found[1], gi), (found[2], gj)):
            if group not in values.setdefault(value, []):
                values[value].append(group)
    if field is None:
        return None
    return Conflict(
        field=field,
        values=tuple(ConflictValue(value=v, sources=tuple(g)) for v, g in values.items()),
    )


def fact_notes(fact: Fact) -> list[str]:
    """How a fact is stated: who it is attributed to, and how many sources hedge it."""
    notes = []
    said = sorted({who for c in fact.claims if (who := speaker(c.attribution))})
    if said:
        notes.append("reported by " + ", ".join(said))
    hedged = sum(1 for c in fact.claims if c.hedged)
    if hedged:
        notes.append(f"hedged in {hedged} of {len(fact.claims)} claims")
    return notes


#: Attributions that name nobody on their own ("he said"): not worth a note.
_PRONOUNS = frozenset(["he", "she", "they", "it", "we", "i", "you", "who", "this", "that"])


def speaker(attribution: str | None) -> str | None:
    """Who a claim is attributed to, shortly: the name before any apposition or clause.

    ``"Teodor Vance, chief engineer of the Authority,"`` gives ``"Teodor Vance"``; a bare
    pronoun gives None.
    """
    if not attribution:
        return None
    head = attribution.split(", ")[0].strip(" ,;:—-")
    return None if head.casefold() in _PRONOUNS or not head else head


def _views(groups: Sequence[SourceGroup], facts: Sequence[Fact]) -> tuple[SourceView, ...]:
    """Per source: facts only it states, and facts most other sources state but it does not."""
    out = []
    for group in groups:
        others = len(groups) - 1
        adds = tuple(f.id for f in facts if f.sources == (group.id,))
        omits = tuple(
            f.id
            for f in facts
            if group.id not in f.sources and others >= 2 and len(f.sources) * 2 > others
        )
        out.append(SourceView(source=group.id, adds=adds, omits=omits))
    return tuple(out)


def facts_by_article(comparison: Comparison) -> dict[str, dict[str, int]]:
    """Per article, how many facts of each status it supports."""
    out: dict[str, dict[str, int]] = {}
    for fact in comparison.facts:
        for article in dict.fromkeys(c.article for c in fact.claims):
            counts = out.setdefault(article, {})
            counts[fact.status] = counts.get(fact.status, 0) + 1
    return out
