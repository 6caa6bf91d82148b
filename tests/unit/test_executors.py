"""Executors: order kept, one worker per process, a missing Ray is a missing extra."""

from __future__ import annotations

import builtins
import os
from typing import Any

import pytest

from newsweave.backends.executors.local import LocalExecutor
from newsweave.backends.executors.ray import RayExecutor
from newsweave.errors import MissingExtraError


class _Pid:
    def __init__(self) -> None:
        self.calls = 0

    def __call__(self, item: int) -> tuple[int, int, int]:
        self.calls += 1
        return item * 2, os.getpid(), self.calls


def test_local_keeps_order_and_builds_one_worker() -> None:
    out = list(LocalExecutor(1).map_workers(_Pid, range(5)))
    assert [o[0] for o in out] == [0, 2, 4, 6, 8]
    assert [o[2] for o in out] == [1, 2, 3, 4, 5]  # one worker, built once


def test_local_pool_keeps_order_with_one_worker_per_process() -> None:
    out = list(LocalExecutor(2).map_workers(_Pid, range(40)))
    assert [o[0] for o in out] == [2 * i for i in range(40)]
    per_pid: dict[int, int] = {}
    for _, pid, calls in out:
        per_pid[pid] = max(per_pid.get(pid, 0), calls)
    assert sum(per_pid.values()) == 40  # each process counts its own calls: built once each


def test_missing_ray_is_a_missing_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    real = builtins.__import__

    def no_ray(name: str, *args: Any, **kwargs: Any) -> Any:
        if name == "ray" or name.startswith("ray."):
            raise ImportError(name)
        return real(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_ray)
    with pytest.raises(MissingExtraError, match="NW010"):
        list(RayExecutor().map_workers(_Pid, [1]))
