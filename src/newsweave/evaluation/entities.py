"""``newsweave eval entities``: NER + cross-document resolution scored on ECB+ gold chains.

Runs the configured NER over the ECB+ documents of a split, resolves entities incrementally (one
article at a time, stories = gold sub-topics, as the story stage would hand them over), maps
system mentions onto gold entity mentions (see below) and reports
coverage and MUC / B3 / CEAF-e / CoNLL F1 on the met mentions, beside baselines on the same
mentions (one entity per name string; every mention alone). Only gold mentions in the sentences
listed in ``ECBplus_coreference_sentences.csv`` (the fully annotated ones, as in Cybulska &
Vossen 2015 and Barhom et al. 2019) are used.

Matching of system mentions to gold mentions:

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

import csv
import gzip
import json
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from newsweave.config import NerConfig
from newsweave.entities.ner import ArticleSpans, extract, load_pipeline
from newsweave.entities.normalize import name_key
from newsweave.entities.resolve import (
    RESOLVABLE_LABELS,
    EntityTable,
    MentionInput,
    ResolveConfig,
    resolve,
)
from newsweave.evaluation.coref import GoldMention, Score, score
from newsweave.model import JSON, Mention

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
        for jaccard, m in _candidates(gold, lines[gold.line], starts[gold.line], local, labels):
            pairs.append((jaccard, gi, m.start, m))
    pairs.sort(key=lambda p: (-p[0], p[1], p[2]))
    matched: dict[int, Mention] = {}
    used: set[int] = set()
    for _, gi, start, m in pairs:
        if gi not in matched and start not in used:
            matched[gi] = m
            used.add(start)
    return matched


ALL_TAGS = {**TAG_LABELS, **EXTRA_TAG_LABELS}
Docs = dict[str, dict[str, object]]
Golds = dict[str, list[GoldMention]]


def load(data: Path) -> tuple[Docs, Golds]:
    """Read documents and gold entity mentions of validated sentences."""
    docs: Docs = {}
    with (data / "ecbplus.jsonl").open(encoding="utf-8") as fh:
        for line in fh:
            doc = json.loads(line)
            docs[doc["id"]] = doc
    with (data / "ECBplus_coreference_sentences.csv").open(encoding="utf-8") as fh:
        valid = {
            (f"{r['Topic']}_{r['File']}", int(r["Sentence Number"])) for r in csv.DictReader(fh)
        }
    golds: Golds = {d: [] for d in docs}
    with gzip.open(data / "ecbplus_mentions.jsonl.gz", "rt", encoding="utf-8") as fh:
        for line in fh:
            m = json.loads(line)
            if m["type"] != "entity" or (m["doc_id"], m["sentence"]) not in valid:
                continue
            shift = 1 if docs[m["doc_id"]]["collection"] == "ecbplus" else 0
            golds[m["doc_id"]].append(
                GoldMention(
                    doc_id=m["doc_id"],
                    line=m["sentence"] - shift,
                    text=m["text"],
                    tag=m["tag"],
                    chain=m["chain"],
                )
            )
    return docs, golds


def run_ner(docs: Docs, ids: Sequence[str], config: NerConfig) -> dict[str, ArticleSpans]:
    """NER over the given documents."""
    nlp = load_pipeline(config)
    return {a.article_id: a for a in extract(nlp, ((d, str(docs[d]["text"])) for d in ids), config)}


def resolve_incrementally(
    ner: Mapping[str, ArticleSpans],
    docs: Docs,
    ids: Sequence[str],
    story: Callable[[str], str],
    cfg: ResolveConfig,
) -> dict[str, list[Mention]]:
    """Resolve article by article; earlier mentions follow any redirect."""
    table = EntityTable()
    out: dict[str, list[Mention]] = {}
    for doc_id in ids:
        inputs = [
            MentionInput(article_id=doc_id, story_id=story(doc_id), span=s)
            for s in ner[doc_id].spans
        ]
        res = resolve(table, inputs, config=cfg)
        table = res.table
        if res.redirects:
            for mentions in out.values():
                for i, m in enumerate(mentions):
                    if m.entity_id in res.redirects:
                        mentions[i] = replace(m, entity_id=res.redirects[m.entity_id])
        out[doc_id] = list(res.mentions)
    return out


def string_baseline(
    ner: Mapping[str, ArticleSpans], ids: Sequence[str]
) -> dict[str, list[Mention]]:
    """Baseline: one entity per normalized name string (label group kept apart)."""
    out: dict[str, list[Mention]] = {}
    for d in ids:
        out[d] = [
            Mention(
                entity_id=f"{s.label == 'PERSON'}|{name_key(s.text)}",
                article_id=d,
                text=s.text,
                start=s.start,
                end=s.end,
                label=s.label,
            )
            for s in ner[d].spans
            if s.label in RESOLVABLE_LABELS
        ]
    return out


def evaluate(
    docs: Docs,
    golds: Golds,
    system: Mapping[str, list[Mention]],
    ids: Sequence[str],
    tags: Mapping[str, frozenset[str]],
) -> tuple[Score, Score]:
    """Return (score by entity id, score with every mention a singleton) on the given tags."""
    sub = {d: golds[d] for d in ids}
    matched = {d: match_document(str(docs[d]["text"]), sub[d], system[d], tags) for d in ids}
    by_entity = {d: {g: m.entity_id for g, m in ms.items()} for d, ms in matched.items()}
    singletons = {d: {g: f"{d}:{g}" for g in ms} for d, ms in matched.items()}
    return score(sub, by_entity, tags), score(sub, singletons, tags)


_NOT_NAMES = frozenset({"the", "a", "an", "he", "she", "it", "they", "his", "her", "their", "its"})


def is_named(text: str) -> bool:
    """Approximately: does a gold mention contain a proper name (a capitalized word)?"""
    words = text.split()
    return any(w[:1].isupper() for w in words[1:]) or (
        bool(words) and words[0][:1].isupper() and words[0].lower() not in _NOT_NAMES
    )


def named_coverage(
    docs: Docs,
    golds: Golds,
    system: Mapping[str, list[Mention]],
    ids: Sequence[str],
    tags: Mapping[str, frozenset[str]],
) -> tuple[int, int]:
    """(met, total) over gold mentions of ``tags`` that contain a capitalized name word."""
    named = {d: [g for g in golds[d] if g.tag in tags and is_named(g.text)] for d in ids}
    met = sum(len(match_document(str(docs[d]["text"]), named[d], system[d], tags)) for d in ids)
    return met, sum(len(v) for v in named.values())


#: Systems scored, in report order: two story scopes for newsweave, then the string baseline.
SYSTEMS = ("newsweave (story=subtopic)", "newsweave (story=document)", "baseline: same string")
#: Gold tag sets: the core participant tags, and those plus organisations/countries.
TAG_SETS: dict[str, Mapping[str, frozenset[str]]] = {"core": TAG_LABELS, "core+ORG/GPE": ALL_TAGS}


@dataclass(frozen=True)
class Report:
    """Scores of each system (and all-singletons) per gold tag set on one split."""

    split: str
    documents: int
    model: str
    scores: dict[str, dict[str, Score]]
    named: dict[str, tuple[int, int]]


def split_ids(docs: Docs, split: str) -> list[str]:
    """Documents of ``split`` in corpus order (topic, collection, number)."""
    return sorted((d for d in docs if docs[d]["split"] == split), key=_order)


def systems(
    ner: Mapping[str, ArticleSpans], docs: Docs, ids: Sequence[str], cfg: ResolveConfig
) -> dict[str, dict[str, list[Mention]]]:
    """Resolve ``ids`` with each story scope, and the string baseline."""
    return {
        SYSTEMS[0]: resolve_incrementally(ner, docs, ids, subtopic_of(docs), cfg),
        SYSTEMS[1]: resolve_incrementally(ner, docs, ids, lambda d: d, cfg),
        SYSTEMS[2]: string_baseline(ner, ids),
    }


def evaluate_split(
    data: Path,
    split: str = "test",
    ner_config: NerConfig | None = None,
    resolve_config: ResolveConfig | None = None,
) -> Report:
    """Run NER + resolution over one split of the ECB+ folder ``data`` and score it."""
    ner_config = ner_config or NerConfig()
    docs, golds = load(data)
    ids = split_ids(docs, split)
    if not ids:
        raise ValueError(f"{data}: no documents in split {split!r}")
    ner = run_ner(docs, ids, ner_config)
    found = systems(ner, docs, ids, resolve_config or ResolveConfig())
    scores: dict[str, dict[str, Score]] = {}
    named: dict[str, tuple[int, int]] = {}
    for tags_name, tags in TAG_SETS.items():
        row: dict[str, Score] = {}
        for name, system in found.items():
            row[name], single = evaluate(docs, golds, system, ids, tags)
        row["baseline: singletons"] = single
        scores[tags_name] = row
        named[tags_name] = named_coverage(docs, golds, found[SYSTEMS[2]], ids, tags)
    return Report(split, len(ids), ner_config.model, scores, named)


def subtopic_of(docs: Docs) -> Callable[[str], str]:
    """The story function that hands each document its gold sub-topic."""
    return lambda d: str(docs[d]["subtopic"])


def _order(doc_id: str) -> tuple[int, str, int]:
    topic, rest = doc_id.split("_", 1)
    num = int("".join(c for c in rest if c.isdigit()) or 0)
    return int(topic), rest.lstrip("0123456789"), num


def score_json(s: Score) -> dict[str, JSON]:
    """A score as JSON: coverage counts, CoNLL F1 and P/R/F1 per metric (4 decimals)."""
    return {
        "gold": s.gold,
        "matched": s.matched,
        "coverage": round(s.coverage, 4),
        "conll_f1": round(s.conll_f1, 4),
        **{
            k: {"p": round(v.precision, 4), "r": round(v.recall, 4), "f1": round(v.f1, 4)}
            for k, v in s.scores.items()
        },
    }


def report_json(report: Report) -> dict[str, JSON]:
    """The whole report as JSON."""
    return {
        "split": report.split,
        "documents": report.documents,
        "model": report.model,
        "scores": {
            tags: {name: score_json(s) for name, s in row.items()}
            for tags, row in report.scores.items()
        },
        "named_coverage": {
            tags: {"met": met, "total": total} for tags, (met, total) in report.named.items()
        },
    }
