"""Maintenance of live stories: merge the ones that grew together, split the ones that drifted."""

from __future__ import annotations

import heapq
from collections.abc import Sequence

from newsweave.cluster.batch import cluster_batch
from newsweave.cluster.clusterer import StoryClusterer
from newsweave.cluster.features import ArticleFeatures
from newsweave.cluster.profile import StoryProfile
from newsweave.model import stable_id

#: Name and term keys of a story used to look up merge candidates.
STORY_KEYS = 16


def _story_keys(clu: StoryClusterer, story: StoryProfile) -> list[tuple[str, float]]:
    names = heapq.nlargest(
        STORY_KEYS,
        ((f"n:{k}", c * clu.names.idf(k)) for k, c in story.entities.items() if c >= 2),
        key=lambda kv: (kv[1], kv[0]),
    )
    terms = heapq.nlargest(
        STORY_KEYS,
        ((f"t:{k}", w * clu.terms.idf(k)) for k, w in story.terms.items()),
        key=lambda kv: (kv[1], kv[0]),
    )
    return names + terms


def merge_pass(clu: StoryClusterer) -> list[tuple[str, str]]:
    """Merge every pair of stories whose mutual probability exceeds the merge threshold.

    Returns ``(kept, merged)`` id pairs; the larger story keeps its id (ties: smaller id).
    """
    done: list[tuple[str, str]] = []
    for sid in sorted(clu.stories):
        if sid not in clu.stories:
            continue
        keys = _story_keys(clu, clu.stories[sid])
        for other in clu.index.candidates(keys, clu.params.max_candidates, clu.resolve):
            live = clu.resolve(sid)
            if other == live or other not in clu.stories:
                continue
            if clu.story_probability(live, other) > clu.params.merge_threshold:
                keep, gone = sorted((live, other), key=lambda s: (-clu.stories[s].size, s))
                clu.merge(keep, gone)
                done.append((keep, gone))
    return done


def split_story(
    clu: StoryClusterer, story_id: str, members: Sequence[ArticleFeatures]
) -> list[str]:
    """Re-cluster one story's members in batch mode and split it if they fall apart.

    Args:
        clu: the clusterer.
        story_id: the story to check.
        members: features of all its member articles (the engine loads them from storage).

    Returns:
        The story ids the members now belong to; the part holding the most members keeps
        ``story_id``, the others get ids from their earliest member.
    """
    sid = clu.resolve(story_id)
    parts = cluster_batch(members, clu.params)
    groups = sorted(parts.stories.values(), key=lambda p: (-p.size, p.id))
    if len(groups) < 2:
        return [sid]
    by_id = {f.article_id: f for f in members}
    old = clu.stories.pop(sid)
    out = []
    for rank, group in enumerate(groups):
        new_id = sid if rank == 0 else stable_id("st", group.members[0])
        for aid in group.members:
            clu.assigned.pop(aid, None)
            clu.attach(by_id[aid], new_id)
        out.append(new_id)
    clu.stories[sid].aliases.extend(old.aliases)
    return out
