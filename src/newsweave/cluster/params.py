"""Tuned constants of the story clusterer, one set per embedding backend.

Weights were fitted by ``bench/quality/train_cluster.py`` on ECB+ train (575 articles) and the
thresholds picked there on ECB+ dev (197 articles); ECB+ test (topics 36-45) was not looked at.
ECB+ has no publication dates, so the time penalty could not be learned: it is a hand-set
prior, documented as such.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType


@dataclass(frozen=True, slots=True, kw_only=True)
class ClusterParams:
    """Settings of :class:`~newsweave.cluster.clusterer.StoryClusterer`.

    Attributes:
        weights: logistic weight of each feature in :data:`~newsweave.cluster.scoring.FEATURES`.
        bias: logistic intercept.
        join_threshold: an article joins its best story when the probability is above this.
        merge_threshold: two stories merge when their mutual probability is above this.
        batch_threshold: average-link cut of batch mode.
        window_days: stories whose dates are further apart than this are not candidates.
        time_penalty: logit subtracted per window of date gap (hand-set; see module docs).
        max_candidates: stories scored per article.
    """

    weights: Mapping[str, float] = field(default_factory=lambda: MappingProxyType({}))
    bias: float = 0.0
    join_threshold: float = 0.5
    merge_threshold: float = 0.6
    batch_threshold: float = 0.5
    window_days: float = 30.0
    time_penalty: float = 2.0
    max_candidates: int = 12
