"""Story profiles: the bounded summary of a story that new articles are compared with.

A profile never keeps every member's text: it holds summed term weights (trimmed to the
strongest :data:`MAX_TERMS`), how many members mention each name, number, year and month, the
sum of member embeddings, and up to :data:`MAX_SKETCHES` member sketches for link scores. Its
size is bounded whatever the story's size, which keeps memory per indexed article small.
"""

from __future__ import annotations

import sys
from array import array
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import datetime

import numpy as np
import numpy.typing as npt

from newsweave.cluster.features import ArticleFeatures
from newsweave.cluster.tfidf import (
    DocFreq,
    SparseVec,
    l2_norm,
    tf_weights,
    tfidf,
    tfidf_weights,
    top_items,
    unit_length,
)

#: Summed term weights kept per story (the rest is trimmed as the story grows).
MAX_TERMS = 64
#: Member sketches kept per story for average/max link scores.
MAX_SKETCHES = 6
#: Terms and names kept in one member sketch.
SKETCH_TERMS = 32
SKETCH_NAMES = 16
#: Most mentioned names of an article kept as its protagonists.
TOP_NAMES = 3
#: Stories with fewer members keep their embedding sum as float16, half the memory of
#: float32: most stories are small, and a sum of a few unit vectors is far inside float16's
#: range. Larger stories keep float32 (no rounding builds up; their members share its cost).
HALF_SUM_BELOW = 16
#: Longest count table whose all-one values come from a shared array.
MAX_SHARED_ONES = 256


@dataclass(frozen=True, slots=True)
class Sketch:
    """A compact copy of one member: its strongest TF-IDF terms, names and embedding.

    A fresh sketch (:func:`make_sketch`) holds dicts, frozensets and a float16 embedding; the
    copy a story keeps (:func:`stored`) holds packed vectors, sorted tuples and the embedding
    quantised to int8 (times ``emb_scale``), kept as the bytes of its codes (33 bytes of
    overhead where a numpy array has 112), which cost a fraction of the memory.
    """

    article_id: str
    vector: Mapping[str, float]
    entities: Collection[str]
    lead_entities: Collection[str] = frozenset()
    numbers: Collection[str] = frozenset()
    years: Collection[str] = frozenset()
    months: Collection[str] = frozenset()
    embedding: npt.NDArray[np.float16] | bytes | None = field(default=None, compare=False)
    names: Mapping[str, float] = field(default_factory=dict)
    top_names: tuple[str, ...] = ()
    emb_scale: float = field(default=1.0, compare=False)

    def embedding_f32(self) -> npt.NDArray[np.float32] | None:
        """The embedding as float32 (de-quantised when stored as int8)."""
        if self.embedding is None:
            return None
        if isinstance(self.embedding, bytes):
            codes = np.frombuffer(self.embedding, dtype=np.int8)
            return codes.astype(np.float32) * np.float32(self.emb_scale)
        return self.embedding.astype(np.float32)

    def codes(self) -> npt.NDArray[np.int8] | None:
        """A stored sketch's int8 embedding codes (a view of its bytes); ``None`` otherwise."""
        if isinstance(self.embedding, bytes):
            return np.frombuffer(self.embedding, dtype=np.int8)
        return None


def top_names(counts: Mapping[str, float], keep: int) -> tuple[str, ...]:
    """The ``keep`` most mentioned names, most first (ties: the larger key, for determinism)."""
    return tuple(k for k, _ in top_items(counts, keep))


def _top_unit(vec: dict[str, float], keep: int) -> dict[str, float]:
    """Keep the ``keep`` largest entries (interned keys) and rescale to unit length."""
    if len(vec) > keep:
        vec = dict(top_items(vec, keep))
    norm = l2_norm(list(vec.values()))
    intern = sys.intern
    return {intern(k): v / norm for k, v in vec.items()} if norm > 0 else {}


def make_sketch(
    feats: ArticleFeatures,
    freq: DocFreq,
    names: DocFreq | None = None,
    weights: Mapping[str, float] | None = None,
) -> Sketch:
    """Build the sketch of an article under the current term (and name) IDF.

    ``weights``, when given, must be ``tfidf_weights(feats.terms, freq)`` (callers that also
    pick index keys compute them once for both).
    """
    names = names if names is not None else DocFreq()
    if weights is None:
        weights = tfidf_weights(feats.terms, freq)
    vec = _top_unit(unit_length(weights), SKETCH_TERMS)
    emb = None if feats.embedding is None else feats.embedding.astype(np.float16)
    return Sketch(
        feats.article_id,
        vec,
        feats.entities,
        feats.lead_entities,
        feats.numbers,
        feats.years,
        feats.months,
        emb,
        _top_unit(tfidf(feats.name_counts, names), SKETCH_NAMES),
        top_names(feats.name_counts, TOP_NAMES),
    )


def quantize(
    emb: npt.NDArray[np.float16] | npt.NDArray[np.int8] | None, scale: float = 1.0
) -> tuple[npt.NDArray[np.int8] | None, float]:
    """Symmetric int8 quantisation with one scale per vector (int8 input is returned as is).

    A 256-dimension embedding costs 368 bytes instead of 624 as float16; the cosine it gives
    moves by about 1e-3, far below what the link feature's weight can notice (checked on ECB+
    dev and by the quality gate).
    """
    if emb is None or emb.dtype == np.int8:
        return emb, scale  # type: ignore[return-value]
    values = emb.astype(np.float32)
    top = float(np.abs(values).max())
    if top == 0.0:
        return np.zeros(len(values), dtype=np.int8), 1.0
    step = top / 127.0
    return np.rint(values / step).astype(np.int8), step


def _packed(keys: Collection[str]) -> tuple[str, ...]:
    """A small set as a sorted tuple (an empty one is the shared empty tuple)."""
    return tuple(sorted(keys))


def stored(sketch: Sketch) -> Sketch:
    """The compact copy a story keeps: packed vectors, names cut to the strongest ones.

    Its ``entities`` are the kept names plus any headline names among the rest; usually there
    are none, and the tuple is then the name vector's own key tuple (no extra memory).
    """
    if isinstance(sketch.vector, SparseVec) and isinstance(sketch.names, SparseVec):
        return sketch
    names = SparseVec(sketch.names)
    leads = _packed(sketch.lead_entities)
    extra = tuple(k for k in leads if k not in names.keys_)
    emb, scale = sketch.embedding, sketch.emb_scale
    if not isinstance(emb, bytes):
        codes, scale = quantize(emb, scale)
        emb = None if codes is None else codes.tobytes()
    return replace(
        sketch,
        embedding=emb,
        emb_scale=scale,
        vector=SparseVec(sketch.vector),
        names=names,
        entities=names.keys_ + extra if extra else names.keys_,
        lead_entities=leads,
        numbers=_packed(sketch.numbers),
        years=_packed(sketch.years),
        months=_packed(sketch.months),
    )


def _pack_terms(terms: dict[str, float]) -> SparseVec:
    """Trim summed term weights to the strongest :data:`MAX_TERMS` past 1.5 times that; pack them.

    A dict of 96 floats costs about 4.6 KB, the packed form about 1.6 KB.
    """
    if len(terms) > MAX_TERMS + MAX_TERMS // 2:
        terms = dict(top_items(terms, MAX_TERMS))
    return SparseVec(terms, "d")


#: Shared empty packed mappings (they are read-only, so every empty field can use one).
_EMPTY_COUNTS: Mapping[str, int] = SparseVec({}, "i")  # type: ignore[assignment]
_EMPTY_SUMS: Mapping[str, float] = SparseVec({}, "d")


#: Value arrays of count tables whose counts are all one, by length, shared by every such
#: table: a one-article story's tables are all like that, and most stories have one article.
_ONES: dict[int, array[int]] = {}


def pack_counts(counts: Mapping[str, int]) -> Mapping[str, int]:
    """Counts as a packed read-only mapping (int32 values; empty ones share one object)."""
    if not counts:
        return _EMPTY_COUNTS
    if len(counts) <= MAX_SHARED_ONES and set(counts.values()) == {1}:
        n = len(counts)
        ones = _ONES.get(n)
        if ones is None:
            ones = _ONES[n] = array("i", [1] * n)
        return SparseVec.of(tuple(counts), ones)  # type: ignore[return-value]
    return SparseVec(counts, "i")  # type: ignore[return-value]


def pack_sums(sums: Mapping[str, float]) -> Mapping[str, float]:
    """Float sums as a packed read-only mapping (exact doubles; empty ones share one object)."""
    return SparseVec(sums, "d") if sums else _EMPTY_SUMS


def count_more(counts: Mapping[str, int], keys: Iterable[str]) -> Mapping[str, int]:
    """``counts`` plus one for each of ``keys`` (as ``Counter.update`` would), packed."""
    keys = list(keys)
    if not keys and isinstance(counts, SparseVec):
        return counts  # (packed mappings are read-only: nothing to copy)
    out = dict(counts.items())
    get = out.get
    for key in keys:
        out[key] = get(key, 0) + 1
    return pack_counts(out)


def add_counts(counts: Mapping[str, int], more: Mapping[str, int]) -> Mapping[str, int]:
    """``counts`` plus ``more``, packed."""
    out = dict(counts.items())
    for key, n in more.items():
        out[key] = out.get(key, 0) + n
    return pack_counts(out)


def _add_weights(sums: Mapping[str, float], counts: Mapping[str, int]) -> dict[str, float]:
    """``sums`` plus the sub-linear weight of each count, as a new dict."""
    out = dict(sums.items())
    get = out.get
    for key, weight in zip(counts, tf_weights(counts.values()), strict=True):
        out[key] = get(key, 0.0) + weight
    return out


@dataclass(slots=True)
class StoryProfile:
    """Running summary of one story.

    Attributes:
        id: stable story id (from the founding article).
        headline: title of the founding article; of the first member with a headline of its
            own when the founder had none (its first sentence stood in).
        derived_headline: ``headline`` is such a stand-in.
        members: article ids in arrival order.
        terms: summed sub-linear term weights of members (packed; exact doubles).
        entities: members mentioning each name key. This and the other counts and sums are
            read-only packed mappings (:class:`~newsweave.cluster.tfidf.SparseVec`), rebuilt
            when the story changes: a story is read far more often than it grows, and the
            packed form costs a third of a dict.
        lead_entities: members whose headline mentions each name key.
        name_mass: summed sub-linear mention counts of each name.
        numbers / years / months: members mentioning each.
        emb_sum: sum of member embeddings (``None`` until one has an embedding); float16
            while the story is small (:data:`HALF_SUM_BELOW`), float32 after.
        sketches: up to :data:`MAX_SKETCHES` member sketches (the founder and the latest).
        first / last: earliest and latest member dates, when known.
        aliases: ids of stories merged into this one.
        view: scoring cache (:class:`~newsweave.cluster.scoring.StoryView`); not state.
    """

    id: str
    headline: str = ""
    derived_headline: bool = False
    members: list[str] = field(default_factory=list)
    terms: Mapping[str, float] = field(default_factory=dict)
    entities: Mapping[str, int] = field(default_factory=lambda: _EMPTY_COUNTS)
    lead_entities: Mapping[str, int] = field(default_factory=lambda: _EMPTY_COUNTS)
    name_mass: Mapping[str, float] = field(default_factory=lambda: _EMPTY_SUMS)
    numbers: Mapping[str, int] = field(default_factory=lambda: _EMPTY_COUNTS)
    years: Mapping[str, int] = field(default_factory=lambda: _EMPTY_COUNTS)
    months: Mapping[str, int] = field(default_factory=lambda: _EMPTY_COUNTS)
    emb_sum: npt.NDArray[np.float32] | npt.NDArray[np.float16] | None = None
    sketches: list[Sketch] = field(default_factory=list)
    first: datetime | None = None
    last: datetime | None = None
    aliases: list[str] = field(default_factory=list)
    view: object = field(default=None, compare=False, repr=False)

    @property
    def size(self) -> int:
        """Number of member articles."""
        return len(self.members)

    def add(self, feats: ArticleFeatures, sketch: Sketch) -> None:
        """Fold one article into the profile."""
        if not self.members or (self.derived_headline and not feats.derived_title):
            self.headline, self.derived_headline = feats.title, feats.derived_title
        self.view = None
        self.members.append(feats.article_id)
        self.terms = _pack_terms(_add_weights(self.terms, feats.terms))
        self.entities = count_more(self.entities, feats.entities)
        self.lead_entities = count_more(self.lead_entities, feats.lead_entities)
        self.name_mass = pack_sums(_add_weights(self.name_mass, feats.name_counts))
        self.numbers = count_more(self.numbers, feats.numbers)
        self.years = count_more(self.years, feats.years)
        self.months = count_more(self.months, feats.months)
        if feats.embedding is not None:
            emb = feats.embedding.astype(np.float32)
            self.emb_sum = _kept_sum(emb if self.emb_sum is None else self.emb_sum + emb, self.size)
        self._add_sketch(sketch)
        if feats.date is not None:
            self.first = feats.date if self.first is None else min(self.first, feats.date)
            self.last = feats.date if self.last is None else max(self.last, feats.date)

    def _add_sketch(self, sketch: Sketch) -> None:
        # Keep the founder (it defines the story) and the most recent members (drift).
        if len(self.sketches) >= MAX_SKETCHES:
            del self.sketches[1]
        self.sketches.append(stored(sketch))

    def absorb(self, other: StoryProfile) -> None:
        """Merge ``other`` into this profile; its id becomes an alias of this one."""
        self.view = None
        self.members.extend(other.members)
        terms = dict(self.terms.items())
        for term, weight in other.terms.items():
            terms[term] = terms.get(term, 0.0) + weight
        self.terms = _pack_terms(terms)
        self.entities = add_counts(self.entities, other.entities)
        self.lead_entities = add_counts(self.lead_entities, other.lead_entities)
        mass = dict(self.name_mass.items())
        for key, weight in other.name_mass.items():
            mass[key] = mass.get(key, 0.0) + weight
        self.name_mass = pack_sums(mass)
        self.numbers = add_counts(self.numbers, other.numbers)
        self.years = add_counts(self.years, other.years)
        self.months = add_counts(self.months, other.months)
        if other.emb_sum is not None:
            total = other.emb_sum.astype(np.float32)
            self.emb_sum = _kept_sum(
                total if self.emb_sum is None else total + self.emb_sum, self.size
            )
        for sketch in other.sketches:
            self._add_sketch(sketch)
        dates = [d for d in (self.first, self.last, other.first, other.last) if d is not None]
        self.first = min(dates) if dates else None
        self.last = max(dates) if dates else None
        self.aliases.extend([other.id, *other.aliases])
        if self.derived_headline and not other.derived_headline:
            self.headline, self.derived_headline = other.headline, False


def _kept_sum(
    total: npt.NDArray[np.float32], size: int
) -> npt.NDArray[np.float32] | npt.NDArray[np.float16]:
    """An embedding sum as a story of ``size`` members keeps it (see :data:`HALF_SUM_BELOW`)."""
    return total.astype(np.float16) if size < HALF_SUM_BELOW else total
