"""Mutable working state of one :func:`newsweave.entities.resolve.resolve` call.

Private: built from an entity table, changed while one batch of mentions is resolved, then frozen
back into records. Nothing here outlives the call.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, TypeVar

from newsweave.entities.demonyms import place_keys
from newsweave.entities.normalize import (
    acronym_variants,
    display_name,
    looks_like_acronym,
    name_key,
)
from newsweave.model import Entity, Role, stable_id

if TYPE_CHECKING:
    from newsweave.entities.resolve import EntityRecord, MentionInput

#: Tie-break between labels seen equally often: the more specific first.
_LABEL_ORDER = ("PERSON", "GPE", "ORG", "LOC", "FAC", "NORP", "EVENT", "PRODUCT", "WORK_OF_ART")
_PLACE_LABELS = frozenset({"GPE", "LOC"})
K = TypeVar("K")


@dataclass(slots=True)
class Builder:
    """One entity being built."""

    id: str
    group: str
    scope: str | None = None
    aliases: Counter[str] = field(default_factory=Counter)
    labels: Counter[str] = field(default_factory=Counter)
    stories: Counter[str] = field(default_factory=Counter)
    roles: dict[tuple[str, str], Role] = field(default_factory=dict)

    def full_tokens(self) -> list[tuple[str, ...]]:
        """Key words of the aliases that are full names (two words or more)."""
        keys = {tuple(name_key(a).split()) for a in self.aliases}
        return [k for k in keys if len(k) >= 2]


def _group(label: str) -> str:
    return "person" if label == "PERSON" else "name"


def _kind(m: MentionInput, key: str, *, link_demonyms: bool) -> str:
    if m.span.label == "PERSON" and len(key.split()) == 1:
        return "partial"
    return "demonym" if link_demonyms and m.span.label == "NORP" else "full"


def _display(m: MentionInput) -> tuple[str, str]:
    person = m.span.label == "PERSON"
    shown = display_name(m.span.text, titles=person) or m.span.text.strip()
    return shown, name_key(shown, titles=person) or shown.casefold()


@dataclass(frozen=True, slots=True)
class Index:
    """Lookup tables of an entity table; values are never changed in place (copy on write)."""

    keys: Mapping[str, frozenset[str]]
    variants: Mapping[str, frozenset[str]]
    scope_people: Mapping[str, frozenset[str]]
    partials: Mapping[tuple[str, str], str]


def _builder(rec: EntityRecord) -> Builder:
    b = Builder(id=rec.entity.id, group=rec.group, scope=rec.scope)
    b.aliases.update(rec.alias_counts)
    b.labels.update(rec.label_counts)
    b.stories.update(rec.story_counts)
    b.roles = {(r.text.casefold(), r.article_id): r for r in rec.entity.roles}
    return b


class _Builders(dict[str, Builder]):
    """Builders made on first use from the records, so untouched entities cost nothing."""

    def __init__(self, records: Mapping[str, EntityRecord]) -> None:
        super().__init__()
        self.records = records
        self.removed: set[str] = set()

    def __missing__(self, eid: str) -> Builder:
        if eid in self.removed or eid not in self.records:
            raise KeyError(eid)
        b = self[eid] = _builder(self.records[eid])
        return b


def _with(index: dict[K, frozenset[str]], key: K, value: str) -> None:
    index[key] = index.get(key, frozenset()) | {value}


class Work:
    """Builders plus the indexes that find them by key, acronym and story."""

    def __init__(self, records: Mapping[str, EntityRecord], index: Index) -> None:
        """Start from a table's records and index (both left unchanged)."""
        self.builders = _Builders(records)
        self.keys = dict(index.keys)
        self.variants = dict(index.variants)
        self.scope_people = dict(index.scope_people)
        self.partials = dict(index.partials)

    @classmethod
    def from_records(cls, records: Mapping[str, EntityRecord], index: Index | None) -> Work:
        """Load an entity table, building its index when it has none."""
        if index is not None:
            return cls(records, index)
        work = cls(records, Index(keys={}, variants={}, scope_people={}, partials={}))
        for rid in sorted(records):
            b = work.builders[rid]
            for alias in b.aliases:
                work._index(b, alias)
            for scope in b.stories:
                work._add_scope(b, scope)
        return work

    def index(self) -> Index:
        """The current lookup tables."""
        return Index(
            keys=self.keys,
            variants=self.variants,
            scope_people=self.scope_people,
            partials=self.partials,
        )

    # -- indexes ---------------------------------------------------------------------------

    def _index(self, b: Builder, alias: str) -> None:
        key = name_key(alias, titles=b.group == "person") or alias.casefold()
        if b.scope is not None:
            self.partials[(b.scope, key)] = b.id
            return
        _with(self.keys, f"{b.group}|{key}", b.id)
        if b.group == "name":
            for variant in acronym_variants(alias):
                _with(self.variants, variant, b.id)

    def _add_scope(self, b: Builder, scope: str) -> None:
        if b.group == "person" and b.scope is None and b.id not in self.scope_people.get(scope, ()):
            _with(self.scope_people, scope, b.id)

    def _best(self, ids: Iterable[str]) -> str | None:
        ranked = sorted(ids, key=lambda i: (-sum(self.builders[i].aliases.values()), i))
        return ranked[0] if ranked else None

    # -- assignment ------------------------------------------------------------------------

    def _create(self, group: str, key: str, scope: str | None) -> Builder:
        parts = (group, key) if scope is None else (group, key, scope)
        b = Builder(id=stable_id("ent_", *parts), group=group, scope=scope)
        self.builders[b.id] = b
        return b

    def _add(self, eid: str, shown: str, m: MentionInput, *, full: bool) -> None:
        b = self.builders[eid]
        if shown not in b.aliases:
            self._index(b, shown)
        b.aliases[shown] += 1
        b.labels[m.span.label] += 1
        if full:
            b.stories[m.scope] += 1
            self._add_scope(b, m.scope)

    def _lookup_full(self, m: MentionInput, shown: str, key: str) -> str | None:
        group = _group(m.span.label)
        found = self._best(self.keys.get(f"{group}|{key}", ()))
        if found is not None or group == "person":
            return found if found is not None else self._loose_person(m.scope, key)
        ids = set(self.variants.get(key, ()))
        for variant in acronym_variants(shown):
            ids |= self.keys.get(f"name|{variant}", frozenset())
        return self._best(ids)

    def _loose_person(self, scope: str, key: str) -> str | None:
        """Match "Warren Steed Jeffs" to "Warren Jeffs" (same first and last word) in a story."""
        words = key.split()
        ids = set()
        for eid in self.scope_people.get(scope, ()):
            for toks in self.builders[eid].full_tokens():
                same_ends = toks[0] == words[0] and toks[-1] == words[-1]
                if same_ends and max(len(toks), len(words)) >= 3:
                    ids.add(eid)
        return self._best(ids)

    def _lookup_place(self, shown: str) -> str | None:
        for place in place_keys(shown):
            ids = [
                i
                for i in self.keys.get(f"name|{place}", ())
                if self.builders[i].labels.most_common(1)[0][0] in _PLACE_LABELS
            ]
            if ids:
                return self._best(ids)
        return None

    def candidates(self, scope: str, token: str) -> list[tuple[int, str]]:
        """Full person names in ``scope`` whose first or last word is ``token``, by salience."""
        out = []
        for eid in self.scope_people.get(scope, ()):
            b = self.builders[eid]
            if any(token in (toks[0], toks[-1]) for toks in b.full_tokens()):
                out.append((b.stories[scope], eid))
        return sorted(out, key=lambda c: (-c[0], c[1]))

    def choose(self, scope: str, token: str, ratio: float) -> str | None:
        """The dominant candidate for a partial name, or ``None`` when ambiguous or unknown."""
        cands = self.candidates(scope, token)
        if not cands:
            return None
        if len(cands) == 1 or cands[0][0] >= ratio * cands[1][0]:
            return cands[0][1]
        return None

    def assign_all(
        self, mentions: Sequence[MentionInput], ratio: float, *, link_demonyms: bool
    ) -> list[str]:
        """Give every mention an entity id; full names first, then demonyms, then partials."""
        shown = [_display(m) for m in mentions]
        kinds = [_kind(m, key, link_demonyms=link_demonyms) for m, (_, key) in zip(
            mentions, shown, strict=True)]  # fmt: skip
        out = [""] * len(mentions)
        for kind in ("full", "demonym", "partial"):
            for i, m in enumerate(mentions):
                if kinds[i] == kind:
                    out[i] = self._assign(kind, m, *shown[i], ratio)
        return out

    def _assign(self, kind: str, m: MentionInput, shown: str, key: str, ratio: float) -> str:
        if kind == "partial":
            return self._assign_partial(m, shown, key, ratio)
        found = self._lookup_place(shown) if kind == "demonym" else None
        eid = found or self._lookup_full(m, shown, key)
        if eid is None:
            eid = self._create(_group(m.span.label), key, None).id
        self._add(eid, shown, m, full=True)
        return eid

    def _assign_partial(self, m: MentionInput, shown: str, key: str, ratio: float) -> str:
        eid = self.choose(m.scope, key, ratio)
        if eid is None:
            eid = self.partials.get((m.scope, key)) or self._create("person", key, m.scope).id
        self._add(eid, shown, m, full=False)
        return eid

    def merge_resolvable_partials(self, scopes: set[str], ratio: float) -> dict[str, str]:
        """Fold story-scoped partial names that now have a dominant full name into it."""
        redirects: dict[str, str] = {}
        for (scope, key), pid in sorted(self.partials.items()):
            if scope not in scopes:
                continue
            target = self.choose(scope, key, ratio)
            if target is None:
                continue
            src, dst = self.builders[pid], self.builders[target]
            del self.builders[pid]
            self.builders.removed.add(pid)
            dst.aliases.update(src.aliases)
            dst.labels.update(src.labels)
            dst.roles.update(src.roles)
            del self.partials[(scope, key)]
            redirects[pid] = target
        return redirects

    def add_role(self, eid: str, text: str, article_id: str) -> None:
        """Attach a role stated by one article (duplicates ignoring case are dropped)."""
        b = self.builders.get(eid)
        if b is not None:
            b.roles.setdefault(
                (text.casefold(), article_id), Role(text=text, article_id=article_id)
            )

    def freeze(self) -> tuple[dict[str, dict[str, Any]], set[str]]:
        """Return ``EntityRecord`` arguments of the changed entities, and the removed ids."""
        return {eid: _freeze(b) for eid, b in self.builders.items()}, set(self.builders.removed)


def _freeze(b: Builder) -> dict[str, Any]:
    def rank(alias: str) -> tuple[int, int, int, str]:
        full = not looks_like_acronym(alias) and (b.group != "person" or len(alias.split()) > 1)
        return (-int(full), -b.aliases[alias], -len(alias.split()), alias)

    names = sorted(b.aliases, key=rank)
    order = {lab: i for i, lab in enumerate(_LABEL_ORDER)}
    label = min(b.labels, key=lambda lab: (-b.labels[lab], order.get(lab, 99), lab))
    entity = Entity(
        id=b.id,
        name=names[0],
        label=label,
        aliases=tuple(names[1:]),
        roles=tuple(b.roles.values()),
    )
    return {
        "entity": entity,
        "group": b.group,
        "alias_counts": dict(b.aliases),
        "label_counts": dict(b.labels),
        "story_counts": dict(b.stories),
        "scope": b.scope,
    }
