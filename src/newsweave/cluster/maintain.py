"""Maintenance of live stories: merge the ones that grew together, split the ones that drifted."""

from __future__ import annotations

import heapq
from collections import Counter
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import replace
from itertools import count

from newsweave.cluster.batch import average_link, canonical, cluster_batch, scored_pairs
from newsweave.cluster.clusterer import Assignment, StoryClusterer
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
        for other in clu.index.candidates(keys, clu.params.max_candidates, clu.aliases):
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
    out: list[str] = []
    for rank, group in enumerate(groups):
        new_id = sid if rank == 0 else _fresh_id([by_id[a] for a in group.members], set(out), clu)
        clu.aliases.pop(new_id, None)
        for aid in group.members:
            clu.assigned.pop(aid, None)
            clu.attach(by_id[aid], new_id)
        out.append(new_id)
    clu.stories[sid].aliases.extend(old.aliases)
    return out


def relink(
    clu: StoryClusterer,
    story_ids: Sequence[str],
    members: Mapping[str, ArticleFeatures],
    *,
    min_part: int = 1,
) -> dict[str, str]:
    """Re-cluster the articles of a few neighbouring stories together, in batch mode.

    Online decisions are taken one article at a time; once more articles have arrived, a
    batch view of the neighbourhood can move them. Each new group keeps the id of the old
    story that gives it the most articles (ids stay stable); an old story left with no
    group becomes an alias of the group that took most of its articles.

    Args:
        clu: the clusterer.
        story_ids: the neighbourhood (merged ids are resolved).
        members: features of every member article, by article id (from storage).
        min_part: groups with fewer articles than this join the largest group instead.

    Returns:
        Article id -> story id for every article whose story changed.
    """
    stories = sorted({clu.resolve(s) for s in story_ids} & set(clu.stories))
    if not stories:
        return {}
    before = {a: s for s in stories for a in clu.stories[s].members}
    ordered = canonical([members[a] for a in before])
    # The frequencies do not change while relinking: the sketches and index keys made for
    # scoring are the ones attaching needs.
    scores, sketches, keys = scored_pairs(ordered, clu.params, (clu.terms, clu.names), clu.memo)
    labels = average_link(len(ordered), scores, clu.params.batch_threshold)
    if min_part > 1:
        labels = _fold_small(labels, min_part)
    groups: dict[int, list[ArticleFeatures]] = {}
    for f, label in zip(ordered, labels, strict=True):
        groups.setdefault(label, []).append(f)
    if len(groups) == len(stories) and all(
        len({before[f.article_id] for f in g}) == 1 for g in groups.values()
    ):
        return {}  # the same partition: nothing moves, the stories stay as they are
    names = _name_groups(groups, before, clu)
    new_of = {f.article_id: names[label] for f, label in zip(ordered, labels, strict=True)}
    old = {s: clu.stories.pop(s) for s in stories}
    for i, f in enumerate(ordered):
        clu.aliases.pop(new_of[f.article_id], None)
        clu.attach(f, new_of[f.article_id], sketches[i], keys[i])
    for sid, profile in old.items():
        if sid in clu.stories:
            clu.stories[sid].aliases.extend(profile.aliases)
        else:
            took = Counter(new_of[a] for a in profile.members)
            clu.aliases[sid] = took.most_common(1)[0][0]
    return {a: new_of[a] for a, s in before.items() if new_of[a] != s}


def _fold_small(labels: list[int], least: int) -> list[int]:
    """Labels with every group smaller than ``least`` relabelled as the largest group."""
    sizes = Counter(labels)
    main = min(sizes, key=lambda label: (-sizes[label], label))
    return [label if sizes[label] >= least else main for label in labels]


def _name_groups(
    groups: Mapping[int, list[ArticleFeatures]], before: Mapping[str, str], clu: StoryClusterer
) -> dict[int, str]:
    """Give each group the old id contributing most of its articles, biggest groups first.

    A group left without an old id (a part split off) gets a new one: that of its earliest
    member whose id is free (:func:`_fresh_id`); an id already taken is never reused, so a
    split-off part cannot take the id of the part that kept it.
    """
    names: dict[int, str] = {}
    used: set[str] = set()
    for label, feats in sorted(groups.items(), key=lambda kv: (-len(kv[1]), kv[0])):
        votes = Counter(before[f.article_id] for f in feats)
        for sid, _ in sorted(votes.items(), key=lambda kv: (-kv[1], kv[0])):
            if sid not in used:
                names[label] = sid
                break
        else:
            names[label] = _fresh_id(feats, used | set(before.values()), clu)
        used.add(names[label])
    return names


def _fresh_id(feats: Sequence[ArticleFeatures], taken: set[str], clu: StoryClusterer) -> str:
    """A story id for a new group: that of its earliest member whose id is free.

    Free: not given to another group of this relink, not one of the stories relinked, not a
    live story elsewhere. A merged-away id may come back (relinking drops its alias), as
    before. Should every member's id be taken, a numbered variant of the first one is.
    """
    for f in feats:
        sid = stable_id("st", f.article_id)
        if sid not in taken and sid not in clu.stories:
            return sid
    for n in count(1):
        sid = stable_id("st", feats[0].article_id, str(n))
        if sid not in taken and sid not in clu.stories:
            return sid
    raise AssertionError("unreachable")


def add_and_relink(
    clu: StoryClusterer, feats: ArticleFeatures, members: Mapping[str, ArticleFeatures]
) -> tuple[Assignment, dict[str, str]]:
    """Online step with maintenance: assign the article, then relink its neighbourhood.

    Relinking runs after every ``params.relink_every``-th article (never when it is 0). The
    neighbourhood is the article's story plus every candidate scored above
    ``params.relink_threshold``; when it spans two stories or more they are re-clustered
    together (:func:`relink`), which lets earlier articles move as evidence accumulates.

    Args:
        clu: the clusterer.
        feats: the new article.
        members: features of already added articles by id (the engine reads them from its
            store); ``feats`` itself need not be in it.

    Returns:
        The assignment (with the article's story after relinking) and the other articles
        whose story changed.
    """
    got = clu.add(feats)
    every = clu.params.relink_every
    if every <= 0 or len(clu.assigned) % every:
        return got, {}  # relinking is off, or not due at this article (``relink_every``)
    near = [c.story_id for c in got.candidates if c.probability > clu.params.relink_threshold]
    hood = {clu.resolve(s) for s in [got.story_id, *near]}
    size = sum(clu.stories[s].size for s in hood if s in clu.stories)
    if size > clu.params.relink_max_articles:
        return got, {}
    if len(hood) < 2 and not _split_due(clu, got.story_id):
        return got, {}
    lookup = _WithNew(members, feats)
    if len(hood) < 2:
        moved = split_check(clu, got.story_id, lookup)
    else:
        moved = relink(clu, sorted(hood), lookup)
    moved.pop(feats.article_id, None)
    final = clu.story_of(feats.article_id) or got.story_id
    return replace(got, story_id=final), moved


def split_check(
    clu: StoryClusterer, story_id: str, members: Mapping[str, ArticleFeatures]
) -> dict[str, str]:
    """Re-cluster one story alone and split off the parts that no longer match it.

    Relinking re-clusters neighbourhoods of two stories or more; a story that absorbed two
    look-alike events early is a neighbourhood of one, so nothing would ever take it apart.
    Here its members are re-clustered in batch mode (:func:`relink`); the largest part keeps
    the id, and a part stays apart only when it holds ``params.split_min_part`` articles or
    more and its story-level probability against that part is below ``params.split_below``
    (else it is folded back, see :func:`rejoin`): a wrong merge is of two events, each with
    several reports, while one article cut off a story is mostly the batch cut's noise.

    Returns:
        Article id -> story id for every article whose story changed.
    """
    sid = clu.resolve(story_id)
    if sid not in clu.stories:
        return {}
    before = list(clu.stories[sid].members)
    if not relink(clu, [sid], members, min_part=clu.params.split_min_part):
        return {}
    parts = sorted({clu.story_of(a) or sid for a in before}, key=lambda s: (s != sid, s))
    rejoin(clu, parts, clu.params.split_below)
    return {a: new for a in before if (new := clu.story_of(a) or sid) != sid}


def rejoin(clu: StoryClusterer, parts: list[str], below: float) -> list[str]:
    """Fold back the parts of a split that still match the first (main) part as stories.

    Batch re-clustering cuts a story wherever average link falls below the batch threshold;
    a part is only kept apart when its story-level probability against the main part is
    below ``below``. Returns the parts kept, the main one first.
    """
    kept = parts[:1]
    for part in parts[1:]:
        if clu.story_probability(parts[0], part) >= below:
            clu.merge(parts[0], part)
        else:
            kept.append(part)
    return kept


def _split_due(clu: StoryClusterer, story_id: str) -> bool:
    """Whether the story an article joined is re-clustered alone (a split check)."""
    least = clu.params.split_min_articles
    story = clu.stories.get(clu.resolve(story_id))
    return least > 0 and story is not None and story.size >= least


class _WithNew(Mapping[str, ArticleFeatures]):
    """``members`` plus the article being added."""

    def __init__(self, base: Mapping[str, ArticleFeatures], new: ArticleFeatures) -> None:
        self.base, self.new = base, new

    def __getitem__(self, key: str) -> ArticleFeatures:
        return self.new if key == self.new.article_id else self.base[key]

    def __iter__(self) -> Iterator[str]:
        yield self.new.article_id
        yield from (k for k in self.base if k != self.new.article_id)

    def __len__(self) -> int:
        return len(self.base) + (self.new.article_id not in self.base)
