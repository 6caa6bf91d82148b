"""Cross-document entity resolution: mentions -> canonical entities with aliases and roles.

Design:

* **Full names** (every non-person mention, and person mentions of two or more words) meet by
  key (:func:`~newsweave.entities.normalize.name_key`: case, quotes, possessives, hyphens,
  titles and a leading "the" folded away) across all documents, and by acronym
  ("U.S." = "United States", "UN Security Council" = "United Nations Security Council": a
  mention's key is looked up among the acronym variants of known names and the reverse).
* **Surname-only or first-name-only person mentions** ("Kim", "Putin") are resolved only inside
  their story, against the full person names seen in that story whose first or last word is the
  mention. Salience is the number of full-name mentions in the story. The best candidate wins
  only if it is at least :attr:`ResolveConfig.salience_ratio` times as salient as the runner-up;
  otherwise the mention is ambiguous and becomes a story-scoped entity of its own (never merged
  into either). In the seeds "Kim Jong Un" has 6 full mentions and "Kim Myong Sik" 1, so "Kim"
  goes to Kim Jong Un.
* **Demonyms** (NORP, "North Korean") join the place entity they name when one is known.
* **Incremental**: :func:`resolve` takes the existing :class:`EntityTable` and the new mentions
  and returns a new table (the input is not changed). A story-scoped "Kim" made earlier is merged
  into a full name that arrives later in the same story; such merges are listed in
  :attr:`Resolution.redirects` so stored mentions can be repointed.
* **Ids** are :func:`~newsweave.model.stable_id` of the label group and the key of the name that
  created the entity (plus the story for story-scoped entities), so the same input in the same
  order gives the same ids, and an id never changes once given.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from newsweave.entities import _work
from newsweave.entities.ner import NamedSpan
from newsweave.entities.roles import RoleSpan
from newsweave.model import JSON, Entity, Mention, Role

#: Labels that name something worth resolving; values (DATE, MONEY, ...) stay as NER output.
RESOLVABLE_LABELS: frozenset[str] = frozenset(
    {
        "PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT", "PRODUCT", "WORK_OF_ART", "LAW",
        "LANGUAGE",
    }
)  # fmt: skip


@dataclass(frozen=True, slots=True, kw_only=True)
class ResolveConfig:
    """Settings of entity resolution.

    Attributes:
        salience_ratio: how many times more full-name mentions in the story the best candidate
            of a partial name needs than the runner-up. ``bench/quality/entities.py --tune`` on
            ECB+ train+dev: CoNLL F1 0.846 for every ratio from 1.25 to 3, 0.840 at 5, 0.828
            when partial names are never resolved; 2 sits in the middle of that plateau.
        link_demonyms: join "North Korean" to the entity "North Korea" when it is known.
        labels: NER labels that are resolved into entities.
    """

    salience_ratio: float = 2.0
    link_demonyms: bool = True
    labels: frozenset[str] = RESOLVABLE_LABELS


@dataclass(frozen=True, slots=True, kw_only=True)
class MentionInput:
    """A NER span to resolve, with the article and story it belongs to."""

    article_id: str
    story_id: str | None
    span: NamedSpan

    @property
    def scope(self) -> str:
        """The story id, or the article when the article has no story yet."""
        return f"story:{self.story_id}" if self.story_id else f"article:{self.article_id}"


@dataclass(frozen=True, slots=True, kw_only=True)
class RoleInput:
    """A role found by :func:`~newsweave.entities.roles.find_roles` in one article."""

    article_id: str
    role: RoleSpan


@dataclass(frozen=True, slots=True, kw_only=True)
class EntityRecord:
    """An entity plus the counts that resolution needs to take new mentions.

    Attributes:
        entity: the public entity (id, name, label, aliases, roles).
        group: ``"person"`` or ``"name"``: entities only merge within a group.
        alias_counts: display alias -> number of mentions.
        label_counts: NER label -> number of mentions.
        story_counts: scope -> number of full-name mentions (the salience of the entity there).
        scope: for a story-scoped partial name ("Kim" where it was ambiguous), its scope.
    """

    entity: Entity
    group: str
    alias_counts: Mapping[str, int] = field(default_factory=dict)
    label_counts: Mapping[str, int] = field(default_factory=dict)
    story_counts: Mapping[str, int] = field(default_factory=dict)
    scope: str | None = None


@dataclass(frozen=True, slots=True)
class EntityTable:
    """All canonical entities known so far, by id.

    ``index`` caches the lookup tables so that resolving one more article does not rebuild
    them; a table made by hand leaves it ``None`` and the index is built on first use.
    """

    records: Mapping[str, EntityRecord] = field(default_factory=dict)
    index: _work.Index | None = field(default=None, compare=False, repr=False)

    def entities(self) -> tuple[Entity, ...]:
        """Return the entities, sorted by id."""
        return tuple(self.records[k].entity for k in sorted(self.records))


@dataclass(frozen=True, slots=True, kw_only=True)
class Resolution:
    """The result of :func:`resolve`.

    Attributes:
        table: the updated entity table.
        mentions: the new mentions, each with its entity id, in input order.
        redirects: entity ids that were merged away -> the id that absorbed them.
    """

    table: EntityTable
    mentions: tuple[Mention, ...]
    redirects: Mapping[str, str]


def resolve(
    table: EntityTable,
    mentions: Sequence[MentionInput],
    roles: Sequence[RoleInput] = (),
    config: ResolveConfig | None = None,
) -> Resolution:
    """Resolve new mentions against the existing entities.

    Args:
        table: entities known so far (``EntityTable()`` to start); not modified.
        mentions: the new mentions, in a deterministic order (article, then offset).
        roles: roles found in the same articles; each attaches to the entity of the mention
            with the same article and span.
        config: resolution settings; defaults when ``None``.

    Returns:
        The new table, the new mentions with entity ids, and any merges.
    """
    cfg = config or ResolveConfig()
    work = _work.Work.from_records(table.records, table.index)
    kept = [m for m in mentions if m.span.label in cfg.labels]
    assigned = work.assign_all(kept, cfg.salience_ratio, link_demonyms=cfg.link_demonyms)
    redirects = work.merge_resolvable_partials({m.scope for m in kept}, cfg.salience_ratio)
    by_span = {(m.article_id, m.span.start, m.span.end): assigned[i] for i, m in enumerate(kept)}
    for item in roles:
        entity_id = by_span.get((item.article_id, item.role.start, item.role.end))
        if entity_id is not None:
            work.add_role(redirects.get(entity_id, entity_id), item.role.text, item.article_id)
    out = tuple(
        Mention(
            entity_id=redirects.get(assigned[i], assigned[i]),
            article_id=m.article_id,
            text=m.span.text,
            start=m.span.start,
            end=m.span.end,
            label=m.span.label,
        )
        for i, m in enumerate(kept)
    )
    changed, removed = work.freeze()
    records = {k: v for k, v in table.records.items() if k not in removed}
    records.update((k, EntityRecord(**v)) for k, v in changed.items())
    return Resolution(table=EntityTable(records, work.index()), mentions=out, redirects=redirects)


def record_to_json(record: EntityRecord) -> dict[str, JSON]:
    """Return a JSON-ready dict of a record, for storage; :func:`record_from_json` reverses it."""
    e = record.entity
    return {
        "id": e.id,
        "name": e.name,
        "label": e.label,
        "aliases": list(e.aliases),
        "roles": [{"text": r.text, "article": r.article_id} for r in e.roles],
        "group": record.group,
        "alias_counts": dict(record.alias_counts),
        "label_counts": dict(record.label_counts),
        "story_counts": dict(record.story_counts),
        "scope": record.scope,
    }


def record_from_json(data: Mapping[str, JSON]) -> EntityRecord:
    """Rebuild a record written by :func:`record_to_json`.

    Raises:
        TypeError: a field has the wrong type.
    """
    roles = _list(data["roles"])
    entity = Entity(
        id=str(data["id"]),
        name=str(data["name"]),
        label=str(data["label"]),
        aliases=tuple(str(a) for a in _list(data["aliases"])),
        roles=tuple(
            Role(text=str(r["text"]), article_id=str(r["article"])) for r in map(_dict, roles)
        ),
    )
    scope = data.get("scope")
    return EntityRecord(
        entity=entity,
        group=str(data["group"]),
        alias_counts=_counts(data["alias_counts"]),
        label_counts=_counts(data["label_counts"]),
        story_counts=_counts(data["story_counts"]),
        scope=None if scope is None else str(scope),
    )


def _list(value: JSON) -> list[JSON]:
    if not isinstance(value, list):
        raise TypeError(f"expected a list, got {type(value).__name__}")
    return value


def _dict(value: JSON) -> dict[str, JSON]:
    if not isinstance(value, dict):
        raise TypeError(f"expected an object, got {type(value).__name__}")
    return value


def _counts(value: JSON) -> dict[str, int]:
    return {str(k): int(v) for k, v in _dict(value).items() if isinstance(v, int | float)}


__all__ = [
    "RESOLVABLE_LABELS",
    "EntityRecord",
    "EntityTable",
    "MentionInput",
    "Resolution",
    "ResolveConfig",
    "RoleInput",
    "record_from_json",
    "record_to_json",
    "resolve",
]
