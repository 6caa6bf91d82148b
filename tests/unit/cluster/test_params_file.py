"""The fitted clustering parameters ship as data files that say what they were fitted on."""

from __future__ import annotations

import importlib
import re
from dataclasses import replace
from pathlib import Path

import pytest

from newsweave.cluster.clusterer import StoryClusterer
from newsweave.cluster.maintain import add_and_relink
from newsweave.cluster.params import (
    PARAMS,
    PARAMS_FILES,
    default_params,
    params_from_data,
    read_params_file,
)
from newsweave.cluster.scoring import FEATURES

from .conftest import make_articles


@pytest.mark.parametrize("key", sorted(PARAMS_FILES))
def test_every_file_records_its_data_and_split(key):
    data = read_params_file(key)
    fitted = data["fitted_on"]
    assert re.fullmatch(r"[0-9a-f]{64}", fitted["sha256"])
    assert (fitted["weights"], fitted["thresholds"], fitted["not_read"]) == ("train", "dev", "test")
    assert data["command"].startswith("python -m bench.quality.train_cluster")
    assert params_from_data(data) == PARAMS[key]


def test_stale_feature_list_is_refused():
    data = read_params_file("static")
    data["features"] = [*FEATURES, "new_feature"]
    with pytest.raises(ValueError, match="do not match"):
        params_from_data(data)


def test_no_parameter_literal_is_left_in_python():
    source = importlib.import_module("newsweave.cluster.params").__file__
    assert source is not None
    text = Path(source).read_text(encoding="utf-8")
    assert "5.689" not in text  # the static set's bias lives in cluster_static.json only


def test_relink_every_zero_is_plain_assignment():
    articles = make_articles()
    plain = StoryClusterer(replace(default_params("static"), relink_every=0))
    seen = {}
    for feats in articles:
        got, moved = add_and_relink(plain, feats, seen)
        seen[feats.article_id] = feats
        assert moved == {}
        assert got.story_id == plain.story_of(feats.article_id)
    alone = StoryClusterer(default_params("static"))
    for feats in articles:
        alone.add(feats)
    assert [plain.story_of(f.article_id) for f in articles] == [
        alone.story_of(f.article_id) for f in articles
    ]
