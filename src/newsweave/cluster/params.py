"""Settings of the story clusterer, and the fitted sets that ship as data.

The fitted weights and thresholds of each embedding backend live in
``cluster/data/cluster_<key>.json``, written by ``bench/quality/train_cluster.py --write``:
weights fitted on ECB+ train, thresholds picked on ECB+ dev, with the corpus hash and the
splits recorded in the file (``fitted_on``) and the history of each choice in ``notes``. ECB+
has no publication dates, so the time window and time penalty could not be learned: they are
hand-set priors, marked as such in the file (``priors``).

Users change the join threshold, the time window and the relinking cadence in
``newsweave.toml`` (``[stages.cluster]``, see :mod:`newsweave.config`), not here.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from importlib import resources
from typing import Any

from newsweave.cluster.scoring import FEATURES


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
        relink_every: relink after every n-th added article (1: after each; 0: never, plain
            online assignment).
        window_days: stories whose dates are further apart than this are not candidates.
        time_penalty: logit subtracted per window of date gap (hand-set; see module docs).
        max_candidates: stories scored per article.
        relink_max_articles: neighbourhoods with more articles than this are not relinked
            (big stories are stable, and the cost of relinking grows with their size; 40
            gives the same ECB+ dev scores as 80 with a lower p99 latency).
        split_min_articles: when an article's neighbourhood is its own story alone, that
            story is re-clustered on its own (a split check, see
            :func:`~newsweave.cluster.maintain.split_check`) once it holds this many
            articles; 0: never.
        split_below: a part split off by a split check stays apart only when its story-level
            probability against the kept part is below this (1.0: always stays apart).
        split_min_part: ... and only when it holds at least this many articles.
    """

    weights: Mapping[str, float] = field(default_factory=dict)
    bias: float = 0.0
    join_threshold: float = 0.5
    merge_threshold: float = 0.6
    batch_threshold: float = 0.5
    relink_threshold: float = 0.1
    relink_every: int = 1
    window_days: float = 30.0
    time_penalty: float = 2.0
    max_candidates: int = 8
    relink_max_articles: int = 40
    split_min_articles: int = 0
    split_below: float = 0.1
    split_min_part: int = 2


#: Parameter-set key -> its data file in ``newsweave/cluster/data``.
PARAMS_FILES = {
    "minilm": "cluster_minilm.json",
    "static": "cluster_static.json",
    "none": "cluster_none.json",
}


def read_params_file(key: str) -> dict[str, Any]:
    """The raw contents of a fitted set's data file (weights, thresholds, provenance).

    Raises:
        KeyError: no set was fitted under that key.
    """
    file = PARAMS_FILES[key]
    text = resources.files("newsweave.cluster").joinpath("data", file).read_text("utf-8")
    data: dict[str, Any] = json.loads(text)
    return data


def params_from_data(data: Mapping[str, Any]) -> ClusterParams:
    """Build the parameters a data file describes.

    Raises:
        ValueError: the file's feature list is not :data:`FEATURES` (stale weights).
    """
    if list(data["features"]) != list(FEATURES) or set(data["weights"]) != set(FEATURES):
        raise ValueError(f"fitted features {data['features']} do not match {list(FEATURES)}")
    priors = data.get("priors", {})
    unset = ClusterParams()
    return ClusterParams(
        weights={name: float(data["weights"][name]) for name in FEATURES},
        bias=float(data["bias"]),
        join_threshold=float(data["join_threshold"]),
        merge_threshold=float(data["merge_threshold"]),
        batch_threshold=float(data["batch_threshold"]),
        relink_threshold=float(data["relink_threshold"]),
        split_min_articles=int(data.get("split_min_articles", unset.split_min_articles)),
        split_below=float(data.get("split_below", unset.split_below)),
        split_min_part=int(data.get("split_min_part", unset.split_min_part)),
        window_days=float(priors.get("window_days", unset.window_days)),
        time_penalty=float(priors.get("time_penalty", unset.time_penalty)),
    )


#: The fitted sets by key, read once from the packaged data files (constant data).
PARAMS: dict[str, ClusterParams] = {
    key: params_from_data(read_params_file(key)) for key in PARAMS_FILES
}


def default_params(embedder: str = "minilm") -> ClusterParams:
    """Return the tuned parameters for an embedder key ("minilm", "static" or "none").

    Raises:
        KeyError: no parameters were fitted for that embedder.
    """
    return PARAMS[embedder]
