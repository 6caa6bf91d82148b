"""The :class:`Embedder` protocol every sentence-embedding backend satisfies."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol, runtime_checkable

import numpy as np
import numpy.typing as npt

FloatMatrix = npt.NDArray[np.float32]


@runtime_checkable
class Embedder(Protocol):
    """Turns texts into fixed-size vectors.

    Attributes:
        name: registry-style name with a version, e.g. ``"embed.minilm.v1"``.
        dim: length of every vector.
    """

    name: str
    dim: int

    def encode(self, texts: Sequence[str]) -> FloatMatrix:
        """Return one float32 row per text, each of unit L2 norm (all-zero for empty text)."""
        ...


def l2_normalize(matrix: npt.NDArray[np.floating]) -> FloatMatrix:
    """Return ``matrix`` as float32 with every non-zero row scaled to unit L2 norm."""
    out = np.asarray(matrix, dtype=np.float32)
    if out.ndim != 2:
        out = out.reshape(len(out), -1)
    norms = np.linalg.norm(out, axis=1, keepdims=True)
    norms[norms == 0.0] = 1.0
    result: FloatMatrix = (out / norms).astype(np.float32, copy=False)
    return result
