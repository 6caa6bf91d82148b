"""Pure decisions: does one article copy, near-copy or rewrite another, and which came first.

The engine retrieves candidates with :class:`~newsweave.dedup.index.CandidateIndex` and calls
:func:`decide` with the new article and the candidates' articles. Every candidate pair is
verified on the real texts: exact key, then real shingle Jaccard or containment, then sentence
alignment. Thresholds were chosen on the ECB+ train and dev topics by
``bench/quality/dedup.py`` and are reported there on the test topics.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime

import numpy as np
import numpy.typing as npt

from newsweave.dedup.align import (
    Alignment,
    RewriteRule,
    Scorer,
    align,
    content_words,
    lexical_scorer,
    split_sentences,
)
from newsweave.dedup.index import exact_keys
from newsweave.model import Article, ProvenanceEdge, ProvenanceKind
from newsweave.text.shingles import containment, hash_tokens, jaccard, shingle_batch, words

U64 = npt.NDArray[np.uint64]

_BOILERPLATE = re.compile(
    r"copyright|©|all rights reserved|subscribe|newsletter|sign up|follow us|share this|"
    r"click here|read more|related:|advertisement|cookies?\b|privacy policy|terms of use|"
    r"comments?\b|leave a reply|posted by|email address|facebook|twitter|whatsapp|"
    r"download (?:the|our) app|more stories|recommended",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True, kw_only=True)
class DedupRules:
    """Verification thresholds (chosen on ECB+ train/dev by ``bench/quality/dedup.py``).

    Attributes:
        shingle_size: words per shingle.
        near_jaccard: least shingle Jaccard of a near copy.
        near_containment: least share of the smaller article's shingles found in the other.
        min_shingles: the smaller article needs this many shingles for containment to count.
        min_term_jaccard: least content-word Jaccard before a pair is aligned at all (a cheap
            filter in front of the alignment).
        sentence_score: least score of an aligned sentence pair.
        rewrite: when an alignment is a rewrite.
        evidence_limit: most aligned sentence pairs kept as evidence on an edge.
    """

    # Tuned as a set on 27,534 ECB+ train/dev candidate pairs by bench/quality/dedup.py (no
    # negative pair flagged; each value is the loosest of its grid). Don't tune one in isolation.
    shingle_size: int = 5
    near_jaccard: float = 0.3
    near_containment: float = 0.6
    min_shingles: int = 20
    min_term_jaccard: float = 0.1
    sentence_score: float = 0.5  # near MSRP's accuracy-optimal 0.46 (bench/quality/msrp.py)
    rewrite: RewriteRule = field(
        default_factory=lambda: RewriteRule(min_pairs=2, min_coverage=0.5, min_other=0.2)
    )
    evidence_limit: int = 10


@dataclass(frozen=True, slots=True)
class Fingerprint:
    """What verification needs to know about one article."""

    article: Article
    exact: int
    shingles: U64
    terms: frozenset[str]
    sentences: tuple[str, ...]
    size: int


@dataclass(frozen=True, slots=True, kw_only=True)
class Match:
    """How two articles relate: the kind of copy, a score, and the sentence alignment if any."""

    kind: ProvenanceKind
    score: float
    jaccard: float
    containment_a: float
    containment_b: float
    alignment: Alignment | None = None


def fingerprint(article: Article, rules: DedupRules = DedupRules()) -> Fingerprint:
    """Return the verification fingerprint of ``article`` (its body text)."""
    tokens = hash_tokens([article.text])
    shingles = np.unique(shingle_batch(tokens, rules.shingle_size).hashes)
    return Fingerprint(
        article=article,
        exact=int(exact_keys(tokens)[0]),
        shingles=shingles,
        terms=content_words(article.text),
        sentences=tuple(split_sentences(article.text)),
        size=int(tokens.hashes.size),
    )


def compare(
    a: Fingerprint,
    b: Fingerprint,
    rules: DedupRules = DedupRules(),
    scorer: Scorer = lexical_scorer,
) -> Match | None:
    """Return how ``a`` and ``b`` relate, or ``None`` when neither copies the other."""
    if a.size == 0 or b.size == 0:
        return None
    jac = jaccard(a.shingles, b.shingles)
    cont_a, cont_b = containment(a.shingles, b.shingles), containment(b.shingles, a.shingles)
    if a.exact == b.exact:
        return Match(
            kind="exact", score=1.0, jaccard=jac, containment_a=cont_a, containment_b=cont_b
        )
    smaller = min(a.shingles.size, b.shingles.size)
    contained = max(cont_a, cont_b) if smaller >= rules.min_shingles else 0.0
    if jac >= rules.near_jaccard or contained >= rules.near_containment:
        alignment = align(a.sentences, b.sentences, scorer, rules.sentence_score)
        return Match(
            kind="near",
            score=max(jac, contained),
            jaccard=jac,
            containment_a=cont_a,
            containment_b=cont_b,
            alignment=alignment,
        )
    union = len(a.terms | b.terms)
    if not union or len(a.terms & b.terms) / union < rules.min_term_jaccard:
        return None
    alignment = align(a.sentences, b.sentences, scorer, rules.sentence_score)
    if not rules.rewrite.accepts(alignment):
        return None
    score = (alignment.coverage_a + alignment.coverage_b) / 2
    return Match(
        kind="rewrite",
        score=score,
        jaccard=jac,
        containment_a=cont_a,
        containment_b=cont_b,
        alignment=alignment,
    )


def _extra_is_boilerplate(longer: Fingerprint, match: Match, longer_is_a: bool) -> bool:
    """Return whether the sentences of ``longer`` left unaligned look like boilerplate.

    Boilerplate lines are short (under 5 words) or name site furniture (copyright, subscribe,
    share, comments). Without an alignment, nothing is known to be extra.
    """
    if match.alignment is None:
        return True
    aligned = {p[0] if longer_is_a else p[1] for p in match.alignment.pairs}
    extra = [s for k, s in enumerate(longer.sentences) if k not in aligned]
    sizes = [len(words(s)) for s in extra]
    boiler = sum(n for s, n in zip(extra, sizes, strict=True) if n < 5 or _BOILERPLATE.search(s))
    return boiler >= 0.5 * sum(sizes)


def _earlier(a: datetime | None, b: datetime | None) -> int:
    """Return -1 if ``a`` comes before ``b``, 1 if after, 0 if unknown or equal.

    A dated article comes before an undated one: copies (re-posts, content farms) tend to lose
    the original's metadata, so the undated side is taken as the copy.
    """
    if a == b:
        return 0
    if a is None or b is None:
        return 1 if a is None else -1
    return -1 if a < b else 1


def direction(a: Fingerprint, b: Fingerprint, match: Match) -> tuple[Fingerprint, Fingerprint]:
    """Return ``(parent, child)``: which of two related articles is the original.

    The earlier publication date wins (a dated article before an undated one). Without dates, a
    rewrite's original is the side more fully contained in the other; otherwise the longer
    article is the original, unless
    all it has beyond the shorter one is boilerplate (then the shorter one is, and the longer
    one is a copy with boilerplate added). Remaining ties go to the smaller id.
    """
    order = _earlier(a.article.date, b.article.date)
    if order:
        return (a, b) if order < 0 else (b, a)
    cover = match.alignment
    if match.kind == "rewrite" and cover is not None and cover.coverage_a != cover.coverage_b:
        # A rewrite keeps the original's content and pads it: the side whose words are more
        # fully aligned is contained in the other, so it is the original.
        return (a, b) if cover.coverage_a > cover.coverage_b else (b, a)
    if a.size != b.size:
        longer_is_a = a.size > b.size
        longer, shorter = (a, b) if longer_is_a else (b, a)
        if _extra_is_boilerplate(longer, match, longer_is_a) and match.kind != "rewrite":
            return shorter, longer
        return longer, shorter
    return (a, b) if a.article.id <= b.article.id else (b, a)


def edge(a: Fingerprint, b: Fingerprint, match: Match, evidence_limit: int = 10) -> ProvenanceEdge:
    """Return the provenance edge of a verified match, oriented parent to child."""
    parent, child = direction(a, b, match)
    evidence: tuple[tuple[str, str], ...] = ()
    if match.alignment is not None:
        evidence = match.alignment.evidence(evidence_limit)
        if parent is b:
            evidence = tuple((theirs, ours) for ours, theirs in evidence)
    return ProvenanceEdge(
        child=child.article.id,
        parent=parent.article.id,
        kind=match.kind,
        score=round(match.score, 4),
        evidence=evidence,
    )


def decide_fingerprints(
    new: Fingerprint,
    candidates: Sequence[Fingerprint],
    rules: DedupRules = DedupRules(),
    scorer: Scorer = lexical_scorer,
) -> list[ProvenanceEdge]:
    """Return one edge per candidate that ``new`` copies or that copies ``new``."""
    edges = []
    for other in candidates:
        if other.article.id == new.article.id:
            continue
        match = compare(new, other, rules, scorer)
        if match is not None:
            edges.append(edge(new, other, match, rules.evidence_limit))
    return edges


def decide(
    new: Article,
    candidates: Sequence[Article],
    rules: DedupRules = DedupRules(),
    scorer: Scorer = lexical_scorer,
) -> list[ProvenanceEdge]:
    """Return the provenance edges between ``new`` and the candidate articles it relates to.

    Args:
        new: the incoming article.
        candidates: articles retrieved for it (e.g. by a candidate index); each is verified.
        rules: verification thresholds.
        scorer: sentence similarity used by the rewrite alignment.

    Returns:
        One edge per related candidate, oriented from the original (parent) to the copy.
    """
    cands = [fingerprint(c, rules) for c in candidates]
    return decide_fingerprints(fingerprint(new, rules), cands, rules, scorer)


__all__ = [
    "DedupRules",
    "Fingerprint",
    "Match",
    "compare",
    "decide",
    "decide_fingerprints",
    "direction",
    "edge",
    "fingerprint",
]
