"""Tuned constants of the story clusterer, one set per embedding backend.

Weights were fitted by ``bench/quality/train_cluster.py`` on ECB+ train (575 articles) and the
thresholds picked there on ECB+ dev (197 articles); ECB+ test (topics 36-45) was not looked at.
ECB+ has no publication dates, so the time penalty could not be learned: it is a hand-set
prior, documented as such.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True, kw_only=True)
class ClusterParams:
    """Settings of :class:`~newsweave.cluster.clusterer.StoryClusterer`.

    Attributes:
        weights: logistic weight of each feature in :data:`~newsweave.cluster.scoring.FEATURES`.
        bias: logistic intercept.
        join_threshold: an article joins its best story when the probability is above this.
        merge_threshold: two stories merge when their mutual probability is above this.
        batch_threshold: average-link cut of batch mode (and of neighbourhood relinking).
        relink_threshold: candidates above this probability count as the article's
            neighbourhood; when it spans two stories or more they are relinked in batch mode.
        window_days: stories whose dates are further apart than this are not candidates.
        time_penalty: logit subtracted per window of date gap (hand-set; see module docs).
        max_candidates: stories scored per article.
    """

    weights: Mapping[str, float] = field(default_factory=dict)
    bias: float = 0.0
    join_threshold: float = 0.5
    merge_threshold: float = 0.6
    batch_threshold: float = 0.5
    relink_threshold: float = 0.1
    window_days: float = 30.0
    time_penalty: float = 2.0
    max_candidates: int = 8


#: Weights fitted on ECB+ train, thresholds picked on ECB+ dev (bench/quality/train_cluster.py)
#: with all-MiniLM-L6-v2 lead embeddings.
_MINILM_WEIGHTS = {
    "lex": 1.696,
    "emb": 5.487,
    "names_in_story": -0.827,
    "story_names_here": 0.579,
    "name_cos": 3.295,
    "link_name_cos_max": 2.244,
    "lead_names_in_story": -0.667,
    "story_leads_here": -0.249,
    "link_lex_avg": 0.667,
    "link_lex_max": 4.867,
    "link_emb_avg": -0.376,
    "link_names_avg": 0.206,
    "link_names_max": 5.027,
    "year_match": 2.15,
    "year_conflict": -1.628,
    "decimal_match": 1.87,
    "number_match": 1.201,
    "month_match": 0.648,
    "month_conflict": -1.506,
    "log_size": -1.121,
}

PARAMS: dict[str, ClusterParams] = {
    "minilm": ClusterParams(
        weights=dict(_MINILM_WEIGHTS),
        bias=-7.011,
        join_threshold=0.5,
        merge_threshold=0.5,
        batch_threshold=0.3,
        relink_threshold=0.1,
    ),
}


def default_params(embedder: str = "minilm") -> ClusterParams:
    """Return the tuned parameters for an embedder key ("minilm", "static", "none")."""
    return PARAMS.get(embedder, PARAMS["minilm"])
