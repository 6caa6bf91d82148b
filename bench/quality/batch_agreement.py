"""Local against Ray batch runs: same copy groups, same stories? (issue 17).

Runs ``Engine.batch`` over ECB+ (982 articles) plus one copy of each kind
(:mod:`newsweave.evaluation.copies`) of the first ``--copies`` articles, once with the local
executor (one process) and once on Ray with 2 workers, each into a fresh SQLite store; then
compares the copy groups exactly and the stories by B-cubed (local as key), and scores both
against the ECB+ gold stories (a copy's gold story is its source's).

    PYTHONPATH=src:. python bench/quality/batch_agreement.py
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
from pathlib import Path
from typing import Any

from bench.quality.ecbdata import ecb_path, load_rows
from newsweave.backends.executors.local import LocalExecutor
from newsweave.config import load_config
from newsweave.engine import Engine
from newsweave.evaluation.clusters import bcubed
from newsweave.evaluation.copies import KINDS, eligible, make_variant


def _corpus(path: Path, copies: int) -> dict[str, str]:
    """Write the sample; return the gold story of every article id."""
    rows = load_rows(ecb_path())
    gold: dict[str, str] = {}
    with path.open("w") as out:
        for row in rows:
            out.write(json.dumps(row) + "\n")
            gold[row["id"]] = row["cluster"]
        for row in [r for r in rows if eligible(r["text"])][:copies]:
            for kind in KINDS:
                copy = dict(
                    row, id=f"{row['id']}~{kind}", text=make_variant(row["id"], row["text"], kind)
                )
                copy.pop("url", None)
                out.write(json.dumps(copy) + "\n")
                gold[copy["id"]] = row["cluster"]
    return gold


def _run(corpus: Path, db: Path, executor: Any) -> tuple[dict[str, str], set[Any], float]:  # noqa: ANN401
    config = load_config(None, overrides={"db": str(db), "stages": {"cluster": "cluster.batch.v1"}})
    start = time.perf_counter()
    with Engine(config) as eng:
        eng.batch([str(corpus)], executor)
        seconds = time.perf_counter() - start
        # JSONL ids are the article ids (readers/base.py), so they match the gold directly.
        stories = {m: s.id for s in eng.stories() for m in s.article_ids}
        groups = {
            (g.original, tuple(sorted((c.id, c.kind) for c in g.copies))) for g in eng.dupes()
        }
    return stories, groups, seconds


def main() -> None:
    """Run both executors and print the agreement."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--copies", type=int, default=200, help="articles to copy (5 kinds each)")
    args = parser.parse_args()
    from newsweave.backends.executors.ray import RayExecutor

    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        gold = _corpus(work / "sample.jsonl", args.copies)
        local, local_groups, t_local = _run(
            work / "sample.jsonl", work / "local.db", LocalExecutor(1)
        )
        ray_, ray_groups, t_ray = _run(
            work / "sample.jsonl", work / "ray.db", RayExecutor(workers=2)
        )
    ids = sorted(local)
    agree = bcubed([ray_[i] for i in ids], [local[i] for i in ids])
    vs_gold = {
        name: bcubed([run[i] for i in ids], [gold[i] for i in ids]).f1
        for name, run in (("local", local), ("ray", ray_))
    }
    print(
        json.dumps(
            {
                "articles": len(ids),
                "same_stories": local == ray_,
                "bcubed_ray_vs_local": {"p": agree.precision, "r": agree.recall, "f1": agree.f1},
                "same_copy_groups": local_groups == ray_groups,
                "copy_groups": len(local_groups),
                "bcubed_f1_vs_gold": vs_gold,
                "seconds": {"local_1_process": round(t_local, 1), "ray_2_workers": round(t_ray, 1)},
            }
        )
    )


if __name__ == "__main__":
    main()
