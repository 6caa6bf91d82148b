"""The merged-story alias table: which story each merged-away story id now lives in."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

#: Longest alias chain followed (chains are short; the cap only guards against a cycle).
MAX_HOPS = 64


class StoryAliases(dict[str, str]):
    """Merged story id -> the id it was merged into, remembering which ids changed.

    The inverted index keeps its own numeric copy of the table (to resolve thousands of
    posted ids per look-up without a Python loop) and catches up from :attr:`changed`, so
    every change goes through the methods below, which record it.
    """

    __slots__ = ("changed",)

    def __init__(self, base: Mapping[str, str] | Iterable[tuple[str, str]] = ()) -> None:
        """Copy ``base``; all of its ids count as changed."""
        super().__init__(base)
        self.changed: set[str] = set(self)

    def __setitem__(self, key: str, value: str) -> None:
        """Set an alias."""
        super().__setitem__(key, value)
        self.changed.add(key)

    def __delitem__(self, key: str) -> None:
        """Drop an alias."""
        super().__delitem__(key)
        self.changed.add(key)

    def pop(self, key: str, *default: Any) -> Any:  # noqa: ANN401 - dict.pop's own signature
        """Drop an alias if present."""
        self.changed.add(key)
        return super().pop(key, *default)

    def popitem(self) -> tuple[str, str]:
        """Drop the last alias set."""
        key, value = super().popitem()
        self.changed.add(key)
        return key, value

    def setdefault(self, key: str, default: str) -> str:
        """Set an alias unless ``key`` has one."""
        if key not in self:
            self[key] = default
        return self[key]

    def clear(self) -> None:
        """Drop every alias."""
        self.changed.update(self)
        super().clear()

    def update(self, *args: Any, **kwargs: str) -> None:
        """Set several aliases."""
        for key, value in dict(*args, **kwargs).items():
            self[key] = value

    def __ior__(self, other: Any) -> StoryAliases:  # type: ignore[override,misc]  # noqa: ANN401
        """Set several aliases (``|=``)."""
        self.update(other)
        return self

    def resolve(self, story_id: str) -> str:
        """Follow aliases to the live story id."""
        for _ in range(MAX_HOPS):
            nxt = self.get(story_id)
            if nxt is None:
                return story_id
            story_id = nxt
        return story_id
