from __future__ import annotations

import json
import pickle

from newsweave.cluster.clusterer import StoryClusterer
from newsweave.cluster.params import default_params
from newsweave.cluster.state import from_state, to_state

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
