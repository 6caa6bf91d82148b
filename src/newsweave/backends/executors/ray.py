"""Run workers as Ray actors: one actor per worker, each building its worker (models) once.

An optional backend (``pip install 'newsweave[ray]'``): ``ray`` is imported only when work
runs. With no ``address`` and no running Ray, a local Ray instance is started with
``workers`` CPUs; with an ``address`` (``ray://host:10001`` or ``auto``) the driver joins an
existing cluster. Results come back in input order, so a run gives the same result as
:class:`~newsweave.backends.executors.local.LocalExecutor`.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from typing import Any, TypeVar

from newsweave.errors import MissingExtraError

T = TypeVar("T")
R = TypeVar("R")


class _Host:
    """The actor: holds one worker built by the factory (models load here, once)."""

    def __init__(self, factory: Callable[[], Callable[[Any], Any]]) -> None:
        self.worker = factory()

    def run(self, item: Any) -> Any:  # noqa: ANN401 - the actor moves whatever the worker takes
        return self.worker(item)

    def pid(self) -> int:
        """The worker's process id (operators and fault tests find the process by it)."""
        return os.getpid()


class RayExecutor:
    """Map work over a pool of Ray actors, in order."""

    name = "executor.ray.v1"
    _requires = ("ray",)

    def __init__(self, address: str | None = None, workers: int = 2) -> None:
        """Join the Ray cluster at ``address`` (or start a local one) and use ``workers`` actors."""
        self.address = address
        self.workers = max(1, workers)
        self.actors: list[Any] = []  # the running map's actors (empty between runs)

    def _ray(self) -> Any:  # noqa: ANN401 - ray is untyped here (an optional extra)
        try:
            import ray
        except ImportError:
            raise MissingExtraError("[NW010] pip install 'newsweave[ray]'") from None
        if not ray.is_initialized():
            if self.address is None:
                ray.init(num_cpus=self.workers, include_dashboard=False, log_to_driver=False)
            else:
                ray.init(address=self.address, log_to_driver=False)
        return ray

    def map(self, fn: Callable[[T], R], items: Iterable[T]) -> Iterator[R]:
        """Yield ``fn(item)`` for each item, computed by Ray tasks, in order."""
        return self.map_workers(lambda: fn, items)

    def map_workers(
        self, factory: Callable[[], Callable[[T], R]], items: Iterable[T]
    ) -> Iterator[R]:
        """Start ``workers`` actors that each build a worker once; yield results in order."""
        ray = self._ray()
        from ray.util import ActorPool

        host = ray.remote(num_cpus=1)(_Host)
        self.actors = actors = [host.remote(factory) for _ in range(self.workers)]
        try:
            pool = ActorPool(actors)
            yield from pool.map(lambda actor, item: actor.run.remote(item), list(items))
        finally:
            self.actors = []
            for actor in actors:
                ray.kill(actor)
