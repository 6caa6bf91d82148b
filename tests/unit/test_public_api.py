from __future__ import annotations

import newsweave
from newsweave.registry import default_registries


def test_all_matches_exports():
    public = {name for name in dir(newsweave) if not name.startswith("_")}
    modules = {"backends", "cli", "config", "engine", "errors", "model", "pipeline", "readers"}
    modules |= {"registry", "serialize", "stages", "text", "logging", "annotations"}
    assert sorted(newsweave.__all__) == newsweave.__all__
    assert set(newsweave.__all__) - {"__version__"} == public - modules


def test_registry_snapshot():
    reg = default_registries(plugins=False)
    assert reg.stages.names() == ["clean.rules.v1"]
    assert reg.storage.names() == ["storage.memory.v1", "storage.sqlite.v1"]
    assert reg.executors.names() == ["executor.local.v1"]
