"""``newsweave batch``: the batch plan over a corpus, on a local pool or a Ray cluster."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

import typer

from newsweave.backends.executors.local import LocalExecutor
from newsweave.backends.executors.ray import RayExecutor
from newsweave.batch_plan import SHARD_SIZE, BatchReport
from newsweave.cli.options import state
from newsweave.cli.render import print_json, progress_bar, safe, stderr, stdout


class ExecutorName(StrEnum):
    """Where shards run."""

    local = "local"
    ray = "ray"


def batch(
    ctx: typer.Context,
    paths: Annotated[list[str], typer.Argument(help="Files or directories (recursive)")],
    executor: Annotated[
        ExecutorName, typer.Option("--executor", help="local: process pool; ray: Ray actors")
    ] = ExecutorName.local,
    address: Annotated[
        str | None, typer.Option("--address", help="Ray cluster address (default: start one)")
    ] = None,
    workers: Annotated[int, typer.Option("--workers", min=1, help="Parallel workers")] = 2,
    shard_size: Annotated[int, typer.Option("--shard-size", min=1)] = SHARD_SIZE,
    as_json: Annotated[bool, typer.Option("--json", help="Print the report as JSON")] = False,
) -> None:
    """Ingest, clean, dedup, cluster and resolve a corpus in parallel; resumes a killed run."""
    overrides: dict[str, object] = {"stages": {"cluster": "cluster.batch.v1"}}
    runner = (
        RayExecutor(address, workers) if executor is ExecutorName.ray else LocalExecutor(workers)
    )
    with state(ctx).engine(**overrides) as engine, progress_bar(not as_json) as progress:
        report = engine.batch(paths, runner, shard_size=shard_size, progress=progress)
    _render(report, as_json)
    if report.failures or report.input_errors:
        raise typer.Exit(1)


def _render(report: BatchReport, as_json: bool) -> None:
    if as_json:
        print_json(
            {
                "shards": report.shards,
                "shards_skipped": report.shards_skipped,
                "stored": report.stored,
                "already_stored": report.already_stored,
                "analyzed": report.analyzed,
                "failures": len(report.failures) + len(report.input_errors),
            }
        )
        return
    for failure in report.failures:
        stderr.print(f"{safe(failure.origin or failure.article_id)}: {safe(failure.message)}")
    for error in report.input_errors:
        stderr.print(f"[{error.code}] {safe(error.path)}: {safe(error.detail)}")
    stdout.print(
        f"{report.shards} shards ({report.shards_skipped} done before): {report.stored} "
        f"articles stored, {report.already_stored} already stored, {report.analyzed} analyzed"
    )


def register(app: typer.Typer) -> None:
    """Add this command to ``app``."""
    app.command("batch")(batch)
