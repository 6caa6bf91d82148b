"""ECB+ evaluation of entity recognition + cross-document resolution.

Runs the configured NER over ECB+ documents, resolves entities incrementally (one article at a
time, stories = gold sub-topics, as the story stage would hand them over), maps system mentions
onto gold entity mentions (see :mod:`newsweave.entities.evaluate`) and reports coverage and
MUC / B3 / CEAF-e / CoNLL F1 on the met mentions, beside two baselines on the same mentions.
Only gold mentions in the sentences listed in ``ECBplus_coreference_sentences.csv`` (the fully
annotated ones, as in Cybulska & Vossen 2015 and Barhom et al. 2019) are used.

``--tune`` sweeps ``salience_ratio`` on train+dev only and reports the chosen value; the test
split is scored once with it.

Usage: python bench/quality/entities.py [--data DIR] [--tune] [--json OUT]
"""

from __future__ import annotations

import argparse
import csv
import gzip
import json
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace
from pathlib import Path

from newsweave.entities.evaluate import (
    EXTRA_TAG_LABELS,
    TAG_LABELS,
    GoldMention,
    Score,
    match_document,
    score,
)
from newsweave.entities.ner import ArticleSpans, NerConfig, extract, load_pipeline
from newsweave.entities.normalize import name_key
from newsweave.entities.resolve import (
    RESOLVABLE_LABELS,
    EntityTable,
    MentionInput,
    ResolveConfig,
    resolve,
)
from newsweave.model import Mention

DEFAULT_DATA = Path(__file__).resolve().parents[2] / ".." / "shared" / "data" / "ecbplus"
ALL_TAGS = {**TAG_LABELS, **EXTRA_TAG_LABELS}
# Ratios > 1 only: at 1.0 a tie between two full names would be broken by id, i.e. arbitrarily.
RATIOS = (1.25, 1.5, 2.0, 3.0, 5.0, float("inf"))
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


def row(name: str, s: Score) -> str:
    """One line of the report table."""
    parts = " ".join(
        f"{k}={v.precision:.3f}/{v.recall:.3f}/{v.f1:.3f}" for k, v in s.scores.items()
    )
    return f"{name:<28} cov={s.coverage:.3f} ({s.matched}/{s.gold}) CoNLL={s.conll_f1:.3f} {parts}"


def main() -> None:
    """Run the evaluation and print the report."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--model", default=NerConfig().model)
    ap.add_argument("--tune", action="store_true", help="sweep salience_ratio on train+dev")
    ap.add_argument("--ratio", type=float, default=ResolveConfig().salience_ratio)
    ap.add_argument("--json", type=Path, help="write the numbers as JSON here")
    args = ap.parse_args()
    docs, golds = load(args.data)
    split = {
        s: sorted((d for d in docs if docs[d]["split"] == s), key=_order)
        for s in ("train", "dev", "test")
    }
    wanted = split["train"] + split["dev"] + split["test"] if args.tune else split["test"]
    t0 = time.perf_counter()
    ner = run_ner(docs, wanted, NerConfig(model=args.model))
    print(f"NER: {len(wanted)} docs in {time.perf_counter() - t0:.1f}s ({args.model})")
    report: dict[str, object] = {"model": args.model}
    ratio = args.ratio
    if args.tune:
        report["tune_sweep_train_dev"], ratio = tune(
            ner, docs, golds, split["train"] + split["dev"], ratio
        )
    report["salience_ratio"] = ratio
    report.update(score_test_split(ner, docs, golds, split["test"], ratio))
    if args.json:
        args.json.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")


def tune(
    ner: Mapping[str, ArticleSpans], docs: Docs, golds: Golds, ids: Sequence[str], default: float
) -> tuple[dict[str, float], float]:
    """Sweep ``salience_ratio`` on ``ids``; the default stays when it ties with the best."""
    sweep: dict[str, float] = {}
    for r in RATIOS:
        system = resolve_incrementally(
            ner, docs, ids, _subtopic(docs), ResolveConfig(salience_ratio=r)
        )
        s, _ = evaluate(docs, golds, system, ids, TAG_LABELS)
        sweep[str(r)] = round(s.conll_f1, 4)
        print(row(f"train+dev ratio={r}", s))
    best = max(sweep.values())
    tied = sorted(float(k) for k in sweep if sweep[k] == best)
    ratio = default if sweep.get(str(default)) == best else tied[0]
    print(f"chosen salience_ratio={ratio}")
    return sweep, ratio


def score_test_split(
    ner: Mapping[str, ArticleSpans], docs: Docs, golds: Golds, test: Sequence[str], ratio: float
) -> dict[str, object]:
    """Score the systems and baselines on the test split."""
    cfg = ResolveConfig(salience_ratio=ratio)
    systems = {
        "newsweave (story=subtopic)": resolve_incrementally(ner, docs, test, _subtopic(docs), cfg),
        "newsweave (story=document)": resolve_incrementally(ner, docs, test, lambda d: d, cfg),
        "baseline: same string": string_baseline(ner, test),
    }
    report: dict[str, object] = {}
    for tags_name, tags in (("core", TAG_LABELS), ("core+ORG/GPE", ALL_TAGS)):
        print(f"-- test (topics 36-45), gold tags: {tags_name} {sorted(tags)}")
        for name, system in systems.items():
            s, single = evaluate(docs, golds, system, test, tags)
            print(row(name, s))
            report[f"{tags_name}|{name}"] = _as_json(s)
        print(row("baseline: singletons", single))
        report[f"{tags_name}|singletons"] = _as_json(single)
        met, total = named_coverage(docs, golds, systems["baseline: same string"], test, tags)
        print(f"coverage of capitalized (named) gold mentions: {met}/{total} = {met / total:.3f}")
        report[f"{tags_name}|named_coverage"] = {"met": met, "total": total}
    return report


def _subtopic(docs: Docs) -> Callable[[str], str]:
    return lambda d: str(docs[d]["subtopic"])


def _order(doc_id: str) -> tuple[int, str, int]:
    topic, rest = doc_id.split("_", 1)
    num = int("".join(c for c in rest if c.isdigit()) or 0)
    return int(topic), rest.lstrip("0123456789"), num


def _as_json(s: Score) -> dict[str, object]:
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


if __name__ == "__main__":
    main()
