"""The FastAPI application: the REST API under ``/api`` and the web desk, over one Engine."""

from __future__ import annotations

from collections.abc import AsyncIterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import asynccontextmanager
from typing import Any

from fastapi import FastAPI

from newsweave import __version__
from newsweave.api import problems, routes
from newsweave.api.analysis import Preparer
from newsweave.api.security import SecurityHeaders, docs_page
from newsweave.engine import Engine

# Largest accepted request body (a POST of articles); larger ones get 413.
MAX_BODY = 5 * 1024 * 1024


def create_app(engine: Engine, *, token: str | None = None, max_body: int = MAX_BODY) -> FastAPI:
    """Build the app serving ``engine``; writes need ``Authorization: Bearer <token>`` if set.

    The engine is shared by every request: reads get a store connection per worker thread,
    writes queue on the engine's writer lock, and models are loaded once, when it was built.
    """
    from newsweave.web.pages import mount_desk

    # The one writer thread: posts queue here, in order, on the engine's own connection.
    writer = ThreadPoolExecutor(max_workers=1, thread_name_prefix="newsweave-writer")

    preparer = Preparer(engine)  # facts and summaries, prepared off the request

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        yield
        preparer.close()
        writer.shutdown(wait=True)

    app = FastAPI(
        title="newsweave",
        version=__version__,
        description="Stories, copies and entities from overlapping news articles.",
        docs_url=None,
        redoc_url=None,
        lifespan=lifespan,
    )
    app.get("/docs", include_in_schema=False)(lambda: docs_page("/openapi.json", app.title))
    app.add_middleware(SecurityHeaders)
    problems.install(app)
    app.include_router(
        routes.router(engine, token=token, max_body=max_body, writer=writer, preparer=preparer)
    )
    mount_desk(app, engine, preparer)
    app.openapi = lambda: _openapi(app)  # type: ignore[method-assign]  # FastAPI's documented hook
    return app


def _openapi(app: FastAPI) -> dict[str, Any]:
    """The generated schema, plus the posted article's schema and problem responses."""
    if app.openapi_schema:
        return app.openapi_schema
    from fastapi.openapi.utils import get_openapi

    schema = get_openapi(title=app.title, version=app.version, routes=app.routes)
    schema.setdefault("components", {}).setdefault("schemas", {})["ArticleIn"] = (
        routes.ARTICLE_IN_SCHEMA
    )
    app.openapi_schema = schema
    return schema
