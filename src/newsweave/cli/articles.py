"""``newsweave articles`` and ``newsweave show``: list and inspect stored articles."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.table import Table

from newsweave.cli.dupes import group_json
from newsweave.cli.options import state
from newsweave.cli.render import article_json, print_json, safe, stdout
from newsweave.text.dates import format_date
from newsweave.views import StoryView


def articles(
    ctx: typer.Context,
    as_json: Annotated[bool, typer.Option("--json", help="Print a JSON array")] = False,
    limit: Annotated[int | None, typer.Option(help="At most this many")] = None,
    search: Annotated[str | None, typer.Option(help="Full-text query")] = None,
) -> None:
    """List stored articles (oldest stored first), or full-text search them."""
    with state(ctx).engine() as engine:
        found = engine.search(search, limit=limit or 20) if search else engine.articles(limit=limit)
        stories = {article.id: engine.story_of(article.id) for article in found}
    if as_json:
        print_json([{**article_json(a), "story": stories[a.id]} for a in found])
        return
    table = Table("id", "date", "source", "title")
    table.columns[0].no_wrap = True
    for article in found:
        date = (format_date(article.date) or "")[:10]
        table.add_row(safe(article.id), date, safe(article.source), safe(article.title))
    stdout.print(table)
    stdout.print(f"{len(found)} articles")


def show(
    ctx: typer.Context,
    article_id: Annotated[str, typer.Argument(help="Article id")],
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON")] = False,
) -> None:
    """Show a stored article (text, removed boilerplate, copies) or a story and its articles."""
    with state(ctx).engine() as engine:
        if not engine.storage.has_article(article_id):
            _show_story(engine.story_view(article_id), as_json)
            return
        article = engine.article(article_id)
        group = engine.copy_group(article_id)
        story = engine.story_of(article_id)
    if as_json:
        data = article_json(article)
        data["copies"] = group_json(group) if group else None
        data["story"] = story
        print_json(data)
        return
    stdout.print(f"[bold]{safe(article.title)}[/bold]")
    meta = [article.id, article.source, format_date(article.date), article.url, article.origin]
    meta.append(f"story {story}" if story else None)
    stdout.print(" · ".join(safe(part) for part in meta if part))
    stdout.print()
    stdout.print(safe(article.text))
    if group:
        stdout.print(f"\n[bold]copy group[/bold] (original {safe(group.original)}):")
        for copy in group.copies:
            stdout.print(f"  {safe(copy.id)}  {copy.kind}  {copy.score:.2f}")
    if article.removed:
        stdout.print("\n[dim]removed as boilerplate:[/dim]")
        for line in article.removed:
            stdout.print(f"[dim]  - {safe(line)}[/dim]")


def register(app: typer.Typer) -> None:
    """Add these commands to ``app``."""
    app.command("articles")(articles)
    app.command("show")(show)


def _show_story(view: StoryView, as_json: bool) -> None:
    story = view.story
    if as_json:
        print_json(
            {
                "id": story.id,
                "headline": story.headline,
                "articles": [m.article.id for m in view.members],
                "sources": list(view.sources),
                "first": format_date(story.first),
                "last": format_date(story.last),
                "aliases": list(story.aliases),
            }
        )
        return
    stdout.print(f"[bold]{safe(story.headline)}[/bold] ({safe(story.id)})")
    for member in view.members:
        article = member.article
        date = (format_date(article.date) or "")[:10]
        stdout.print(f"  {safe(article.id)}  {date}  {safe(article.source)}  {safe(article.title)}")
