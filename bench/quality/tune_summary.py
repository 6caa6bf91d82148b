"""Choose the summary's selection weights on the summary dev set (never on its test set).

Every case of ``data/summaries_dev.jsonl`` is ingested once (cleaned, deduplicated, entities),
then summarized under each setting of a small grid; the settings are ranked by mean ROUGE-2
F1 (then ROUGE-1) of summaries cut to the gate's word count. The winner is copied by hand into
``SelectParams``'s defaults, with the run's figures in its docstring.

Usage: ``python bench/quality/tune_summary.py [--data FILE] [--top 10]``
"""

from __future__ import annotations

import argparse
import itertools
import json
from pathlib import Path

from newsweave.backends.storage.memory import MemoryStorage
from newsweave.config import load_config
from newsweave.engine import Engine
from newsweave.evaluation.summary import load_cases, rouge_f1, truncate
from newsweave.summary.select import SelectParams

HERE = Path(__file__).resolve().parent
WORDS = 80
GRID = {
    "centrality": [1.0],
    "support": [0.3, 0.6, 1.0, 1.5],
    "position": [0.3, 0.6, 1.0],
    "primary": [0.6, 1.5],
    "redundancy": [0.3, 0.6],
    "max_cosine": [0.8],
    "max_overlap": [0.5],
}


def main() -> None:
    """Print the best settings on the dev set as JSON lines."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=HERE / "data" / "summaries_dev.jsonl")
    parser.add_argument("--top", type=int, default=10)
    args = parser.parse_args()
    cases = load_cases(args.data)
    engine = Engine(load_config(None), storage=MemoryStorage())
    ids: dict[str, list[str]] = {}
    for case in cases:
        lines = [json.dumps(dict(a), ensure_ascii=False) for a in case.articles]
        ingested = engine.ingest_data("\n".join(lines).encode("utf-8"), name=f"{case.id}.jsonl")
        ids[case.id] = [a.id for a in ingested.articles]
    rows = []
    for values in itertools.product(*GRID.values()):
        params = SelectParams(**dict(zip(GRID, values, strict=True)))
        totals = {"rouge1": 0.0, "rouge2": 0.0, "rougeL": 0.0}
        for case in cases:
            summary = engine.summarize_articles(
                ids[case.id], sentences=30, max_words=WORDS, params=params
            )
            text = truncate(" ".join(s.text for s in summary.sentences), WORDS)
            for metric, value in rouge_f1(text, case.reference).items():
                totals[metric] += value
        means = {m: round(v / len(cases), 4) for m, v in totals.items()}
        rows.append((means["rouge2"], means["rouge1"], dict(zip(GRID, values, strict=True)), means))
    rows.sort(key=lambda r: (r[0], r[1]), reverse=True)
    for _, _, setting, means in rows[: args.top]:
        print(json.dumps({"params": setting, **means}))


if __name__ == "__main__":
    main()
