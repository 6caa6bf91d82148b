from __future__ import annotations

import types

import newsweave
from newsweave.registry import default_registries


def test_all_matches_exports():
    public = {
        name
        for name, value in vars(newsweave).items()
        if not name.startswith("_") and not isinstance(value, types.ModuleType)
    }
    assert sorted(newsweave.__all__) == newsweave.__all__
    assert set(newsweave.__all__) - {"__version__"} == public - {"annotations"}


def test_registry_snapshot():
    reg = default_registries(plugins=False)
    assert reg.stages.names() == [
        "clean.rules.v1",
        "cluster.batch.v1",
        "cluster.online.v1",
        "dedup.minhash.v1",
        "entities.spacy.v1",
    ]
    assert reg.embedders.names() == ["embed.hashing.v1", "embed.minilm.v1", "embed.static.v1"]
    assert reg.storage.names() == ["storage.memory.v1", "storage.postgres.v1", "storage.sqlite.v1"]
    assert reg.executors.names() == ["executor.local.v1", "executor.ray.v1"]
