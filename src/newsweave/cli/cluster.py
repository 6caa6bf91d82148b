"""``newsweave cluster`` and ``newsweave eval cluster``: cluster a JSONL file, score it."""

from __future__ import annotations

import json
import statistics
from dataclasses import replace
from pathlib import Path
from typing import Annotated

import typer

from newsweave.backends.storage.memory import MemoryStorage
from newsweave.cli.evaluate import eval_app
from newsweave.cli.options import State, state
from newsweave.cli.render import print_json, print_json_line, stdout
from newsweave.engine import Engine
from newsweave.evaluation.clusters import partition_scores
from newsweave.model import JSON


def _engine(opts: State, batch: bool) -> Engine:
    """An engine without entities; on a throwaway store unless --db was given."""
    config = opts.config()
    stages = replace(
        config.stages,
        entities="none",
        cluster=replace(config.stages.cluster, use="cluster.batch.v1")
        if batch
        else config.stages.cluster,
    )
    config = replace(config, stages=stages)
    return Engine(config) if opts.db is not None else Engine(config, storage=MemoryStorage())


def cluster(
    ctx: typer.Context,
    path: Annotated[Path, typer.Argument(help="Articles as JSON lines (id, title, text, ...)")],
    split: Annotated[str | None, typer.Option(help="Only records whose 'split' is this")] = None,
    batch: Annotated[bool, typer.Option("--batch", help="Cluster the whole file at once")] = False,
    seed: Annotated[int | None, typer.Option(help="Shuffle the order with this seed")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="One JSON line per article")] = False,
) -> None:
    """Assign each article of a file to a story; print {"id", "story"} per article."""
    with _engine(state(ctx), batch) as engine:
        pairs = engine.cluster_file(path, split=split, seed=seed)
    for article_id, story_id in pairs:
        if as_json:
            print_json_line({"id": article_id, "story": story_id})
        else:
            stdout.print(f"{article_id}\t{story_id}")


def _gold(path: Path, field: str) -> dict[str, str]:
    with path.open(encoding="utf-8") as handle:
        rows = [json.loads(line) for line in handle if line.strip()]
    return {str(r["id"]): str(r.get(field)) for r in rows}


def _scores(pairs: list[tuple[str, str | None]], gold: dict[str, str]) -> dict[str, float]:
    pred = [story or article for article, story in pairs]
    return partition_scores(pred, [gold[article] for article, _ in pairs])


def eval_cluster(
    ctx: typer.Context,
    path: Annotated[Path, typer.Argument(help="Labelled articles as JSON lines")],
    split: Annotated[str | None, typer.Option(help="Only records whose 'split' is this")] = None,
    gold: Annotated[str, typer.Option(help="Field holding the gold story label")] = "cluster",
    orders: Annotated[int, typer.Option(help="Shuffled orders to average over")] = 5,
    batch: Annotated[
        bool, typer.Option("--batch", help="Batch mode (order-free, run once)")
    ] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON")] = False,
) -> None:
    """B-cubed P/R/F1, pairwise F1, ARI and cluster counts, mean and spread over orders."""
    labels = _gold(path, gold)
    runs = []
    for seed in range(1 if batch else orders):
        with _engine(State(config_file=state(ctx).config_file), batch) as engine:
            runs.append(_scores(engine.cluster_file(path, split=split, seed=seed), labels))
    summary: dict[str, JSON] = {
        key: {
            "mean": round(statistics.fmean(r[key] for r in runs), 4),
            "sd": round(statistics.stdev(r[key] for r in runs), 4) if len(runs) > 1 else 0.0,
        }
        for key in runs[0]
    }
    result: dict[str, JSON] = {
        "mode": "batch" if batch else "online",
        "orders": len(runs),
        **summary,
    }
    if as_json:
        print_json(result)
        return
    for key, value in summary.items():
        assert isinstance(value, dict)
        stdout.print(f"{key:<14} {value['mean']:.4f} ± {value['sd']:.4f}")


def register(app: typer.Typer) -> None:
    """Add ``cluster`` to ``app`` and ``cluster`` to its ``eval`` group."""
    app.command("cluster")(cluster)
    eval_app.command("cluster")(eval_cluster)
