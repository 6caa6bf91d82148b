"""``newsweave entities`` and ``newsweave entity``: who is involved, with roles."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.table import Table

from newsweave.cli.options import state
from newsweave.cli.render import print_json, safe, stdout


def entities(
    ctx: typer.Context,
    story: Annotated[str | None, typer.Option(help="Only entities of this story")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print a JSON array")] = False,
) -> None:
    """List canonical entities with aliases, roles, articles and stories."""
    with state(ctx).engine() as engine:
        views = engine.entities(story_id=story)
    if as_json:
        print_json([v.to_json() for v in views])
        return
    table = Table("entity", "type", "mentions", "aliases", "roles")
    for v in views:
        roles = "; ".join(sorted({text for text, _ in v.roles}))
        table.add_row(
            safe(v.name), v.type, str(v.mentions), safe(", ".join(v.aliases)), safe(roles)
        )
    stdout.print(table)
    stdout.print(f"{len(views)} entities")


def entity(
    ctx: typer.Context,
    name_or_id: Annotated[str, typer.Argument(help="Entity id, name or alias")],
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON")] = False,
) -> None:
    """Show one entity: aliases, what each article says it is, where it appears."""
    with state(ctx).engine() as engine:
        view = engine.entity(name_or_id)
    if as_json:
        print_json(view.to_json())
        return
    stdout.print(f"[bold]{safe(view.name)}[/bold] ({view.type}, {safe(view.id)})")
    stdout.print(f"aliases: {safe(', '.join(view.aliases)) or '-'}")
    for text, article in view.roles:
        stdout.print(f"  role: {safe(text)}  [dim]({safe(article)})[/dim]")
    stdout.print(f"{len(view.articles)} articles in {len(view.stories)} stories")


def register(app: typer.Typer) -> None:
    """Add these commands to ``app``."""
    app.command("entities")(entities)
    app.command("entity")(entity)
