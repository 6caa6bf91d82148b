"""NER throughput: the configured newsweave step vs naive ``nlp.pipe`` with every component.

Both run in the same process on the same ECB+ texts, alternating, after a warm-up; each variant
is timed ``--repeat`` times and the median articles/s is reported with the range. The configured
step is :func:`newsweave.entities.ner.extract` (spaCy ``ner`` only + span repairs) with the given
``n_process``; the baseline loads the model with its default pipeline and calls ``nlp.pipe``.
It also checks that the entity spans of the two pipelines agree on the measured texts.

Usage: python bench/speed/ner_speed.py [--data DIR] [--limit N] [--repeat R] [--json OUT]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from newsweave.config import NerConfig
from newsweave.entities.ner import extract, load_pipeline

if TYPE_CHECKING:
    from spacy.language import Language

DEFAULT_DATA = Path(__file__).resolve().parents[2] / ".." / "shared" / "data" / "ecbplus"


def load_texts(data: Path, limit: int) -> list[str]:
    """ECB+ document texts, in file order."""
    with (data / "ecbplus.jsonl").open(encoding="utf-8") as fh:
        texts = [json.loads(line)["text"] for line in fh]
    return texts[:limit] if limit else texts


def main() -> None:
    """Measure and print articles/s for each variant."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--model", default=NerConfig().model)
    ap.add_argument("--limit", type=int, default=600)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--batch-size", type=int, default=32)
    ap.add_argument("--json", type=Path)
    args = ap.parse_args()
    import spacy  # the benchmark needs the extra; the library imports it lazily

    texts = load_texts(args.data, args.limit)
    naive = spacy.load(args.model)
    cfg = {n: NerConfig(model=args.model, batch_size=args.batch_size, processes=n) for n in (1, 2)}
    ner_only = load_pipeline(cfg[1])

    def run_naive(docs: list[str]) -> int:
        return sum(1 for _ in naive.pipe(docs, batch_size=args.batch_size))

    def run_ours(docs: list[str], n_process: int) -> int:
        pairs = [(str(i), t) for i, t in enumerate(docs)]
        return sum(1 for _ in extract(ner_only, pairs, cfg[n_process]))

    variants: dict[str, Callable[[list[str]], int]] = {
        f"naive nlp.pipe, all components {naive.pipe_names}, 1 process": run_naive,
        "newsweave ner (ner only + repairs), 1 process": lambda d: run_ours(d, 1),
        "newsweave ner (ner only + repairs), 2 processes": lambda d: run_ours(d, 2),
    }
    for run in variants.values():  # warm-up, including worker start-up
        run(texts[:40])
    times: dict[str, list[tuple[float, float]]] = {name: [] for name in variants}
    for _ in range(args.repeat):  # alternate the variants so load changes hit all of them
        for name, run in variants.items():
            wall, cpu = time.perf_counter(), cpu_seconds()
            run(texts)
            times[name].append((time.perf_counter() - wall, cpu_seconds() - cpu))
    report = report_rates(times, len(texts))
    report["entity_agreement_first_200_docs"] = agreement(naive, ner_only, texts[:200])
    report["cpus"] = os.cpu_count()
    report["load_avg_1min_at_end"] = round(os.getloadavg()[0], 2)
    print(json.dumps(report, indent=2))
    if args.json:
        args.json.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")


def cpu_seconds() -> float:
    """CPU time of this process plus its finished children (the ``n_process`` workers)."""
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.process_time() + kids.ru_utime + kids.ru_stime


def report_rates(times: dict[str, list[tuple[float, float]]], n: int) -> dict[str, object]:
    """Median and range of wall-clock articles/s per variant, and articles per CPU-second.

    On a shared machine the wall-clock rate depends on the other load; the CPU-time rate does
    much less, and times the number of cores it bounds what dedicated cores would give.
    """
    out: dict[str, object] = {"articles": n}
    for name, runs in times.items():
        rates = sorted(n / wall for wall, _ in runs)
        per_cpu = statistics.median(n / cpu for _, cpu in runs)
        mid = statistics.median(rates)
        out[name] = {
            "median_articles_per_s": round(mid, 1),
            "min": round(rates[0], 1),
            "max": round(rates[-1], 1),
            "articles_per_cpu_second": round(per_cpu, 1),
        }
        print(f"{name:<70} {mid:6.1f}/s wall ({rates[0]:.1f}-{rates[-1]:.1f}), {per_cpu:.1f}/cpu-s")
    return out


def agreement(full: Language, ner_only: Language, texts: Sequence[str]) -> float:
    """Share of documents whose raw spaCy entities are identical in both pipelines."""
    same = 0
    for a, b in zip(full.pipe(texts), ner_only.pipe(texts), strict=True):
        same += [(e.start_char, e.end_char, e.label_) for e in a.ents] == [
            (e.start_char, e.end_char, e.label_) for e in b.ents
        ]
    return round(same / len(texts), 4) if texts else 1.0


if __name__ == "__main__":
    main()
