from __future__ import annotations

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from newsweave.cluster.codec import (
    features_from_json,
    features_to_json,
    sketch_from_dict,
    sketch_to_dict,
    story_from_dict,
    story_to_dict,
)
from newsweave.cluster.features import ArticleFeatures, extract
from newsweave.cluster.profile import (
    HALF_SUM_BELOW,
    StoryProfile,
    add_counts,
    count_more,
    make_sketch,
    pack_counts,
    stored,
)
from newsweave.cluster.tfidf import DocFreq, SparseVec
from newsweave.text.sentences import derive_title

KEYS = st.sampled_from(["marlow", "quenby", "kovacs", "reyes", "osei", "lind", "2023"])


@given(st.lists(st.lists(KEYS, max_size=5), max_size=8))
def test_packed_counts_equal_plain_counting(batches):
    counts: dict[str, int] = {}
    packed = pack_counts({})
    for keys in batches:
        packed = count_more(packed, keys)
        for key in keys:
            counts[key] = counts.get(key, 0) + 1
    assert dict(packed.items()) == counts
    assert dict(add_counts(packed, packed).items()) == {k: 2 * n for k, n in counts.items()}


def test_tables_of_single_mentions_share_their_values_without_changing_each_other():
    a = pack_counts({"marlow": 1, "reyes": 1})
    b = pack_counts({"quenby": 1, "lind": 1})
    assert isinstance(a, SparseVec)
    assert isinstance(b, SparseVec)
    assert a.vals is b.vals  # one shared array of ones
    more = count_more(a, ["marlow"])
    assert dict(more.items()) == {"marlow": 2, "reyes": 1}
    assert dict(a.items()) == {"marlow": 1, "reyes": 1}
    assert dict(b.items()) == {"quenby": 1, "lind": 1}
    assert list(a.vals) == [1, 1]


def _feats(i: int, emb: np.ndarray) -> ArticleFeatures:
    return ArticleFeatures(
        article_id=f"a{i}",
        title="Harbour fire",
        terms={"harbour": 2, "fire": 1},
        entities=frozenset({"marlow"}),
        name_counts={"marlow": 1},
        embedding=emb,
    )


def test_embedding_sum_is_half_precision_while_small_and_stays_close_to_the_exact_sum():
    rng = np.random.default_rng(3)
    terms, names = DocFreq(), DocFreq()
    story, other = StoryProfile(id="s"), StoryProfile(id="o")
    exact = np.zeros(16, dtype=np.float64)
    for i in range(HALF_SUM_BELOW + 3):
        emb = rng.normal(size=16).astype(np.float32)
        emb /= np.linalg.norm(emb)
        exact += emb
        f = _feats(i, emb)
        story.add(f, make_sketch(f, terms, names))
        assert story.emb_sum is not None
        small = story.size < HALF_SUM_BELOW
        assert story.emb_sum.dtype == (np.float16 if small else np.float32)
        np.testing.assert_allclose(story.emb_sum, exact, atol=2e-3 * story.size)
        if i == 1:
            f = _feats(100, emb)
            other.add(f, make_sketch(f, terms, names))
    total = exact + other.emb_sum.astype(np.float64)  # type: ignore[union-attr]
    other.absorb(story)
    assert other.emb_sum is not None
    assert other.emb_sum.dtype == np.float32
    np.testing.assert_allclose(other.emb_sum, total, atol=5e-2)


def test_a_kept_sketch_holds_int8_codes_that_survive_the_stored_form():
    rng = np.random.default_rng(5)
    emb = rng.normal(size=32).astype(np.float32)
    emb /= np.linalg.norm(emb)
    f = _feats(0, emb)
    kept = stored(make_sketch(f, DocFreq(), DocFreq()))
    assert isinstance(kept.embedding, bytes)
    assert len(kept.embedding) == 32
    back = kept.embedding_f32()
    assert back is not None
    np.testing.assert_allclose(back, emb, atol=kept.emb_scale / 2 + 1e-3)
    assert stored(kept) is kept
    again = stored(sketch_from_dict(sketch_to_dict(kept)))
    assert again.embedding == kept.embedding
    assert again.emb_scale == kept.emb_scale


def _titled(article_id: str, title: str, text: str) -> ArticleFeatures:
    return extract(article_id, title, text)


def test_a_story_founded_by_an_untitled_article_takes_the_first_real_headline() -> None:
    text = "Crews from Ostrava Vale fought a blaze at the Kelmere mill through the night."
    untitled = _titled("a1", derive_title(text), text)  # as the cleaner titles a bare .txt
    titled = _titled("a2", "Fire guts Kelmere mill", "Fire crews fought a blaze at the mill.")
    assert untitled.derived_title
    assert not titled.derived_title
    assert features_from_json(features_to_json(untitled)).derived_title
    story = StoryProfile(id="s1")
    for feats in (untitled, titled, _titled("a3", "Later headline", "Another report.")):
        story.add(feats, make_sketch(feats, DocFreq(), DocFreq()))
    assert story.headline == "Fire guts Kelmere mill"
    assert not story.derived_headline
    other = StoryProfile(id="s2")
    other.add(untitled, make_sketch(untitled, DocFreq(), DocFreq()))
    assert other.derived_headline
    assert story_from_dict(story_to_dict(other)).derived_headline
    other.absorb(story)
    assert other.headline == "Fire guts Kelmere mill"
