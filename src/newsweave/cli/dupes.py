"""``newsweave dupes``: groups of copies, with each group's likely original."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.table import Table

from newsweave.cli.options import state
from newsweave.cli.render import print_json, safe, stdout
from newsweave.dedup.groups import CopyGroup
from newsweave.model import JSON


def group_json(group: CopyGroup) -> dict[str, JSON]:
    """The JSON form of a copy group."""
    return {
        "original": group.original,
        "copies": [{"id": c.id, "kind": c.kind, "score": c.score} for c in group.copies],
    }


def dupes(
    ctx: typer.Context,
    as_json: Annotated[bool, typer.Option("--json", help="Print a JSON array")] = False,
) -> None:
    """List groups of copies (exact, near-duplicate, rewrite) and each group's original."""
    with state(ctx).engine() as engine:
        groups = engine.dupes()
        found = engine.articles_by_id([a for g in groups for a in g.members])
        titles = {a: article.title for a, article in found.items()}
    if as_json:
        print_json([group_json(group) for group in groups])
        return
    table = Table("original / copy", "kind", "score", "title")
    table.columns[0].no_wrap = True
    for group in groups:
        table.add_row(safe(group.original), "original", "", safe(titles[group.original]))
        for copy in group.copies:
            table.add_row(
                f"  {safe(copy.id)}", copy.kind, f"{copy.score:.2f}", safe(titles[copy.id])
            )
    stdout.print(table)
    stdout.print(f"{len(groups)} copy groups")


def register(app: typer.Typer) -> None:
    """Add this command to ``app``."""
    app.command("dupes")(dupes)
