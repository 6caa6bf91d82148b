from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from newsweave.backends.embed.static import StaticEmbedder
from newsweave.backends.embed.wordpiece import WordPiece, basic_words
from newsweave.errors import MissingExtraError

VOCAB = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "fire", "har", "##bour", "quake", "marlow", "."]


def test_basic_words_lowercases_strips_accents_and_splits_punctuation():
    assert basic_words("Café, Marlow!") == ["cafe", ",", "marlow", "!"]


def test_wordpiece_greedy_longest_match():
    wp = WordPiece(VOCAB)
    assert wp.encode("Harbour fire.") == [5, 6, 4, 9]
    assert wp.encode("unknownword") == []


@pytest.fixture
def toy_model(tmp_path: Path) -> Path:
    rng = np.random.default_rng(0)
    vectors = rng.normal(size=(len(VOCAB), 8)).astype(np.float16)
    path = tmp_path / "static.npz"
    np.savez_compressed(path, vectors=vectors, vocab=np.array(VOCAB))
    return path


def test_static_encode_uses_piece_vectors(toy_model: Path):
    emb = StaticEmbedder(toy_model)
    out = emb.encode(["fire", "Fire!", "nothing known", "harbour quake"])
    assert out.shape == (4, 8)
    assert emb.dim == 8
    np.testing.assert_allclose(out[0], out[0] / np.linalg.norm(out[0]), rtol=1e-5)
    assert float(out[0] @ out[1]) < 1.0 + 1e-6
    assert not out[2].any()
    assert abs(float(np.linalg.norm(out[3])) - 1.0) < 1e-5


def test_missing_model_package_is_a_missing_extra(monkeypatch: pytest.MonkeyPatch):
    from newsweave.backends.embed import minilm

    monkeypatch.setattr(minilm, "MODEL_PACKAGE", "no_such_model_package_xyz")
    with pytest.raises(MissingExtraError, match="newsweave\\[embed\\]"):
        minilm.model_dir()
