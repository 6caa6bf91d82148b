"""The default executor: runs work in this process, in order."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import TypeVar

T = TypeVar("T")
R = TypeVar("R")


class LocalExecutor:
    """Map a function over items in the current process, preserving order."""

    name = "executor.local.v1"

    def map(self, fn: Callable[[T], R], items: Iterable[T]) -> Iterator[R]:
        """Yield ``fn(item)`` for each item, lazily and in order."""
        for item in items:
            yield fn(item)
