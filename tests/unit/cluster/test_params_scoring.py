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


def _clusterer_with_stories():
    from newsweave.cluster.clusterer import StoryClusterer

    arts = make_articles()
    clu = StoryClusterer(default_params("static"))
    for f in arts:
        clu.add(f)
    return clu, arts


def test_story_view_refreshed_for_the_idf_equals_a_fresh_one():
    from newsweave.cluster.scoring import story_view

    clu, arts = _clusterer_with_stories()
    story = max(clu.stories.values(), key=lambda s: s.size)
    before = story_view(story, clu.terms, clu.names)
    while clu.terms.bucket() == before.stamp[1]:  # grow the corpus into the next IDF bucket
        clu.terms.add(arts[0].terms)
        clu.names.add(arts[0].entities)
    refreshed = story_view(story, clu.terms, clu.names)
    assert refreshed.stamp != before.stamp
    assert refreshed.term_norm != before.term_norm
    story.view = None
    fresh = story_view(story, clu.terms, clu.names)
    assert refreshed.link_emb is not None
    assert fresh.link_emb is not None
    assert (refreshed.link_emb == fresh.link_emb).all()
    refreshed.link_emb = fresh.link_emb = None
    assert refreshed == fresh


def test_mean_link_embedding_is_the_mean_of_the_sketch_cosines():
    clu, arts = _clusterer_with_stories()
    story = max(clu.stories.values(), key=lambda s: s.size)
    assert len(story.sketches) > 1
    probe, _ = clu.score(arts[0])
    got = features(probe, story, clu.terms, clu.names)[FEATURES.index("link_emb_avg")]
    emb = probe.embedding_f32()
    assert emb is not None
    cosines = [float(s.embedding_f32() @ emb) for s in story.sketches]  # type: ignore[operator]
    assert got == pytest.approx(sum(cosines) / len(cosines), abs=1e-3)  # (a float16 mean)


def test_story_view_of_another_size_is_not_carried_over():
    from dataclasses import replace

    from newsweave.cluster.scoring import story_view

    clu, _ = _clusterer_with_stories()
    story = max(clu.stories.values(), key=lambda s: s.size)
    view = story_view(story, clu.terms, clu.names)
    size, *buckets = view.stamp
    story.view = replace(view, stamp=(size - 1, *buckets), top_names=("stale",), emb_norm=-1.0)
    again = story_view(story, clu.terms, clu.names)
    assert again.top_names == view.top_names
    assert again.emb_norm == view.emb_norm
