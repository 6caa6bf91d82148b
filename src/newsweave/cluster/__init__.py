"""Story clustering: online assignment, batch mode, maintenance and explanations.

Its scores against gold labels are in :mod:`newsweave.evaluation.clusters`.
"""

from __future__ import annotations

from newsweave.cluster.batch import cluster_batch
from newsweave.cluster.clusterer import Assignment, Candidate, StoryClusterer
from newsweave.cluster.codec import from_state, to_state
from newsweave.cluster.explain import MemberExplanation, explain_member
from newsweave.cluster.features import ArticleFeatures, extract, lead
from newsweave.cluster.maintain import add_and_relink, merge_pass, relink, split_story
from newsweave.cluster.params import ClusterParams, default_params

__all__ = [
    "ArticleFeatures",
    "Assignment",
    "Candidate",
    "ClusterParams",
    "MemberExplanation",
    "StoryClusterer",
    "add_and_relink",
    "cluster_batch",
    "default_params",
    "explain_member",
    "extract",
    "from_state",
    "lead",
    "merge_pass",
    "relink",
    "split_story",
    "to_state",
]
