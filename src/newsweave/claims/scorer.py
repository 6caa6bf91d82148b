"""Scoring whether two claim sentences state the same fact (paraphrase alignment).

This module is the one interface the claims stage uses to score candidate pairs. The model
behind it is fitted on MSRP train (``bench/quality/train_align.py``) and its weights ship in the
package; until those weights exist, :func:`load_scorer` raises.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

import numpy as np
import numpy.typing as npt

from newsweave.backends.embed.base import FloatMatrix

Probabilities = npt.NDArray[np.float64]


class PairScorer(Protocol):
    """Scores sentence pairs ``(left[i], right[i])``: the probability that they say the same.

    Attributes:
        name: registry-style name with a version, e.g. ``"align.logistic.v1"``.
        threshold: the probability from which a pair counts as aligned (chosen on a dev split).
    """

    name: str
    threshold: float

    def score(
        self,
        left: Sequence[str],
        right: Sequence[str],
        left_vecs: FloatMatrix,
        right_vecs: FloatMatrix,
    ) -> Probabilities:
        """One probability per pair; ``*_vecs`` are the unit embeddings of the sentences."""
        ...
