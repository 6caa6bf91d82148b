"""Page routes of the web desk: the story list, story, article and entity pages.

Pages read through the same :class:`Engine` methods as the REST API. Every value reaches the
HTML through Jinja2 autoescaping (no ``|safe`` on data), links from articles only when they
are http(s), and the one script is a static file (the CSP forbids inline scripts).
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

from fastapi import FastAPI, Query, Request
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from jinja2 import Environment, FileSystemLoader, StrictUndefined

from newsweave.engine import Engine
from newsweave.errors import ConfigError, NewsweaveError, NotFoundError
from newsweave.read import StoryFilter
from newsweave.web.filters import (
    TIMELINE_WIDTH,
    counted,
    marked,
    safe_url,
    show_date,
    timeline,
)

if TYPE_CHECKING:
    from newsweave.api.analysis import Preparer

_HERE = Path(__file__).parent
# Search hits shown above the story list when the desk is searched.
_HITS = 8
# Names shared by several articles listed under "why these articles are one story".
_SHARED = 10


def templates() -> Jinja2Templates:
    """The desk's templates, autoescaped, failing loudly on a missing value."""
    env = Environment(
        loader=FileSystemLoader(_HERE / "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["safe_url"] = safe_url
    env.filters["show_date"] = show_date
    env.filters["counted"] = counted
    env.globals.update(marked=marked, timeline=timeline, timeline_width=TIMELINE_WIDTH)
    return Jinja2Templates(env=env)


def mount_desk(app: FastAPI, engine: Engine, preparer: Preparer) -> None:
    """Add the desk's pages and its static files to ``app``."""
    pages = templates()
    app.mount("/static", StaticFiles(directory=_HERE / "static"), name="static")

    def render(request: Request, name: str, status: int = 200, **context: object) -> HTMLResponse:
        return pages.TemplateResponse(request, name, context, status_code=status)

    def failed(request: Request, error: NewsweaveError) -> HTMLResponse:
        status = 404 if isinstance(error, NotFoundError) else 400
        return render(request, "error.html", status, error=error, code=status)

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def story_list(
        request: Request,
        q: Annotated[str | None, Query(max_length=500)] = None,
        entity: str | None = None,
        source: str | None = None,
        since: datetime | None = None,
        until: datetime | None = None,
        cursor: str | None = None,
    ) -> HTMLResponse:
        filters = StoryFilter(
            q=q or None, entity=entity or None, source=source or None, since=since, until=until
        )
        try:
            page = engine.story_list(filters, cursor=cursor, limit=25)
        except ConfigError as exc:
            return failed(request, exc)
        hits = engine.search_hits(q, limit=_HITS) if q and not cursor else []
        form = {
            "q": q or "",
            "entity": entity or "",
            "source": source or "",
            "since": show_date(since),
            "until": show_date(until),
        }
        return render(request, "stories.html", page=page, hits=hits, form=form)

    @app.get("/stories/{story_id}", response_class=HTMLResponse, include_in_schema=False)
    def story(request: Request, story_id: str) -> HTMLResponse:
        try:
            view = engine.story_view(story_id)
        except NewsweaveError as exc:
            return failed(request, exc)
        shared = [e for e in view.entities if e.articles >= 2][:_SHARED]
        ready = preparer.ensure(view)
        return render(request, "story.html", view=view, shared=shared, ready=ready)

    @app.get("/articles/{article_id}", response_class=HTMLResponse, include_in_schema=False)
    def article(request: Request, article_id: str) -> HTMLResponse:
        try:
            view = engine.article_view(article_id)
        except NewsweaveError as exc:
            return failed(request, exc)
        return render(request, "article.html", view=view)

    @app.get("/entities/{entity_id}", response_class=HTMLResponse, include_in_schema=False)
    def entity(request: Request, entity_id: str, cursor: str | None = None) -> HTMLResponse:
        try:
            detail = engine.entity_detail(entity_id, cursor=cursor, limit=25)
        except NewsweaveError as exc:
            return failed(request, exc)
        return render(request, "entity.html", detail=detail)
