"""What users see of an entity: name, type, aliases, roles, articles and stories."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Protocol

from newsweave.model import JSON, Mention, StoryMember


class _EntityStore(Protocol):
    def mentions_of(
        self, *, article_id: str | None = None, entity_id: str | None = None
    ) -> list[Mention]: ...

    def member(self, article_id: str) -> StoryMember | None: ...


@dataclass(frozen=True, slots=True, kw_only=True)
class EntityView:
    """An entity with where it appears."""

    id: str
    name: str
    type: str
    aliases: tuple[str, ...]
    roles: tuple[tuple[str, str], ...]
    articles: tuple[str, ...]
    stories: tuple[str, ...]
    mentions: int

    def to_json(self) -> dict[str, JSON]:
        """The JSON form printed by the CLI and served by the API."""
        return {
            "id": self.id,
            "name": self.name,
            "type": self.type,
            "aliases": list(self.aliases),
            "roles": [{"text": text, "article": article} for text, article in self.roles],
            "articles": list(self.articles),
            "stories": list(self.stories),
            "mentions": self.mentions,
        }


def entity_view(store: _EntityStore, record: Mapping[str, JSON]) -> EntityView:
    """Build the view of one stored entity record."""
    entity_id = str(record["id"])
    mentions = store.mentions_of(entity_id=entity_id)
    articles = tuple(dict.fromkeys(m.article_id for m in mentions))
    stories = tuple(
        dict.fromkeys(
            member.story_id for member in map(store.member, articles) if member is not None
        )
    )
    roles_raw = record.get("roles")
    roles = tuple(
        (str(r["text"]), str(r["article"]))
        for r in (roles_raw if isinstance(roles_raw, list) else [])
        if isinstance(r, dict)
    )
    aliases_raw = record.get("aliases")
    return EntityView(
        id=entity_id,
        name=str(record["name"]),
        type=str(record["label"]),
        aliases=tuple(str(a) for a in (aliases_raw if isinstance(aliases_raw, list) else [])),
        roles=roles,
        articles=articles,
        stories=stories,
        mentions=len(mentions),
    )
