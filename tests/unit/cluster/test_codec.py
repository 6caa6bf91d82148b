from __future__ import annotations

import base64
import json
import pickle
from datetime import UTC, datetime

import numpy as np
import pytest

from newsweave.cluster.clusterer import StoryClusterer
from newsweave.cluster.codec import features_from_json, features_to_json, from_state, to_state
from newsweave.cluster.features import extract
from newsweave.cluster.params import default_params

from .conftest import make_articles


def _filled() -> StoryClusterer:
    clu = StoryClusterer(default_params())
    for f in make_articles(dated=True):
        clu.add(f)
    return clu


def test_state_roundtrips_through_json():
    clu = _filled()
    state = to_state(clu)
    back = from_state(json.loads(json.dumps(state)), clu.params)
    assert to_state(back) == state


def test_restored_clusterer_decides_like_the_original():
    arts = make_articles()
    clu = StoryClusterer(default_params())
    for f in arts[:4]:
        clu.add(f)
    back = from_state(json.loads(json.dumps(to_state(clu))), clu.params)
    assert back.add(arts[4]).story_id == clu.add(arts[4]).story_id


def test_clusterer_pickles():
    clu = _filled()
    assert to_state(pickle.loads(pickle.dumps(clu))) == to_state(clu)


def test_features_roundtrip_exactly_with_an_embedding():
    feats = extract(
        "a1",
        "Harbour Crane Collapses",
        "A crane fell at Northgate harbour on 3 May 2024; 12 workers were hurt.",
        date=datetime(2024, 5, 3, 9, tzinfo=UTC),
        embedding=np.array([0.6, 0.8], dtype=np.float32),
    )
    back = features_from_json(features_to_json(feats))
    assert back == feats
    assert back.embedding is not None
    assert back.embedding.dtype == np.float32
    assert back.embedding.tolist() == pytest.approx([0.6, 0.8])


def test_features_read_rows_written_with_a_bare_base64_embedding():
    feats = extract("a1", "Crane", "A crane fell.", embedding=np.ones(3, dtype=np.float32))
    row = json.loads(features_to_json(feats))
    row["embedding"] = base64.b64encode(np.ones(3, dtype=np.float32).tobytes()).decode()
    back = features_from_json(json.dumps(row).encode())
    assert back.embedding is not None
    assert back.embedding.tolist() == [1.0, 1.0, 1.0]
