"""``newsweave ingest``: read, clean and store articles."""

from __future__ import annotations

from typing import Annotated

import typer

from newsweave.cli.options import state
from newsweave.cli.render import print_json, progress_bar, safe, stderr, stdout
from newsweave.engine import IngestReport
from newsweave.model import JSON


def ingest(
    ctx: typer.Context,
    paths: Annotated[
        list[str], typer.Argument(help="Files, directories (recursive) or - for stdin")
    ],
    as_json: Annotated[bool, typer.Option("--json", help="Print the report as JSON")] = False,
    batch: Annotated[
        bool,
        typer.Option(
            "--batch", help="Backfill: on a store without stories, cluster everything at once"
        ),
    ] = False,
) -> None:
    """Ingest txt, HTML, JSONL/JSON, WARC, RSS/Atom files (gzipped too) into the store."""
    overrides = {"stages": {"cluster": "cluster.batch.v1"}} if batch else {}
    with state(ctx).engine(**overrides) as engine, progress_bar(not as_json) as progress:
        report = engine.ingest(paths, progress=progress)
    if as_json:
        print_json(_report_json(report))
    else:
        _print_report(report)
    if not report.ok:
        raise typer.Exit(1)


def _report_json(report: IngestReport) -> dict[str, JSON]:
    return {
        "inputs": report.inputs,
        "stored": report.stored,
        "already_stored": report.already_stored,
        "skipped_inputs": report.skipped_inputs,
        "failures": [
            {"origin": f.origin, "code": f.code, "reason": f.reason, "message": f.message}
            for f in report.failures
        ],
    }


def _print_report(report: IngestReport) -> None:
    for failure in report.failures:
        stderr.print(f"[{failure.code}] {safe(failure.origin)}: {safe(failure.message)}")
    stdout.print(
        f"{report.inputs} inputs: {report.stored} articles stored, "
        f"{report.already_stored} already stored, {report.skipped_inputs} inputs unchanged, "
        f"{len(report.failures)} failed"
    )


def register(app: typer.Typer) -> None:
    """Add this command to ``app``."""
    app.command("ingest")(ingest)
