"""Score how well an article (or a story's sketch) fits a story.

The score is a logistic model over similarity features. Its weights were fitted on candidate
pairs from the ECB+ train split (topics 1-35 minus dev) by ``bench/quality/train_cluster.py``
and its thresholds chosen on the ECB+ dev split; the test split was never used. Refit them
together: the features are correlated and a single weight tuned alone means little.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Mapping

import numpy as np

from newsweave.cluster.profile import Sketch, StoryProfile
from newsweave.cluster.tfidf import DocFreq, cosine

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
)


def _mass_share(keys: frozenset[str], counts: Counter[str], size: int) -> float:
    """How much of ``keys`` the story uses: sum over shared keys of (members using it / size)."""
    if not keys or size == 0:
        return 0.0
    return min(1.0, sum(counts[k] for k in keys if k in counts) / size)


def _conflict(keys: frozenset[str], counts: Counter[str]) -> float:
    return 1.0 if keys and counts and not any(k in counts for k in keys) else 0.0


def _name_jaccard(a: frozenset[str], b: frozenset[str], names: DocFreq) -> float:
    union = a | b
    if not union:
        return 0.0
    shared = sum(names.idf(k) for k in a & b)
    return shared / sum(names.idf(k) for k in union)


def _names_features(probe: Sketch, story: StoryProfile, names: DocFreq) -> tuple[float, float]:
    size = story.size
    own = sum(names.idf(k) for k in probe.entities)
    found = sum(
        names.idf(k) * story.entities[k] / size for k in probe.entities if k in story.entities
    )
    usual = {k: names.idf(k) * c / size for k, c in story.entities.items()}
    total = sum(usual.values())
    covered = sum(w for k, w in usual.items() if k in probe.entities)
    return (found / own if own else 0.0), (covered / total if total else 0.0)


def _lead_features(probe: Sketch, story: StoryProfile, names: DocFreq) -> tuple[float, float]:
    size = story.size
    own = sum(names.idf(k) for k in probe.lead_entities)
    used = sum(
        names.idf(k) * min(1.0, 2.0 * story.entities[k] / size)
        for k in probe.lead_entities
        if k in story.entities
    )
    leads = {k: names.idf(k) * c / size for k, c in story.lead_entities.items()}
    total = sum(leads.values())
    here = sum(w for k, w in leads.items() if k in probe.entities)
    return (used / own if own else 0.0), (here / total if total else 0.0)


def _story_vector(story: StoryProfile, terms: DocFreq) -> dict[str, float]:
    return {t: w * terms.idf(t) for t, w in story.terms.items()}


def _links(probe: Sketch, story: StoryProfile, names: DocFreq) -> list[float]:
    sketches = story.sketches
    lex = [cosine(probe.vector, s.vector) for s in sketches]
    ent = [_name_jaccard(probe.entities, s.entities, names) for s in sketches]
    if probe.embedding is not None and sketches and sketches[0].embedding is not None:
        mat = np.stack([s.embedding for s in sketches if s.embedding is not None]).astype(
            np.float32
        )
        emb_avg = float(np.mean(mat @ probe.embedding.astype(np.float32)))
    else:
        emb_avg = 0.0
    if not lex:
        return [0.0] * 5
    return [sum(lex) / len(lex), max(lex), emb_avg, sum(ent) / len(ent), max(ent)]


def _number_features(probe: Sketch, story: StoryProfile) -> list[float]:
    size = story.size
    decimals = frozenset(n for n in probe.numbers if "." in n)
    others = frozenset(n for n in probe.numbers if "." not in n and len(n) >= 2)
    return [
        _mass_share(probe.years, story.years, size),
        _conflict(probe.years, story.years),
        _mass_share(decimals, story.numbers, size),
        _mass_share(others, story.numbers, size),
        _mass_share(probe.months, story.months, size),
        _conflict(probe.months, story.months),
    ]


def features(probe: Sketch, story: StoryProfile, terms: DocFreq, names: DocFreq) -> list[float]:
    """Return the values of :data:`FEATURES` for ``probe`` against ``story``."""
    lex = cosine(probe.vector, _story_vector(story, terms))
    emb = 0.0
    if probe.embedding is not None and story.emb_sum is not None:
        norm = float(np.linalg.norm(story.emb_sum))
        if norm > 0.0:
            emb = float(story.emb_sum @ probe.embedding.astype(np.float32)) / norm
    in_story, here = _names_features(probe, story, names)
    return [
        lex,
        emb,
        in_story,
        here,
        cosine(probe.names, {k: w * names.idf(k) for k, w in story.name_mass.items()}),
        max((cosine(probe.names, s.names) for s in story.sketches), default=0.0),
        *_lead_features(probe, story, names),
        *_links(probe, story, names),
        *_number_features(probe, story),
        math.log1p(story.size),
    ]


def probability(values: list[float], weights: Mapping[str, float], bias: float) -> float:
    """Logistic model: ``1 / (1 + exp(-(bias + sum(w_i * x_i))))``."""
    z = bias + sum(weights.get(name, 0.0) * x for name, x in zip(FEATURES, values, strict=True))
    return 1.0 / (1.0 + math.exp(-max(-50.0, min(50.0, z))))
