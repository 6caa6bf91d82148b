"""Score entity resolution against ECB+ gold cross-document entity chains.

ECB+ gives each gold mention a document, a sentence number and its text, but no character
offsets. Each document's ``text`` holds one sentence per line (for ``ecbplus`` documents, XML
sentence 0, the URL, is dropped, so line = sentence - 1). A system mention therefore meets a gold
mention when

* it lies on the gold mention's line (sentence),
* its label fits the gold tag (a person name for ``HUMAN_PART_PER``, a place or organisation for
  ``LOC_*``, anything but a person for ``NON_HUMAN_PART*``),
* it overlaps an occurrence of the gold text in that line, with at least half of the system span
  inside it, and touches the gold mention's head region (the text before a first " of ", " in ",
  ",", ... so that "Sudan" does not stand for "the leader of Sudan").

Pairs are then taken greedily by character Jaccard, one-to-one. Coverage is the share of gold
mentions met; MUC, B3, CEAF-e and CoNLL F1 compare gold chains with system entities on the met
gold mentions, pooled over all documents of the split (cross-document).
"""

from __future__ import annotations

import re
from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass

from newsweave.entities.coref_metrics import PRF, conll, conll_f1
from newsweave.model import Mention

#: Gold tags scored by default, with the system labels that may stand for each.
TAG_LABELS: dict[str, frozenset[str]] = {
    "HUMAN_PART_PER": frozenset({"PERSON", "NORP"}),
    "LOC_GEO": frozenset({"GPE", "LOC", "FAC", "ORG", "NORP"}),
    "LOC_FAC": frozenset({"FAC", "ORG", "GPE", "LOC"}),
    "LOC_OTHER": frozenset({"GPE", "LOC", "FAC", "ORG"}),
    "NON_HUMAN_PART": frozenset(
        {"ORG", "PRODUCT", "WORK_OF_ART", "EVENT", "LAW", "FAC", "GPE", "LOC", "NORP", "LANGUAGE"}
    ),
    "NON_HUMAN_PART_GENERIC": frozenset({"ORG", "PRODUCT", "WORK_OF_ART", "EVENT", "LAW"}),
}
#: Extra tags of the wider variant (organisations and countries acting as participants).
EXTRA_TAG_LABELS: dict[str, frozenset[str]] = {
    "HUMAN_PART_ORG": frozenset({"ORG", "GPE", "NORP", "FAC"}),
    "HUMAN_PART_GPE": frozenset({"GPE", "NORP", "ORG", "LOC"}),
}

_LEADING_PREP = re.compile(r"^(?:in|on|at|near|from|to|into|of|off|across|outside|inside)\s+", re.I)
_HEAD_CUT = re.compile(r"\s(?:of|in|at|on|from|for|near|who|which|that|with)\s|,|\(")


@dataclass(frozen=True, slots=True, kw_only=True)
class GoldMention:
    """One gold entity mention: document, line of ``text``, surface text, tag and chain."""

    doc_id: str
    line: int
    text: str
    tag: str
    chain: str


@dataclass(frozen=True, slots=True, kw_only=True)
class Score:
    """Coverage and coreference scores of one evaluation."""

    gold: int
    matched: int
    scores: Mapping[str, PRF]

    @property
    def coverage(self) -> float:
        """Share of gold mentions met by a system mention."""
        return self.matched / self.gold if self.gold else 0.0

    @property
    def conll_f1(self) -> float:
        """Mean F1 of MUC, B3 and CEAF-e on the met mentions."""
        return conll_f1(self.scores)


def line_starts(text: str) -> list[int]:
    """Character offset of the start of every line of ``text``."""
    return [0] + [m.end() for m in re.finditer("\n", text)]


def _line_of(starts: Sequence[int], offset: int) -> int:
    lo, hi = 0, len(starts)
    while hi - lo > 1:
        mid = (lo + hi) // 2
        lo, hi = (mid, hi) if starts[mid] <= offset else (lo, mid)
    return lo


def _head_region(text: str) -> tuple[int, int]:
    lead = _LEADING_PREP.match(text)
    start = lead.end() if lead else 0
    cut = _HEAD_CUT.search(text, start)
    return start, cut.start() if cut else len(text)


def _candidates(
    gold: GoldMention,
    line_text: str,
    offset: int,
    mentions: Sequence[Mention],
    labels: frozenset[str],
) -> Iterable[tuple[float, Mention]]:
    """Yield (Jaccard, system mention) for every acceptable pairing with ``gold``."""
    head_lo, head_hi = _head_region(gold.text)
    for occ in re.finditer(re.escape(gold.text), line_text):
        g_lo, g_hi = offset + occ.start(), offset + occ.end()
        h_lo, h_hi = g_lo + head_lo, g_lo + head_hi
        for m in mentions:
            if m.label not in labels:
                continue
            inter = min(m.end, g_hi) - max(m.start, g_lo)
            if inter <= 0 or inter * 2 < m.end - m.start:
                continue
            if min(m.end, h_hi) <= max(m.start, h_lo):
                continue
            yield inter / (max(m.end, g_hi) - min(m.start, g_lo)), m


def match_document(
    text: str,
    golds: Sequence[GoldMention],
    mentions: Sequence[Mention],
    tag_labels: Mapping[str, frozenset[str]],
) -> dict[int, Mention]:
    """Pair gold mentions (by index in ``golds``) with system mentions of one document."""
    starts = line_starts(text)
    lines = text.split("\n")
    by_line: dict[int, list[Mention]] = {}
    for m in mentions:
        by_line.setdefault(_line_of(starts, m.start), []).append(m)
    pairs: list[tuple[float, int, int, Mention]] = []
    for gi, gold in enumerate(golds):
        labels = tag_labels.get(gold.tag)
        if labels is None or not 0 <= gold.line < len(lines):
            continue
        local = by_line.get(gold.line, [])
        for score, m in _candidates(gold, lines[gold.line], starts[gold.line], local, labels):
            pairs.append((score, gi, m.start, m))
    pairs.sort(key=lambda p: (-p[0], p[1], p[2]))
    matched: dict[int, Mention] = {}
    used: set[int] = set()
    for _, gi, start, m in pairs:
        if gi not in matched and start not in used:
            matched[gi] = m
            used.add(start)
    return matched


def score(
    golds: Mapping[str, Sequence[GoldMention]],
    matches: Mapping[str, Mapping[int, str]],
    tags: Iterable[str],
) -> Score:
    """Score system entity ids against gold chains on the matched gold mentions.

    Args:
        golds: gold mentions by document.
        matches: per document, gold index -> system entity id (or any cluster label).
        tags: gold tags to include.
    """
    wanted = set(tags)
    key: dict[Hashable, Hashable] = {}
    response: dict[Hashable, Hashable] = {}
    total = 0
    for doc_id, doc_golds in golds.items():
        doc_matches = matches.get(doc_id, {})
        for gi, gold in enumerate(doc_golds):
            if gold.tag not in wanted:
                continue
            total += 1
            if gi in doc_matches:
                key[(doc_id, gi)] = gold.chain
                response[(doc_id, gi)] = doc_matches[gi]
    return Score(gold=total, matched=len(key), scores=conll(key, response))


__all__ = [
    "EXTRA_TAG_LABELS",
    "TAG_LABELS",
    "GoldMention",
    "Score",
    "line_starts",
    "match_document",
    "score",
]
