"""Story clustering: online assignment, batch mode, maintenance, explanations and metrics."""

from __future__ import annotations

from newsweave.cluster.batch import cluster_batch
from newsweave.cluster.clusterer import Assignment, Candidate, StoryClusterer
from newsweave.cluster.explain import MemberExplanation, explain_member
from newsweave.cluster.features import ArticleFeatures, extract, lead
from newsweave.cluster.maintain import merge_pass, split_story
from newsweave.cluster.params import ClusterParams
from newsweave.cluster.state import from_state, to_state

__all__ = [
    "ArticleFeatures",
    "Assignment",
    "Candidate",
    "ClusterParams",
    "MemberExplanation",
    "StoryClusterer",
    "cluster_batch",
    "explain_member",
    "extract",
    "from_state",
    "lead",
    "merge_pass",
    "split_story",
    "to_state",
]
