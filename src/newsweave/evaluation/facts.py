"""Fact alignment on real news: ECB+ sentences that report the same event with a participant.

ECB+ links event mentions (and entity mentions) across documents into gold chains. Two
sentences of different articles of one gold story are taken to state the same fact when they
share a cross-document **event** chain and a cross-document **entity** chain (the same action
with the same participant: "Lohan checked into Betty Ford" / "the actress entered the clinic").
Only the sentences whose coreference ECB+ annotated fully are scored (its sentence list).

Each gold story's articles are compared as one story (every article its own source); a fact
predicts every cross-article pair of the sentences its claims come from. Precision is over the
predicted pairs of annotated sentences, recall over the gold pairs; sentence recall is the
share of sentences with a gold partner that are aligned to at least one of them (a fact holds
one claim per article, so pair recall is bounded well below 1). The definition is strict on
the participant and loose on everything else, so it is a guide, not a paraphrase benchmark.
"""

from __future__ import annotations

import csv
import gzip
import json
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from itertools import combinations
from pathlib import Path

from newsweave.model import Article, Comparison

Compare = Callable[[str, Sequence[Article]], Comparison]
SentenceKey = tuple[str, int]  # (document id, line of its text)
Pair = tuple[SentenceKey, SentenceKey]


def _line(doc_id: str, sentence: int) -> int:
    """The text line of an XML sentence number (ECB+ docs drop sentence 0, the page URL)."""
    return sentence - 1 if doc_id.endswith("ecbplus") else sentence


def load_gold(
    root: Path, split: str
) -> tuple[dict[str, list[Article]], set[Pair], set[SentenceKey]]:
    """Articles per gold story, gold sentence pairs, and the annotated sentences of a split."""
    rows = [json.loads(x) for x in (root / "ecbplus.jsonl").open(encoding="utf-8") if x.strip()]
    stories: dict[str, list[Article]] = defaultdict(list)
    story_of: dict[str, str] = {}
    for r in rows:
        if r["split"] == split:
            text = str(r["text"])
            stories[r["cluster"]].append(Article(id=r["id"], title=r["title"], text=text))
            story_of[r["id"]] = r["cluster"]
    annotated: set[SentenceKey] = set()
    with (root / "ECBplus_coreference_sentences.csv").open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            doc = f"{row['Topic']}_{row['File']}"
            if doc in story_of:
                annotated.add((doc, _line(doc, int(row["Sentence Number"]))))
    chains: dict[SentenceKey, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    with gzip.open(root / "ecbplus_mentions.jsonl.gz", "rt", encoding="utf-8") as fh:
        for line in fh:
            m = json.loads(line)
            if m["doc_id"] in story_of and m["chain_kind"] == "CROSS_DOC_COREF":
                key = (m["doc_id"], _line(m["doc_id"], int(m["sentence"])))
                chains[key][m["type"]].add(m["chain"])
    return dict(stories), _gold_pairs(chains, story_of, annotated), annotated


def _gold_pairs(
    chains: dict[SentenceKey, dict[str, set[str]]],
    story_of: dict[str, str],
    annotated: set[SentenceKey],
) -> set[Pair]:
    by_event: dict[str, list[SentenceKey]] = defaultdict(list)
    for key, kinds in chains.items():
        if key in annotated:
            for chain in kinds["event"]:
                by_event[chain].append(key)
    gold: set[Pair] = set()
    for keys in by_event.values():
        for a, b in combinations(sorted(set(keys)), 2):
            same_story = a[0] != b[0] and story_of[a[0]] == story_of[b[0]]
            if same_story and chains[a]["entity"] & chains[b]["entity"]:
                gold.add((a, b))
    return gold


def predicted_pairs(comparison: Comparison, articles: Iterable[Article]) -> set[Pair]:
    """Cross-article sentence pairs of every fact (sentences as lines of the article text)."""
    texts = {a.id: a.text for a in articles}
    out: set[Pair] = set()
    for fact in comparison.facts:
        keys = sorted(
            {
                (c.article, texts[c.article][: texts[c.article].find(c.text)].count("\n"))
                for c in fact.claims
                if texts[c.article].find(c.text) >= 0
            }
        )
        out.update((a, b) for a, b in combinations(keys, 2) if a[0] != b[0])
    return out


def evaluate_fact_alignment(root: Path, split: str, compare: Compare) -> dict[str, float]:
    """Precision, recall and F1 of fact alignment against the gold sentence pairs."""
    stories, gold, annotated = load_gold(root, split)
    predicted: set[Pair] = set()
    for story_id, articles in sorted(stories.items()):
        pairs = predicted_pairs(compare(story_id, articles), articles)
        predicted |= {p for p in pairs if p[0] in annotated and p[1] in annotated}
    hits = len(predicted & gold)
    gold_sentences = {k for pair in gold for k in pair}
    found_sentences = {k for pair in predicted & gold for k in pair}
    precision = hits / len(predicted) if predicted else 0.0
    recall = hits / len(gold) if gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {
        "precision": precision,
        "recall": recall,
        "f1": f1,
        "sentence_recall": len(found_sentences) / len(gold_sentences) if gold else 0.0,
        "gold_pairs": float(len(gold)),
        "predicted_pairs": float(len(predicted)),
    }
