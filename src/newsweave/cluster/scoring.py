"""Score how well an article (or a story's sketch) fits a story.

The score is a logistic model over similarity features. Its weights were fitted on candidate
pairs from the ECB+ train split (topics 1-35 minus dev) by ``bench/quality/train_cluster.py``
and its thresholds chosen on the ECB+ dev split; the test split was never used. Refit them
together: the features are correlated and a single weight tuned alone means little.
"""

from __future__ import annotations

import math
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from itertools import repeat
from operator import mul
from typing import Any, TypeVar

import numpy as np
import numpy.typing as npt

from newsweave.cluster.profile import TOP_NAMES, Sketch, StoryProfile, top_names
from newsweave.cluster.tfidf import DocFreq, SparseVec, dots, l2_norm

T = TypeVar("T")

FEATURES: tuple[str, ...] = (
    "lex",  # TF-IDF cosine of the article and the story's summed terms
    "emb",  # embedding cosine of the article and the story centroid
    "names_in_story",  # share of the article's names the story also uses (IDF weighted)
    "story_names_here",  # share of the story's usual names the article mentions
    "name_cos",  # cosine of mention-weighted name TF-IDF, article vs story
    "link_name_cos_max",  # best name cosine with a member sketch
    "lead_names_in_story",  # share of the article's headline names the story uses
    "story_leads_here",  # share of the story's headline names the article mentions
    "link_lex_avg",  # mean TF-IDF cosine with member sketches
    "link_lex_max",  # best TF-IDF cosine with a member sketch
    "link_emb_avg",  # mean embedding cosine with member sketches
    "link_names_avg",  # mean IDF-weighted name Jaccard with member sketches
    "link_names_max",  # best IDF-weighted name Jaccard with a member sketch
    "year_match",  # the story's members mention the article's years
    "year_conflict",  # both mention years, none shared
    "decimal_match",  # shared decimals (magnitudes, prices, versions)
    "number_match",  # shared other numbers of two digits or more
    "month_match",  # shared month names
    "month_conflict",  # both name months, none shared
    "log_size",  # ln(1 + members)
    "top_names_in_story",  # share of the article's most mentioned names among the story's
    "story_top_here",  # share of the story's most mentioned names the article mentions
    "top_conflict",  # both have protagonists and neither side's are among the other's
)

#: Most mentioned names of a story (by summed mention weight) that count as its protagonists.
STORY_TOP = 5


def _plain(m: Mapping[str, T]) -> dict[str, T]:
    """A dict to look many keys up in (packed mappings are unpacked once per candidate)."""
    return m if isinstance(m, dict) else dict(m.items())


def _mass_share(keys: Collection[str], counts: Mapping[str, int], size: int) -> float:
    """How much of ``keys`` the story uses: sum over shared keys of (members using it / size)."""
    if not keys or size == 0:
        return 0.0
    return min(1.0, math.fsum(counts[k] for k in keys if k in counts) / size)


def _conflict(keys: Collection[str], counts: Mapping[str, int]) -> float:
    return 1.0 if keys and counts and not any(k in counts for k in keys) else 0.0


@dataclass(slots=True)
class StoryView:
    """Norms and totals of a story's summaries, cached until it grows or the IDF moves 5 %.

    Scalars, except ``link_emb``: the mean of the de-quantised member-sketch embeddings, so
    that the mean embedding cosine with the sketches is one dot product (it is linear in
    them). Kept only when the story has two sketches or more (one float16 vector), so that
    the many one-article stories cost nothing extra.
    """

    stamp: tuple[int, int, int]
    term_norm: float
    name_norm: float
    usual_total: float
    leads_total: float
    emb_norm: float
    sketch_name_weight: tuple[float, ...]
    top_names: tuple[str, ...] = ()
    link_emb: npt.NDArray[np.float16] | None = None


#: Most articles and article pairs a :class:`PairMemo` keeps (least recently used go first).
MEMO_ARTICLES = 4096
MEMO_PAIRS = 65536


@dataclass(slots=True)
class Prepared:
    """One article as relinking scores it: sketch, look-up and index keys, one-article story."""

    sketch: Sketch
    looked: list[tuple[str, float]]
    indexed: list[tuple[str, float]]
    single: StoryProfile
    probe: Probe


@dataclass(slots=True)
class PairMemo:
    """Prepared articles and pair probabilities of recent relinks, reused across relinks.

    Relinking re-scores the articles of a neighbourhood, and the same articles come back in
    relink after relink. What it computed for them is kept while the term and name IDF stay
    in one bucket (the corpus grew by less than 5 %, the tolerance :class:`StoryView` uses)
    and dropped when a bucket changes; at most :data:`MEMO_ARTICLES` articles and
    :data:`MEMO_PAIRS` pairs are kept, so its memory is bounded. A cache, not state.
    """

    stamp: tuple[int, int] = (-1, -1)
    articles: dict[str, Prepared] = field(default_factory=dict)
    pairs: dict[tuple[str, str], float] = field(default_factory=dict)

    def refresh(self, terms: DocFreq, names: DocFreq) -> None:
        """Drop everything when the IDF left the bucket it was computed in."""
        stamp = (terms.bucket(), names.bucket())
        if stamp != self.stamp:
            self.stamp = stamp
            self.articles.clear()
            self.pairs.clear()

    def article(self, article_id: str) -> Prepared | None:
        """The prepared article, marked as recently used; ``None`` when not kept."""
        got = self.articles.pop(article_id, None)
        if got is not None:
            self.articles[article_id] = got
        return got

    def keep_article(self, article_id: str, prepared: Prepared) -> None:
        """Keep a prepared article (the least recently used one goes past the cap)."""
        self.articles[article_id] = prepared
        _trim(self.articles, MEMO_ARTICLES)

    def pair(self, key: tuple[str, str]) -> float | None:
        """The probability of an article pair (ids in order), marked as recently used."""
        got = self.pairs.pop(key, None)
        if got is not None:
            self.pairs[key] = got
        return got

    def keep_pair(self, key: tuple[str, str], probability: float) -> None:
        """Keep a pair probability (the least recently used one goes past the cap)."""
        self.pairs[key] = probability
        _trim(self.pairs, MEMO_PAIRS)


def _trim(table: dict[Any, Any], cap: int) -> None:
    while len(table) > cap:
        del table[next(iter(table))]


def story_view(story: StoryProfile, terms: DocFreq, names: DocFreq) -> StoryView:
    """Return the (cached) :class:`StoryView` of ``story`` under the current IDF.

    When only the IDF bucket moved, the parts that depend on the story alone (embedding norm
    and mean, protagonists) are carried over; the IDF-weighted ones are recomputed.
    """
    size = story.size
    stamp = (size, terms.bucket(), names.bucket())
    old = story.view
    if isinstance(old, StoryView) and old.stamp == stamp:
        return old
    carried = old if isinstance(old, StoryView) and old.stamp[0] == size else None
    tdf, t_idf = terms.df, terms.idf_table()
    ndf, n_idf = names.df, names.idf_table()
    # Every sum below is walked in C: (value, IDF) products from mapped look-ups.
    ents, tkeys = story.entities, story.terms.keys()
    ent_idf = list(map(n_idf.__getitem__, map(ndf.get, ents.keys(), repeat(0))))
    idf = dict(zip(ents.keys(), ent_idf, strict=True))
    weighted_terms = list(
        map(mul, story.terms.values(), map(t_idf.__getitem__, map(tdf.get, tkeys, repeat(0))))
    )
    mass = story.name_mass
    weighted_names = list(map(mul, mass.values(), map(idf.get, mass.keys(), repeat(1.0))))
    leads = story.lead_entities
    view = StoryView(
        stamp=stamp,
        term_norm=l2_norm(weighted_terms),
        name_norm=l2_norm(weighted_names),
        usual_total=math.fsum(map(mul, ent_idf, ents.values())) / size,
        leads_total=math.fsum(map(mul, map(idf.get, leads.keys(), repeat(1.0)), leads.values()))
        / size,
        emb_norm=0.0,
        sketch_name_weight=tuple(
            math.fsum(map(idf.get, s.entities, repeat(1.0))) for s in story.sketches
        ),
    )
    if carried is not None:
        view.emb_norm, view.top_names = carried.emb_norm, carried.top_names
        view.link_emb = carried.link_emb
    else:
        if story.emb_sum is not None:
            view.emb_norm = float(np.linalg.norm(story.emb_sum.astype(np.float32)))
        view.top_names = top_names(mass, STORY_TOP)
        if len(story.sketches) > 1:
            view.link_emb = _mean_sketch_embedding(story.sketches)
    story.view = view
    return view


def _mean_sketch_embedding(sketches: list[Sketch]) -> npt.NDArray[np.float16] | None:
    """Mean of the de-quantised embeddings of the sketches holding one (``None`` if none).

    Kept as float16, half the memory of float32: the mean cosine it gives moves by about
    1e-4, and decisions on 6,000 generated articles are the same as with float32.
    """
    held = [s for s in sketches if s.embedding is not None]
    if not held:
        return None
    stacked = np.stack([s.codes() for s in held]).astype(np.float32)  # type: ignore[misc]
    scales = np.array([s.emb_scale for s in held], dtype=np.float32)
    mean = (stacked * scales[:, None]).mean(axis=0, dtype=np.float32)
    return mean.astype(np.float16)  # type: ignore[no-any-return]


@dataclass(slots=True)
class Probe:
    """Everything about one probe sketch that does not depend on the candidate story.

    Built once per article by :func:`prepare` and reused for each candidate; the feature values
    are exactly those computed from the sketch alone (sums are ``math.fsum``, exactly rounded,
    so their order does not matter).
    """

    sketch: Sketch
    vector: dict[str, float]
    names: dict[str, float]
    weighted_vector: dict[str, float]
    weighted_names: dict[str, float]
    pidf: dict[str, float]
    own: float
    lead_own: float
    decimals: frozenset[str]
    others: frozenset[str]
    embedding: npt.NDArray[np.float32] | None


def prepare(
    probe: Sketch, terms: DocFreq, names: DocFreq, pidf: dict[str, float] | None = None
) -> Probe:
    """Precompute the candidate-independent parts of scoring ``probe``."""
    pidf = pidf if pidf is not None else probe_idf(probe, names)
    vector, names_vec = dict(probe.vector.items()), dict(probe.names.items())
    tdf, t_idf = terms.df, terms.idf_table()
    return Probe(
        sketch=probe,
        vector=vector,
        names=names_vec,
        weighted_vector={t: v * t_idf[tdf.get(t, 0)] for t, v in vector.items()},
        weighted_names={k: v * pidf.get(k, 0.0) for k, v in names_vec.items()},
        pidf=pidf,
        own=math.fsum(pidf.values()),
        lead_own=math.fsum([pidf[k] for k in probe.lead_entities]),
        decimals=frozenset(n for n in probe.numbers if "." in n),
        others=frozenset(n for n in probe.numbers if "." not in n and len(n) >= 2),
        embedding=probe.embedding_f32(),
    )


def _names_features(p: Probe, story: StoryProfile, view: StoryView) -> list[float]:
    # Sums walk the story's (packed) mappings in C, looking the probe up: a missing key gives
    # a zero product, and fsum is exactly rounded, so each equals the sum over shared keys.
    size, counts, leads, mass = story.size, story.entities, story.lead_entities, story.name_mass
    pidf, own, lead_own = p.pidf, p.own, p.lead_own
    zeros = repeat(0.0)
    found = math.fsum(map(mul, map(pidf.get, counts.keys(), zeros), counts.values())) / size
    lead_used = 0.0
    if lead_own:
        lead_used = math.fsum(
            [
                pidf[k] * min(1.0, 2.0 * counts[k] / size)
                for k in p.sketch.lead_entities
                if k in counts
            ]
        )
    # (A story's headline names are among its names, so "shared and in leads" is "in leads".)
    leads_here = math.fsum(map(mul, map(pidf.get, leads.keys(), zeros), leads.values())) / size
    name_dot = math.fsum(map(mul, map(p.weighted_names.get, mass.keys(), zeros), mass.values()))
    return [
        found / own if own else 0.0,
        found / view.usual_total if view.usual_total else 0.0,
        min(1.0, name_dot / view.name_norm) if view.name_norm else 0.0,
        max(dots(p.names, [s.names for s in story.sketches]), default=0.0),
        lead_used / lead_own if lead_own else 0.0,
        leads_here / view.leads_total if view.leads_total else 0.0,
    ]


def _links(p: Probe, story: StoryProfile, view: StoryView) -> list[float]:
    sketches = story.sketches
    if not sketches:
        return [0.0] * 5
    lex = [min(1.0, v) for v in dots(p.vector, [s.vector for s in sketches])]
    pidf, own = p.pidf, p.own
    ent, get, zeros = [], pidf.get, repeat(0.0)
    for s, weight in zip(sketches, view.sketch_name_weight, strict=True):
        shared = math.fsum(map(get, s.entities, zeros))  # (a zero for each name not shared)
        union = own + weight - shared
        ent.append(shared / union if union > 0 else 0.0)
    emb_avg = 0.0
    probe_emb = p.embedding
    if probe_emb is not None:
        # The mean of the sketch cosines is the cosine with the sketches' mean embedding.
        if view.link_emb is not None:
            emb_avg = float(view.link_emb @ probe_emb)
        elif len(sketches) == 1 and (codes := (only := sketches[0]).codes()) is not None:
            emb_avg = float(codes @ probe_emb) * only.emb_scale
    return [math.fsum(lex) / len(lex), max(lex), emb_avg, math.fsum(ent) / len(ent), max(ent)]


def _number_features(p: Probe, story: StoryProfile) -> list[float]:
    size, probe = story.size, p.sketch
    return [
        _mass_share(probe.years, story.years, size),
        _conflict(probe.years, story.years),
        _mass_share(p.decimals, story.numbers, size),
        _mass_share(p.others, story.numbers, size),
        _mass_share(probe.months, story.months, size),
        _conflict(probe.months, story.months),
    ]


def _top_features(probe: Sketch, story: StoryProfile, view: StoryView) -> list[float]:
    mine, theirs = probe.top_names, view.top_names
    if not mine or not theirs:
        return [0.0, 0.0, 0.0]
    in_story = sum(k in theirs for k in mine)
    here = sum(k in probe.entities for k in theirs[:TOP_NAMES])
    conflict = in_story == 0 and not any(k in mine for k in theirs[:TOP_NAMES])
    return [in_story / len(mine), here / len(theirs[:TOP_NAMES]), float(conflict)]


def probe_idf(probe: Sketch, names: DocFreq) -> dict[str, float]:
    """IDF of each of the probe's names (computed once per probe, reused per candidate)."""
    ndf, n_idf = names.df, names.idf_table()
    return {k: n_idf[ndf.get(k, 0)] for k in probe.entities}


def features(
    probe: Sketch | Probe,
    story: StoryProfile,
    terms: DocFreq,
    names: DocFreq,
    pidf: dict[str, float] | None = None,
) -> list[float]:
    """Return the values of :data:`FEATURES` for ``probe`` against ``story``.

    Args:
        probe: the article's sketch (unit-length term and name vectors), or its
            :func:`prepare` d form when the caller scores many stories.
        story: the candidate story.
        terms: term document frequencies.
        names: name document frequencies.
        pidf: :func:`probe_idf` of the probe (ignored when ``probe`` is prepared).
    """
    p = probe if isinstance(probe, Probe) else prepare(probe, terms, names, pidf)
    sketch = p.sketch
    view = story_view(story, terms, names)
    emb = 0.0
    if p.embedding is not None and story.emb_sum is not None and view.emb_norm > 0.0:
        emb = float(story.emb_sum @ p.embedding) / view.emb_norm
    st, wv = story.terms, p.weighted_vector
    if isinstance(st, SparseVec):
        # Walk the packed story terms in C: (probe weight * IDF, or 0) * story weight.
        lex_dot = math.fsum(map(mul, map(wv.get, st.keys_, repeat(0.0)), st.vals))
    else:
        lex_dot = math.fsum([w * st[t] for t, w in wv.items() if t in st])
    return [
        min(1.0, lex_dot / view.term_norm) if view.term_norm else 0.0,
        emb,
        *_names_features(p, story, view),
        *_links(p, story, view),
        *_number_features(p, story),
        math.log1p(story.size),
        *_top_features(sketch, story, view),
    ]


def weight_vector(weights: Mapping[str, float]) -> tuple[float, ...]:
    """The weights in :data:`FEATURES` order (for :func:`probability_of`)."""
    return tuple(weights.get(name, 0.0) for name in FEATURES)


def probability_of(values: list[float], weights: tuple[float, ...], bias: float) -> float:
    """:func:`probability` with the weights already in :data:`FEATURES` order."""
    z = bias + math.fsum([w * x for w, x in zip(weights, values, strict=True)])
    return 1.0 / (1.0 + math.exp(-max(-50.0, min(50.0, z))))


def probability(values: list[float], weights: Mapping[str, float], bias: float) -> float:
    """Logistic model: ``1 / (1 + exp(-(bias + math.fsum(w_i * x_i))))``."""
    z = bias + math.fsum(
        weights.get(name, 0.0) * x for name, x in zip(FEATURES, values, strict=True)
    )
    return 1.0 / (1.0 + math.exp(-max(-50.0, min(50.0, z))))
