"""Every registered stage is built and used through the same protocols."""

from __future__ import annotations

from dataclasses import replace

from newsweave.backends.embed.hashing import HashingEmbedder
from newsweave.backends.storage.memory import MemoryStorage
from newsweave.config import Config, NerConfig, StagesConfig
from newsweave.pipeline import Context, Stage, StoryStage
from newsweave.registry import default_registries
from newsweave.stages.cluster import ClusterStage
from newsweave.stages.entities import EntitiesStage


def test_every_registered_stage_is_built_from_the_config_alike():
    config = Config()
    stages = default_registries(plugins=False).stages
    for name in stages.names():
        stage = stages.create(name, config, embedder=None)
        assert isinstance(stage, Stage)
        assert stage.name in {name, "cluster.online.v1"}  # cluster.batch.v1 is a mode of it


def test_only_the_story_stage_is_a_story_stage():
    stages = default_registries(plugins=False).stages
    config = Config()
    built = {name: stages.create(name, config) for name in stages.names()}
    keeping = {name for name, stage in built.items() if isinstance(stage, StoryStage)}
    assert keeping == {"cluster.online.v1", "cluster.batch.v1"}


def test_the_cluster_factory_picks_the_parameters_of_the_embedder():
    static = Config(stages=StagesConfig(embedder="embed.static.v1"))
    stage = ClusterStage.from_config(static, embedder=HashingEmbedder())
    assert stage.params == ClusterStage(None, "static").params
    plain = replace(static, stages=StagesConfig(embedder="none"))
    assert ClusterStage.from_config(plain).params == ClusterStage(None, "none").params


def test_the_entities_factory_takes_the_ner_section():
    config = Config(ner=NerConfig(processes=2, batch_size=8))
    assert EntitiesStage.from_config(config).config == config.ner


def test_batch_mode_backfills_an_empty_store_only():
    storage = MemoryStorage()
    stage = ClusterStage.from_config(Config(), batch=True)
    assert stage.backfills_whole(storage)
    assert not ClusterStage.from_config(Config()).backfills_whole(storage)
    assert stage.maintain(Context(storage=storage)).moved == 0
