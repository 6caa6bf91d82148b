"""Online story clustering: each article joins its best candidate story or starts a new one.

The clusterer is a plain, picklable object holding only data (document frequencies, story
profiles, the inverted index, the article -> story map); :mod:`newsweave.cluster.codec` turns
it into JSON-able data the engine can keep in its store.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field

from newsweave.cluster.aliases import StoryAliases
from newsweave.cluster.features import ArticleFeatures
from newsweave.cluster.index import InvertedIndex, both_keys
from newsweave.cluster.params import ClusterParams
from newsweave.cluster.profile import Sketch, StoryProfile, make_sketch
from newsweave.cluster.scoring import (
    PairMemo,
    features,
    prepare,
    probability_of,
    story_view,
    weight_vector,
)
from newsweave.cluster.tfidf import DocFreq, tfidf_weights
from newsweave.model import stable_id

#: Stories whose scoring view (:class:`~newsweave.cluster.scoring.StoryView`) is kept at
#: once. The least recently scored story drops its view first, and rebuilds the same one when
#: scored again; so cached views cost a fixed amount of memory however many stories there are.
MAX_VIEWS = 2048


@dataclass(frozen=True, slots=True)
class Candidate:
    """One scored candidate story for an article."""

    story_id: str
    probability: float
    values: tuple[float, ...]


@dataclass(frozen=True, slots=True)
class Assignment:
    """Where an article went and why.

    Attributes:
        article_id: the article.
        story_id: its story (current id; merged ids resolve to the surviving story).
        created: the article started a new story.
        probability: model probability for the chosen story (0.0 for a new story).
        candidates: every scored candidate, best first.
        merged: story ids folded into ``story_id`` right after this article joined.
    """

    article_id: str
    story_id: str
    created: bool
    probability: float
    candidates: tuple[Candidate, ...] = ()
    merged: tuple[str, ...] = ()


@dataclass(slots=True)
class StoryClusterer:
    """Incremental clusterer over :class:`ArticleFeatures`.

    Attributes:
        params: weights and thresholds.
        terms: document frequencies of content terms.
        names: document frequencies of name keys.
        stories: live stories by id.
        aliases: merged story id -> the id it was merged into.
        assigned: article id -> story id at the time it was assigned.
        index: key -> stories posting lists.
        memo: what relinking computed, reused while the IDF barely moves (a cache, not state).
        viewed: stories holding a cached view, least recently scored first (not state).
    """

    params: ClusterParams
    terms: DocFreq = field(default_factory=DocFreq)
    names: DocFreq = field(default_factory=DocFreq)
    stories: dict[str, StoryProfile] = field(default_factory=dict)
    aliases: StoryAliases = field(default_factory=StoryAliases)
    assigned: dict[str, str] = field(default_factory=dict)
    index: InvertedIndex = field(default_factory=InvertedIndex)
    memo: PairMemo = field(default_factory=PairMemo, compare=False, repr=False)
    viewed: dict[str, None] = field(default_factory=dict, compare=False, repr=False)

    def resolve(self, story_id: str) -> str:
        """Follow merge aliases to the live story id."""
        return self.aliases.resolve(story_id)

    def story_of(self, article_id: str) -> str | None:
        """Return the live story of an article, or ``None`` when it was never added."""
        sid = self.assigned.get(article_id)
        return None if sid is None else self.resolve(sid)

    def score(self, feats: ArticleFeatures) -> tuple[Sketch, list[Candidate]]:
        """Score the candidate stories of an article without changing any state."""
        weights = tfidf_weights(feats.terms, self.terms)
        keys, _ = both_keys(feats, self.terms, self.names, weights)
        return self._score(feats, keys, weights)

    def _score(
        self, feats: ArticleFeatures, keys: list[tuple[str, float]], terms: Mapping[str, float]
    ) -> tuple[Sketch, list[Candidate]]:
        """Score ``feats`` (look-up ``keys``, TF-IDF ``terms`` weights) against its candidates."""
        params = self.params
        probe = make_sketch(feats, self.terms, self.names, terms)
        ids = self.index.candidates(keys, params.max_candidates, self.aliases)
        out = []
        prepared = prepare(probe, self.terms, self.names)
        weights = weight_vector(params.weights)
        for sid in ids:
            story = self._viewing(sid)
            gap = _gap_windows(feats, story, params.window_days)
            if gap is not None and gap > 1.0:
                continue
            values = features(prepared, story, self.terms, self.names)
            prob = probability_of(values, weights, params.bias - self._penalty(gap))
            out.append(Candidate(sid, prob, tuple(values)))
        out.sort(key=lambda c: (-c.probability, c.story_id))
        return probe, out

    def _viewing(self, story_id: str) -> StoryProfile:
        """The live story ``story_id``, about to be scored: its view is the newest kept."""
        viewed = self.viewed
        viewed.pop(story_id, None)
        viewed[story_id] = None
        if len(viewed) > MAX_VIEWS:
            oldest = next(iter(viewed))
            del viewed[oldest]
            dropped = self.stories.get(oldest)
            if dropped is not None:
                dropped.view = None
        return self.stories[story_id]

    def _penalty(self, gap: float | None) -> float:
        return 0.0 if gap is None else self.params.time_penalty * gap

    def add(self, feats: ArticleFeatures) -> Assignment:
        """Assign one article; adding an article id a second time changes nothing."""
        known = self.story_of(feats.article_id)
        if known is not None:
            return Assignment(feats.article_id, known, created=False, probability=1.0)
        self.terms.add(feats.terms)
        self.names.add(feats.entities)
        # Look-up and index keys under the same frequencies: computed together, once.
        weights = tfidf_weights(feats.terms, self.terms)
        looked, indexed = both_keys(feats, self.terms, self.names, weights)
        probe, cands = self._score(feats, looked, weights)
        best = cands[0] if cands and cands[0].probability > self.params.join_threshold else None
        sid = best.story_id if best else stable_id("st", feats.article_id)
        self.attach(feats, sid, probe, indexed)
        merged = self._merge_neighbours(sid, cands) if best else ()
        return Assignment(
            feats.article_id,
            self.resolve(sid),
            created=best is None,
            probability=best.probability if best else 0.0,
            candidates=tuple(cands),
            merged=merged,
        )

    def attach(
        self,
        feats: ArticleFeatures,
        story_id: str,
        probe: Sketch | None = None,
        keys: list[tuple[str, float]] | None = None,
    ) -> None:
        """Put an article into ``story_id`` (created when new) and index it there.

        ``probe`` and ``keys`` (its index keys, as :func:`both_keys` gives them), when given,
        must have been computed under the current document frequencies.
        """
        story = self.stories.get(story_id)
        if story is None:
            story = self.stories[story_id] = StoryProfile(id=story_id)
        if probe is None or keys is None:
            weights = tfidf_weights(feats.terms, self.terms)
            if probe is None:
                probe = make_sketch(feats, self.terms, self.names, weights)
            if keys is None:
                keys = both_keys(feats, self.terms, self.names, weights)[1]
        story.add(feats, probe)
        self.assigned[feats.article_id] = story_id
        self.index.add((k for k, _ in keys), story_id)

    def story_probability(self, a: str, b: str) -> float:
        """Mean probability of the sketches of story ``a`` against story ``b`` and back."""
        sa, sb = self._viewing(a), self._viewing(b)
        return (self._one_way(sa, sb) + self._one_way(sb, sa)) / 2

    def _one_way(self, src: StoryProfile, dst: StoryProfile) -> float:
        weights = weight_vector(self.params.weights)
        members = set(dst.members) if len(src.sketches) > 1 else dst.members
        probs = [
            probability_of(
                features(prepare(s, self.terms, self.names), dst, self.terms, self.names),
                weights,
                self.params.bias,
            )
            for s in src.sketches
            if s.article_id not in members
        ]
        return math.fsum(probs) / len(probs) if probs else 0.0

    def _probes(self, src: StoryProfile, dst: StoryProfile) -> list[Sketch]:
        members = set(dst.members) if len(src.sketches) > 1 else dst.members
        return [s for s in src.sketches if s.article_id not in members]

    def _mutual_above(self, a: str, b: str, threshold: float) -> bool:
        """``story_probability(a, b) > threshold``, stopping once the answer is certain.

        The mean is bounded after each sketch (probabilities lie in [0, 1]); a margin far
        above rounding error keeps the answer exactly that of the full computation, which
        runs when the bounds straddle the threshold. The side with fewer sketches goes first:
        each of its sketches weighs more, so the bounds close sooner.
        """
        sa, sb = self._viewing(a), self._viewing(b)
        sides = [(p, sb) for p in self._probes(sa, sb)], [(p, sa) for p in self._probes(sb, sa)]
        for side, dst in zip(sides, (sb, sa), strict=True):
            if side:  # refresh the cached views exactly as the full computation would
                story_view(dst, self.terms, self.names)
        weights = weight_vector(self.params.weights)
        scale = [1.0 / (2 * len(side)) if side else 0.0 for side in sides]
        low, left, margin = (
            0.0,
            sum(len(side) * w for side, w in zip(sides, scale, strict=True)),
            1e-9,
        )
        heavy_first = sorted(zip(sides, scale, strict=True), key=lambda sw: -sw[1])
        for side, w in heavy_first:
            for sketch, dst in side:
                values = features(
                    prepare(sketch, self.terms, self.names), dst, self.terms, self.names
                )
                low += w * probability_of(values, weights, self.params.bias)
                left -= w
                if low > threshold + margin:
                    return True
                if low + left < threshold - margin:
                    return False
        return self.story_probability(a, b) > threshold

    def merge(self, keep: str, gone: str) -> None:
        """Fold story ``gone`` into ``keep``; ``gone`` stays resolvable as an alias."""
        keep, gone = self.resolve(keep), self.resolve(gone)
        if keep == gone:
            return
        story = self.stories.pop(gone)
        self.stories[keep].absorb(story)
        self.aliases[gone] = keep

    def _merge_neighbours(self, sid: str, cands: list[Candidate]) -> tuple[str, ...]:
        """Merge stories the new article bridges, when the stories also match each other."""
        merged: list[str] = []
        for cand in cands[1:4]:
            other = self.resolve(cand.story_id)
            live = self.resolve(sid)
            if other == live or cand.probability <= self.params.join_threshold:
                continue
            if self._mutual_above(live, other, self.params.merge_threshold):
                keep, gone = sorted((live, other), key=lambda s: (-self.stories[s].size, s))
                self.merge(keep, gone)
                merged.append(gone)
        return tuple(merged)


def _gap_windows(feats: ArticleFeatures, story: StoryProfile, window_days: float) -> float | None:
    """Date gap between the article and the story, in windows; ``None`` without dates."""
    if feats.date is None or story.first is None or story.last is None:
        return None
    if story.first <= feats.date <= story.last:
        return 0.0
    nearest = story.first if feats.date < story.first else story.last
    return abs((feats.date - nearest).total_seconds()) / 86400.0 / window_days
