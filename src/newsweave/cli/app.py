"""The typer application, global options and the error boundary of every command."""

from __future__ import annotations

import logging
import sys
from pathlib import Path
from typing import Annotated

import typer

from newsweave.cli import (
    articles,
    batch,
    cluster,
    compare,
    config_cmd,
    dupes,
    entities,
    evaluate,
    extract,
    ingest,
    serve,
    stories,
    summary,
)
from newsweave.cli.options import State
from newsweave.errors import NewsweaveError

app = typer.Typer(
    name="newsweave",
    help="Turn overlapping news articles into verified stories.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)


@app.callback()
def _options(
    ctx: typer.Context,
    db: Annotated[
        str | None,
        typer.Option(
            "--db",
            help="SQLite database file, or a postgresql:// URL "
            "[env NEWSWEAVE_DB; default ./newsweave.db]",
        ),
    ] = None,
    config_file: Annotated[
        Path | None, typer.Option("--config", help="TOML settings file [default ./newsweave.toml]")
    ] = None,
    verbose: Annotated[int, typer.Option("--verbose", "-v", count=True, help="More logs")] = 0,
) -> None:
    """Turn overlapping news articles into verified stories."""
    level = logging.WARNING - 10 * min(verbose, 2)
    logging.basicConfig(
        level=level, stream=sys.stderr, format="%(levelname)s %(name)s: %(message)s"
    )
    ctx.obj = State(db=db, config_file=config_file)


for _module in (
    ingest,
    batch,
    articles,
    extract,
    dupes,
    stories,
    entities,
    compare,
    summary,
    cluster,
    evaluate,
    config_cmd,
    serve,
):
    _module.register(app)


def main() -> None:
    """Entry point of the ``newsweave`` console script: exit 1 on a NewsweaveError."""
    try:
        app()
    except NewsweaveError as exc:
        typer.echo(f"error: {exc}", err=True)
        sys.exit(1)
