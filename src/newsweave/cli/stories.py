"""``newsweave stories`` and ``newsweave explain``: stories and why articles are in them."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.table import Table

from newsweave.claims.compare import facts_by_article
from newsweave.cli.options import state
from newsweave.cli.render import print_json, safe, stdout
from newsweave.engine import Engine
from newsweave.model import JSON
from newsweave.read import StorySummary
from newsweave.text.dates import format_date


def story_json(story: StorySummary) -> dict[str, JSON]:
    """The JSON form of a story: id, headline, articles, sources, first, last."""
    return {
        "id": story.id,
        "headline": story.headline,
        "articles": list(story.article_ids),
        "sources": list(story.sources),
        "first": format_date(story.first),
        "last": format_date(story.last),
    }


def _all_stories(engine: Engine) -> list[StorySummary]:
    """Every story, newest first, read page by page."""
    found: list[StorySummary] = []
    cursor: str | None = None
    while True:
        page = engine.story_list(cursor=cursor, limit=200)
        found.extend(page.stories)
        if (cursor := page.next_cursor) is None:
            return found


def stories(
    ctx: typer.Context,
    as_json: Annotated[bool, typer.Option("--json", help="Print a JSON array")] = False,
) -> None:
    """List stories (one real-world event each), newest first."""
    with state(ctx).engine() as engine:
        found = [story_json(story) for story in _all_stories(engine)]
    if as_json:
        print_json(list(found))
        return
    table = Table("story", "articles", "sources", "first", "headline")
    table.columns[0].no_wrap = True
    for s in found:
        first = str(s["first"] or "")[:10]
        articles, sources = s["articles"], s["sources"]
        assert isinstance(articles, list)
        assert isinstance(sources, list)
        table.add_row(
            safe(str(s["id"])),
            str(len(articles)),
            str(len(sources)),
            first,
            safe(str(s["headline"])),
        )
    stdout.print(table)
    stdout.print(f"{len(found)} stories")


def explain(
    ctx: typer.Context,
    story_id: Annotated[str, typer.Argument(help="Story id")],
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON")] = False,
) -> None:
    """Say why each article is in a story: shared names and terms, similarity scores."""
    with state(ctx).engine() as engine:
        story = engine.story(story_id)
        reasons = engine.explain(story.id)
        titles = {
            a: article.title for a, article in engine.articles_by_id(story.article_ids).items()
        }
        supports = facts_by_article(engine.compare(story.id))
    rows: list[JSON] = [
        {
            "article": r.article_id,
            "title": titles.get(r.article_id, ""),
            "probability": round(r.probability, 4),
            "shared_names": list(r.shared_names),
            "shared_terms": list(r.shared_terms),
            "scores": dict(r.scores),
            "facts": dict[str, JSON](supports.get(r.article_id, {})),
        }
        for r in reasons
    ]
    if as_json:
        print_json({"story": story.id, "headline": story.headline, "members": rows})
        return
    stdout.print(f"[bold]{safe(story.headline)}[/bold] ({safe(story.id)})")
    for r in reasons:
        stdout.print(
            f"\n{safe(r.article_id)}  p={r.probability:.2f}  {safe(titles.get(r.article_id))}"
        )
        stdout.print(f"  names: {safe(', '.join(r.shared_names)) or '-'}")
        stdout.print(f"  terms: {safe(', '.join(r.shared_terms)) or '-'}")
        counts = supports.get(r.article_id, {})
        stdout.print(
            "  facts: " + (", ".join(f"{n} {status}" for status, n in counts.items()) or "-")
        )
        scores = ", ".join(f"{k} {v:.2f}" for k, v in r.scores.items())
        stdout.print(f"  [dim]{scores}[/dim]")


def maintain(
    ctx: typer.Context,
    split: Annotated[
        bool, typer.Option("--split", help="Also split stories whose articles drifted apart")
    ] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON")] = False,
) -> None:
    """Merge stories that grew together (and, with --split, split drifted ones): a batch job."""
    with state(ctx).engine() as engine:
        report = engine.maintain(split=split)
    if as_json:
        print_json(
            {
                "merged": [{"kept": keep, "merged": gone} for keep, gone in report.merged],
                "split": {sid: list(parts) for sid, parts in report.split.items()},
                "checked": report.checked,
                "skipped": report.skipped,
                "moved": report.moved,
            }
        )
        return
    for keep, gone in report.merged:
        stdout.print(f"merged {safe(gone)} into {safe(keep)}")
    for sid, parts in report.split.items():
        stdout.print(f"split {safe(sid)} into {safe(', '.join(parts))}")
    stdout.print(
        f"{len(report.merged)} merged, {len(report.split)} split, {report.moved} articles moved "
        f"({report.checked} stories checked, {report.skipped} too large to check)"
    )


def register(app: typer.Typer) -> None:
    """Add these commands to ``app``."""
    app.command("stories")(stories)
    app.command("explain")(explain)
    app.command("maintain")(maintain)
