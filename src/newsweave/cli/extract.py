"""``newsweave extract``: print the cleaned main text of input files, storing nothing."""

from __future__ import annotations

from typing import Annotated

import typer

from newsweave.cli.options import state
from newsweave.cli.render import print_json_line, safe, stderr, stdout
from newsweave.text.dates import format_date


def extract(
    ctx: typer.Context,
    paths: Annotated[list[str], typer.Argument(help="Files or directories")],
    as_json: Annotated[bool, typer.Option("--json", help="One JSON object per line")] = False,
) -> None:
    """Print the cleaned title and text of each input (nothing is stored)."""
    failed = 0
    with state(ctx).engine_without_store() as engine:
        for item in engine.extract(paths):
            if item.failure is not None:
                failed += 1
                stderr.print(
                    f"[{item.failure.code}] {safe(item.origin)}: {safe(item.failure.message)}"
                )
                continue
            article = item.article
            assert article is not None  # an Extraction holds an article or a failure
            if as_json:
                print_json_line(
                    {
                        "path": item.origin,
                        "title": article.title,
                        "text": article.text,
                        "date": format_date(article.date),
                        "source": article.source,
                        "removed": list(article.removed),
                    }
                )
            else:
                stdout.print(f"[bold]== {safe(item.origin)}: {safe(article.title)}[/bold]")
                stdout.print(safe(article.text) + "\n")
    if failed:
        raise typer.Exit(1)


def register(app: typer.Typer) -> None:
    """Add this command to ``app``."""
    app.command("extract")(extract)
