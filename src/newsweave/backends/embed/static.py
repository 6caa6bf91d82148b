"""A static (bag-of-word-pieces) embedding distilled from all-MiniLM-L6-v2.

Distillation, done once offline by :func:`build_static_model`: every word piece of MiniLM's
vocabulary is encoded by MiniLM as a one-piece sentence; the vectors are reduced by PCA and
weighted so that frequent pieces count less (BERT's vocabulary is roughly in frequency order,
so a piece's rank stands in for its frequency, the model2vec idea). At run time a text is the
normalised mean of its pieces' vectors: numpy only, no torch, thousands of texts per second.

Building needs the ``embed`` extra (torch, transformers, the MiniLM package) and no network;
the result is cached as an ``.npz`` file (``NEWSWEAVE_STATIC_MODEL`` overrides where).
"""

from __future__ import annotations

import logging
import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from newsweave.backends.embed.base import FloatMatrix, l2_normalize
from newsweave.backends.embed.wordpiece import WordPiece
from newsweave.errors import MissingExtraError

#: Output dimension after PCA.
STATIC_DIM = 256
#: First id of ordinary word pieces in the BERT uncased vocabulary (before: specials, unused
#: slots and single characters).
FIRST_WORD_ID = 1996
_BATCH = 512


def default_path() -> Path:
    """Where the distilled model is cached."""
    env = os.environ.get("NEWSWEAVE_STATIC_MODEL")
    if env:
        return Path(env)
    cache = Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache"))
    return cache / "newsweave" / f"static-minilm-v1-{STATIC_DIM}.npz"


def _piece_vectors(vocab: list[str]) -> npt.NDArray[np.float32]:
    """MiniLM sentence embedding of every vocabulary piece alone (zeros for special slots)."""
    try:
        import torch
        from transformers import AutoModel
    except ImportError as exc:
        hint = "building the static model needs torch: pip install 'newsweave[embed]'"
        raise MissingExtraError(hint) from exc
    from newsweave.backends.embed.minilm import model_dir

    model: Any = AutoModel.from_pretrained(str(model_dir()), local_files_only=True).eval()
    cls_id, sep_id = vocab.index("[CLS]"), vocab.index("[SEP]")
    out = np.zeros((len(vocab), 384), dtype=np.float32)
    ids = [i for i, tok in enumerate(vocab) if not (tok.startswith("[") and tok.endswith("]"))]
    with torch.inference_mode():
        for start in range(0, len(ids), _BATCH):
            chunk = ids[start : start + _BATCH]
            batch = torch.tensor([[cls_id, i, sep_id] for i in chunk])
            hidden = model(input_ids=batch, attention_mask=torch.ones_like(batch)).last_hidden_state
            out[chunk] = hidden.mean(dim=1).numpy()
    return out


def _pca(matrix: npt.NDArray[np.float32], dim: int) -> npt.NDArray[np.float32]:
    rows = np.flatnonzero(np.abs(matrix).sum(axis=1) > 0)
    mean = matrix[rows].mean(axis=0)
    _, _, vt = np.linalg.svd(matrix[rows] - mean, full_matrices=False)
    out = np.zeros((len(matrix), dim), dtype=np.float32)
    out[rows] = (matrix[rows] - mean) @ vt[:dim].T
    return out


def build_static_model(path: Path | None = None, dim: int = STATIC_DIM) -> Path:
    """Distil the static model from the installed MiniLM package and save it to ``path``."""
    from newsweave.backends.embed.minilm import model_dir

    vocab = (model_dir() / "vocab.txt").read_text(encoding="utf-8").splitlines()
    vectors = _pca(_piece_vectors(vocab), dim)
    rank = np.maximum(np.arange(len(vocab)) - FIRST_WORD_ID, 0) + 1
    vectors *= np.log1p(rank)[:, None].astype(np.float32)
    target = path or default_path()
    target.parent.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(target, vectors=vectors.astype(np.float16), vocab=np.array(vocab))
    return target


class StaticEmbedder:
    """Mean of distilled word-piece vectors; builds the model on first use if missing.

    Args:
        path: the ``.npz`` made by :func:`build_static_model`; default :func:`default_path`.
    """

    name = "embed.static.v1"
    dim = STATIC_DIM

    def __init__(self, path: Path | None = None) -> None:
        """Remember where the model is; it is loaded on the first :meth:`encode`."""
        self.path = path or default_path()
        self._vectors: npt.NDArray[np.float32] | None = None
        self._pieces: WordPiece | None = None

    def _load(self) -> tuple[npt.NDArray[np.float32], WordPiece]:
        if not self.path.is_file():
            build_static_model(self.path)
        with np.load(self.path) as data:
            vectors = data["vectors"].astype(np.float32)
            vocab = [str(v) for v in data["vocab"]]
        self.dim = vectors.shape[1]
        self._vectors, self._pieces = vectors, WordPiece(vocab)
        return vectors, self._pieces

    def encode(self, texts: Sequence[str]) -> FloatMatrix:
        """Return one unit-norm float32 row per text (all-zero when no piece is known)."""
        if self._vectors is None or self._pieces is None:
            vectors, pieces = self._load()
        else:
            vectors, pieces = self._vectors, self._pieces
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for row, text in enumerate(texts):
            ids = pieces.encode(text)
            if ids:
                out[row] = vectors[ids].sum(axis=0)
        return l2_normalize(out)


def main() -> None:
    """Build the static model once (``python -m newsweave.backends.embed.static``)."""
    path = default_path()
    if not path.is_file():
        build_static_model(path)
    logging.getLogger(__name__).info("static model at %s", path)


if __name__ == "__main__":
    main()
