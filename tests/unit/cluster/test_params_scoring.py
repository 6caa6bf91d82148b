from __future__ import annotations

import pickle

import pytest

from newsweave.cluster.params import PARAMS, default_params
from newsweave.cluster.scoring import FEATURES, features, probability
from newsweave.cluster.tfidf import SparseVec, dot

from .conftest import make_articles


@pytest.mark.parametrize("name", sorted(PARAMS))
def test_every_param_set_weights_every_feature(name):
    params = PARAMS[name]
    assert set(params.weights) == set(FEATURES)
    assert 0.0 < params.join_threshold < 1.0
    assert 0.0 < params.batch_threshold < 1.0


def test_unknown_embedder_has_no_params():
    with pytest.raises(KeyError):
        default_params("no-such-embedder")


def test_sparse_vec_behaves_like_the_dict_it_packs():
    src = {"fire": 0.6, "harbour": 0.8}
    vec = SparseVec(src)
    assert dict(vec) == pytest.approx(src)
    assert vec["harbour"] == pytest.approx(0.8)
    with pytest.raises(KeyError):
        vec["quake"]
    assert dot(vec, {"fire": 1.0}) == pytest.approx(0.6)
    assert dot({"fire": 1.0}, vec) == pytest.approx(0.6)
    assert dict(pickle.loads(pickle.dumps(vec))) == pytest.approx(src)


def test_probability_is_monotone_in_a_positive_feature():
    params = default_params()
    base = [0.0] * len(FEATURES)
    more = list(base)
    more[FEATURES.index("lex")] = 1.0
    assert probability(more, params.weights, params.bias) > probability(
        base, params.weights, params.bias
    )


def test_features_are_finite_and_bounded():
    from newsweave.cluster.clusterer import StoryClusterer

    arts = make_articles()
    clu = StoryClusterer(default_params())
    for f in arts[:3]:
        clu.add(f)
    probe, _ = clu.score(arts[3])
    story = clu.stories[clu.story_of("a0") or ""]
    values = features(probe, story, clu.terms, clu.names)
    assert len(values) == len(FEATURES)
    for name, v in zip(FEATURES, values, strict=True):
        if name != "log_size":
            assert -1.0 - 1e-6 <= v <= 1.0 + 1e-6, name


def test_protagonist_features_tell_look_alike_stories_apart():
    from newsweave.cluster.features import extract
    from newsweave.cluster.profile import StoryProfile, make_sketch
    from newsweave.cluster.tfidf import DocFreq

    texts = {
        "a": "Chargers' Jamal Williams arrested\nJamal Williams was held. Williams denied it.",
        "b": "Jamal Williams faces charges\nPolice said Jamal Williams drove. Williams paid.",
        "c": "Chargers' Jackson arrested\nVincent Jackson was held. Jackson denied it.",
    }
    feats = {k: extract(k, t.split("\n")[0], t) for k, t in texts.items()}
    terms, names = DocFreq(), DocFreq()
    for f in feats.values():
        terms.add(f.terms)
        names.add(f.entities)
    story = StoryProfile(id="s")
    story.add(feats["a"], make_sketch(feats["a"], terms, names))
    i = FEATURES.index("top_names_in_story")
    same = features(make_sketch(feats["b"], terms, names), story, terms, names)
    other = features(make_sketch(feats["c"], terms, names), story, terms, names)
    assert same[i] > other[i]


def test_name_counts_keep_first_mention_order():
    from newsweave.cluster.features import name_counts

    text = "He met Zed Young and Adam Brown in Oslo, then Young left."
    assert list(name_counts(text)) == ["zed", "young", "adam", "brown", "oslo"]
