"""Scoring whether two claim sentences state the same fact (paraphrase alignment).

The model is a logistic regression over a few cheap features of a sentence pair: embedding
cosine, word and character overlap (:func:`newsweave.dedup.align.lexical_features`) and number
agreement. Its weights are fitted on MSRP train by ``bench/quality/train_align.py`` (threshold
chosen on a dev part carved from train) and ship in ``claims/data/align_<embedder>.json``.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import resources
from typing import Protocol

import numpy as np
import numpy.typing as npt

from newsweave.backends.embed.base import FloatMatrix
from newsweave.dedup.align import lexical_features
from newsweave.errors import ConfigError
from newsweave.text.numbers import NUMBER_WORDS, parse_number

Probabilities = npt.NDArray[np.float64]
#: Feature names, in the order of the weight vector.
FEATURES = ("cosine", "jaccard", "containment", "char_dice", "length_ratio", "num_same", "num_diff")
_NUMBER = re.compile(r"\d[\d,]*(?:\.\d+)?|\b(?:" + "|".join(sorted(NUMBER_WORDS)) + r")\b", re.I)


class PairScorer(Protocol):
    """Scores sentence pairs ``(left[i], right[i])``: the probability that they say the same.

    Attributes:
        name: registry-style name with a version, e.g. ``"align.logistic.v1"``.
        threshold: the probability from which a pair counts as aligned (chosen on a dev split).
    """

    @property
    def name(self) -> str:
        """Registry-style name with a version."""
        ...

    @property
    def threshold(self) -> float:
        """The probability from which a pair counts as aligned."""
        ...

    def score(
        self,
        left: Sequence[str],
        right: Sequence[str],
        left_vecs: FloatMatrix,
        right_vecs: FloatMatrix,
    ) -> Probabilities:
        """One probability per pair; ``*_vecs`` are the unit embeddings of the sentences."""
        ...


def numbers_in(sentence: str) -> frozenset[float]:
    """The numbers a sentence mentions, in digits or words."""
    found = (parse_number(m.group(0)) for m in _NUMBER.finditer(sentence))
    return frozenset(v for v in found if v is not None)


def pair_features(
    left: Sequence[str], right: Sequence[str], left_vecs: FloatMatrix, right_vecs: FloatMatrix
) -> npt.NDArray[np.float64]:
    """The feature rows of the pairs ``(left[i], right[i])``, shape ``(n, len(FEATURES))``."""
    n = len(left)
    out = np.zeros((n, len(FEATURES)), dtype=np.float64)
    if n == 0:
        return out
    if left_vecs.size and right_vecs.size:
        out[:, 0] = np.einsum("ij,ij->i", left_vecs, right_vecs)
    for i, (a, b) in enumerate(zip(left, right, strict=True)):
        out[i, 1:5] = lexical_features([a], [b])[0, 0]
        na, nb = numbers_in(a), numbers_in(b)
        if na and nb:
            out[i, 5] = len(na & nb) / len(na | nb)
            out[i, 6] = float(bool(na ^ nb))
    return out


@dataclass(frozen=True, slots=True, kw_only=True)
class LogisticPairScorer:
    """Logistic regression over :func:`pair_features`."""

    name: str
    weights: tuple[float, ...]
    bias: float
    threshold: float

    def score(
        self,
        left: Sequence[str],
        right: Sequence[str],
        left_vecs: FloatMatrix,
        right_vecs: FloatMatrix,
    ) -> Probabilities:
        """One probability per pair."""
        logits = pair_features(left, right, left_vecs, right_vecs) @ np.asarray(self.weights)
        result: Probabilities = 1.0 / (1.0 + np.exp(-(logits + self.bias)))
        return result


#: Which weights file goes with which embedder.
WEIGHT_FILES = {
    "embed.static.v1": "align_static.json",
    "embed.minilm.v1": "align_minilm.json",
    "embed.hashing.v1": "align_none.json",
    "none": "align_none.json",
}


def load_scorer(embedder_name: str) -> LogisticPairScorer:
    """The fitted scorer for sentences embedded by ``embedder_name`` (``"none"``: no cosine)."""
    try:
        file = WEIGHT_FILES[embedder_name]
    except KeyError:
        raise ConfigError(f"no alignment weights for embedder {embedder_name!r}") from None
    data = json.loads(resources.files("newsweave.claims").joinpath("data", file).read_text())
    if list(data["features"]) != list(FEATURES):
        raise ConfigError(f"{file}: features {data['features']} do not match {FEATURES}")
    return LogisticPairScorer(
        name=f"align.logistic.v1[{data['embedder']}]",
        weights=tuple(float(w) for w in data["weights"]),
        bias=float(data["bias"]),
        threshold=float(data["threshold"]),
    )
