"""The default executor: runs work in this process, in order (or in a local process pool)."""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable, Iterable, Iterator
from typing import Any, TypeVar

T = TypeVar("T")
R = TypeVar("R")

# The worker of a pool process, built once by the pool initializer (one per process, so models
# load once per process, not per item); never set in the parent.
_POOL_WORKER: Callable[[Any], Any] | None = None


def _start_worker(factory: Callable[[], Callable[[Any], Any]]) -> None:
    global _POOL_WORKER
    _POOL_WORKER = factory()


def _call_worker(item: Any) -> Any:  # noqa: ANN401 - the pool moves whatever the worker takes
    assert _POOL_WORKER is not None
    return _POOL_WORKER(item)


class LocalExecutor:
    """Map a function over items in the current process (or ``workers`` processes), in order."""

    name = "executor.local.v1"

    def __init__(self, workers: int = 1) -> None:
        """Run in this process (``workers=1``) or in a pool of ``workers`` processes."""
        self.workers = max(1, workers)

    def map(self, fn: Callable[[T], R], items: Iterable[T]) -> Iterator[R]:
        """Yield ``fn(item)`` for each item, lazily and in order."""
        for item in items:
            yield fn(item)

    def map_workers(
        self, factory: Callable[[], Callable[[T], R]], items: Iterable[T]
    ) -> Iterator[R]:
        """Build one worker per process with ``factory`` and yield its results in input order."""
        if self.workers == 1:
            worker = factory()
            for item in items:
                yield worker(item)
            return
        context = multiprocessing.get_context("fork" if _can_fork() else "spawn")
        with context.Pool(self.workers, initializer=_start_worker, initargs=(factory,)) as pool:
            yield from pool.imap(_call_worker, items)


def _can_fork() -> bool:
    return "fork" in multiprocessing.get_all_start_methods()
