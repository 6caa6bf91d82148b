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
            "[env NEWSWEAVE_DB; default ./newsweave.db]; may follow the command too",
        ),
    ] = None,
    config_file: Annotated[
        Path | None,
        typer.Option(
            "--config", help="TOML settings file [default ./newsweave.toml]; may follow the command"
        ),
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


#: Global options that take a value and may also be written after the command name.
_GLOBAL_OPTIONS = ("--db", "--config")


def hoist_global_options(args: list[str]) -> list[str]:
    """Move ``--db``/``--config`` written after the command name in front of it.

    ``newsweave serve --db x.db`` then means ``newsweave --db x.db serve``; when an option is
    given twice the later one wins, as for any option. Nothing after ``--`` is touched.
    """
    front: list[str] = []
    rest: list[str] = []
    i = 0
    while i < len(args):
        arg = args[i]
        if arg == "--":
            rest.extend(args[i:])
            break
        name, eq, _ = arg.partition("=")
        if name in _GLOBAL_OPTIONS and (eq or i + 1 < len(args)):
            taken = 1 if eq else 2
            front.extend(args[i : i + taken])
            i += taken
            continue
        rest.append(arg)
        i += 1
    return front + rest


def main() -> None:
    """Entry point of the ``newsweave`` console script: exit 1 on a NewsweaveError."""
    try:
        app(args=hoist_global_options(sys.argv[1:]), prog_name="newsweave")
    except NewsweaveError as exc:
        typer.echo(f"error: {exc}", err=True)
        sys.exit(1)
