"""The REST endpoints under ``/api``: thin adapters over one shared :class:`Engine`."""

from __future__ import annotations

import asyncio
from concurrent.futures import Executor
from datetime import datetime
from functools import partial
from typing import Annotated, Any

from fastapi import APIRouter, Header, Query, Request
from fastapi.responses import JSONResponse

from newsweave import __version__
from newsweave.api import schemas
from newsweave.api.analysis import Preparer
from newsweave.api.problems import problem
from newsweave.api.security import check_token
from newsweave.claims.codec import comparison_to_json
from newsweave.engine import Engine
from newsweave.errors import InputError
from newsweave.model import JSON
from newsweave.read import StoryFilter
from newsweave.summary.codec import summary_to_json
from newsweave.summary.summarize import DEFAULT_SENTENCES

# Reader chosen for each accepted request content type (by the suffix of the input name).
_SUFFIX = {
    "application/json": ".json",
    "application/x-ndjson": ".jsonl",
    "application/jsonl": ".jsonl",
    "text/plain": ".txt",
    "text/html": ".html",
}
_POST_BODY = {
    "required": True,
    "content": {
        "application/json": {
            "schema": {
                "oneOf": [
                    {"$ref": "#/components/schemas/ArticleIn"},
                    {"type": "array", "items": {"$ref": "#/components/schemas/ArticleIn"}},
                ]
            }
        },
        "application/x-ndjson": {"schema": {"type": "string"}},
        "text/plain": {"schema": {"type": "string"}},
        "text/html": {"schema": {"type": "string"}},
    },
}
ARTICLE_IN_SCHEMA = {
    "type": "object",
    "required": ["text"],
    "properties": {
        name: {"type": "string"} for name in ("id", "title", "text", "url", "source", "author")
    }
    | {"date": {"type": "string", "format": "date-time"}},
}

Limit = Annotated[int, Query(ge=1, le=200)]


def router(
    engine: Engine, *, token: str | None, max_body: int, writer: Executor, preparer: Preparer
) -> APIRouter:
    """The ``/api`` routes over ``engine``; writes need ``token`` when it is set.

    Reads run in the server's thread pool; writes queue on ``writer`` (one thread), so a burst
    of posts never takes the threads that reads need.
    """
    api = APIRouter(prefix="/api")

    @api.get("/health")
    def health() -> schemas.HealthOut:
        """The server is up; how many articles the store holds."""
        return schemas.HealthOut(status="ok", articles=engine.count_articles(), version=__version__)

    @api.get("/stories")
    def stories(
        q: str | None = None,
        entity: str | None = None,
        source: str | None = None,
        since: datetime | None = None,
        until: datetime | None = None,
        cursor: str | None = None,
        limit: Limit = 50,
    ) -> schemas.StoryPageOut:
        """Stories newest first, filtered, one page at a time (pass ``next_cursor`` on)."""
        filters = StoryFilter(q=q, entity=entity, source=source, since=since, until=until)
        return schemas.story_page_out(engine.story_list(filters, cursor=cursor, limit=limit))

    @api.get("/stories/{story_id}")
    def story(story_id: str) -> schemas.StoryOut:
        """A story with its articles, sources, copy groups, entities, facts and summary.

        Facts and summary are those stored for the story as it is now; when they are not
        ready yet (``analysis: "pending"``), they are being prepared: ask again shortly, or
        ask ``/facts`` or ``/summary``, which compute them on the spot.
        """
        view = engine.story_view(story_id)
        return schemas.story_out(view, ready=preparer.ensure(view))

    @api.get("/stories/{story_id}/facts")
    def facts(story_id: str) -> dict[str, Any]:
        """What the story's sources agree on, what rests on one source, where they disagree."""
        return comparison_to_json(engine.compare(story_id))

    @api.get("/stories/{story_id}/summary")
    def summary(
        story_id: str, sentences: Annotated[int, Query(ge=1, le=30)] = DEFAULT_SENTENCES
    ) -> dict[str, Any]:
        """The story's headline, cited summary and timeline."""
        return summary_to_json(engine.summary(story_id, sentences=sentences))

    @api.get("/stories/{story_id}/explanation")
    def explanation(story_id: str) -> schemas.ExplanationOut:
        """Why each article is in the story: shared names and terms, similarity scores."""
        story = engine.story(story_id)
        return schemas.explanation_out(story.id, engine.explain(story.id))

    @api.get("/articles/{article_id}")
    def article(article_id: str) -> schemas.ArticleOut:
        """An article: text, metadata, removed boilerplate, story and copy group."""
        return schemas.article_out(engine.article_view(article_id))

    @api.get("/entities")
    def entities(
        q: str | None = None, cursor: str | None = None, limit: Limit = 50
    ) -> schemas.EntityPageOut:
        """Entities whose name contains ``q``, by name, one page at a time."""
        return schemas.entity_page_out(engine.entity_list(q, cursor=cursor, limit=limit))

    @api.get("/entities/{entity_id}")
    def entity(entity_id: str, cursor: str | None = None, limit: Limit = 20) -> schemas.EntityOut:
        """An entity with aliases, roles and a page of the stories that mention it."""
        detail = engine.entity_detail(entity_id, cursor=cursor, limit=limit)
        return schemas.entity_detail_out(detail)

    @api.get("/search")
    def search(q: Annotated[str, Query(max_length=500)], limit: Limit = 20) -> schemas.SearchOut:
        """Ranked full-text matches (SQLite FTS5, BM25) with marked snippets."""
        return schemas.search_out(q, engine.search_hits(q, limit=limit))

    @api.post(
        "/articles",
        status_code=201,
        response_model=schemas.PostOut,
        openapi_extra={"requestBody": _POST_BODY},
        responses={200: {"model": schemas.PostOut, "description": "every article was known"}},
    )
    async def post_articles(
        request: Request, authorization: Annotated[str | None, Header()] = None
    ) -> JSONResponse:
        """Ingest a JSON article, a JSON list, JSON Lines, plain text or HTML."""
        check_token(token, authorization)
        kind = request.headers.get("content-type", "").split(";")[0].strip().lower()
        if kind not in _SUFFIX:
            accepted = ", ".join(_SUFFIX)
            return problem(415, "NW210", f"send one of: {accepted}", instance=request.url.path)
        data = await _read_body(request, max_body)
        ingest = partial(engine.ingest_data, data, name=f"post{_SUFFIX[kind]}")
        report = await asyncio.get_running_loop().run_in_executor(writer, ingest)
        out = schemas.post_out(report)
        if not report.articles:
            code = report.failures[0].code if report.failures else "NW208"
            refused: list[JSON] = [dict(r.model_dump()) for r in out.refused]
            return problem(
                422, code, "no article could be read", instance=request.url.path, refused=refused
            )
        status = 201 if any(p.stored for p in report.articles) else 200
        return JSONResponse(out.model_dump(mode="json"), status_code=status)

    return api


async def _read_body(request: Request, max_body: int) -> bytes:
    """The request body, refused past ``max_body`` bytes without reading the rest."""
    declared = request.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > max_body:
        raise InputError("request", "too_large", f"body larger than {max_body} bytes")
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > max_body:
            raise InputError("request", "too_large", f"body larger than {max_body} bytes")
        chunks.append(chunk)
    return b"".join(chunks)
