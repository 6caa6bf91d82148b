"""Why an article is in its story: shared names and terms, and the scores behind the decision."""

from __future__ import annotations

import heapq
from dataclasses import dataclass

from newsweave.cluster.clusterer import StoryClusterer
from newsweave.cluster.features import ArticleFeatures
from newsweave.cluster.profile import make_sketch
from newsweave.cluster.scoring import FEATURES, features, probability

#: How many shared names and terms an explanation lists.
TOP_SHARED = 6


@dataclass(frozen=True, slots=True)
class MemberExplanation:
    """The evidence tying one article to its story.

    Attributes:
        article_id: the article.
        story_id: its live story.
        probability: model probability of the article against the story (without itself).
        shared_names: names the article shares with other members, most telling first.
        shared_terms: content terms it shares with the story, most telling first.
        scores: every feature value by name.
    """

    article_id: str
    story_id: str
    probability: float
    shared_names: tuple[str, ...]
    shared_terms: tuple[str, ...]
    scores: dict[str, float]


def explain_member(clu: StoryClusterer, feats: ArticleFeatures) -> MemberExplanation:
    """Explain why ``feats`` (an article already added) belongs to its story.

    The comparison uses the story's current profile, so names and terms the article brought
    in itself are discounted: a name counts only when another member also uses it.
    """
    sid = clu.story_of(feats.article_id)
    if sid is None:
        raise KeyError(feats.article_id)
    story = clu.stories[sid]
    names = [k for k in feats.entities if story.entities.get(k, 0) >= 2 or story.size == 1]
    top_names = heapq.nlargest(TOP_SHARED, names, key=lambda k: (clu.names.idf(k), k))
    terms = [t for t in feats.terms if t in story.terms]
    top_terms = heapq.nlargest(
        TOP_SHARED, terms, key=lambda t: (story.terms[t] * clu.terms.idf(t), t)
    )
    values = features(make_sketch(feats, clu.terms, clu.names), story, clu.terms, clu.names)
    return MemberExplanation(
        article_id=feats.article_id,
        story_id=sid,
        probability=probability(values, clu.params.weights, clu.params.bias),
        shared_names=tuple(top_names),
        shared_terms=tuple(top_terms),
        scores=dict(zip(FEATURES, (round(v, 4) for v in values), strict=True)),
    )
