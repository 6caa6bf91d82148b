"""RFC 9457 problem details: every error answer is ``application/problem+json`` with a code."""

from __future__ import annotations

import logging
from http import HTTPStatus

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException

from newsweave.errors import (
    AccessError,
    ConfigError,
    InputError,
    NewsweaveError,
    NotFoundError,
    StorageError,
)
from newsweave.model import JSON

logger = logging.getLogger(__name__)

PROBLEM_JSON = "application/problem+json"

# HTTP status of each error class (the first match in order wins; the rest are 500).
_STATUS: tuple[tuple[type[NewsweaveError], int], ...] = (
    (NotFoundError, 404),
    (AccessError, 401),
    (ConfigError, 400),
    (InputError, 422),
    (StorageError, 503),
)
# Project code of plain HTTP errors raised by the framework (unknown route, wrong method).
_HTTP_CODES = {404: NotFoundError.code, 401: AccessError.code, 413: "NW209", 415: "NW210"}


def problem(
    status: int, code: str, detail: str, *, instance: str | None = None, **extra: JSON
) -> JSONResponse:
    """A problem-details response; ``type`` names the stable code (see docs/reference/errors.md)."""
    body: dict[str, JSON] = {
        "type": f"urn:newsweave:error:{code}",
        "title": HTTPStatus(status).phrase,
        "status": status,
        "code": code,
        "detail": detail,
    }
    if instance is not None:
        body["instance"] = instance
    body.update(extra)
    headers = {"WWW-Authenticate": "Bearer"} if status == 401 else None
    return JSONResponse(body, status_code=status, media_type=PROBLEM_JSON, headers=headers)


def status_of(error: NewsweaveError) -> int:
    """The HTTP status that answers ``error``."""
    if isinstance(error, InputError) and error.reason == "too_large":
        return 413
    return next((status for kind, status in _STATUS if isinstance(error, kind)), 500)


def install(app: FastAPI) -> None:
    """Answer every error of ``app`` with problem details."""

    async def on_newsweave(request: Request, exc: Exception) -> JSONResponse:
        assert isinstance(exc, NewsweaveError)
        status = status_of(exc)
        if status >= 500:
            logger.error("%s %s failed: %s", request.method, request.url.path, exc)
        return problem(status, exc.code, exc.message, instance=request.url.path)

    async def on_http(request: Request, exc: Exception) -> JSONResponse:
        assert isinstance(exc, HTTPException)
        code = _HTTP_CODES.get(exc.status_code, ConfigError.code)
        return problem(exc.status_code, code, str(exc.detail), instance=request.url.path)

    async def on_invalid(request: Request, exc: Exception) -> JSONResponse:
        assert isinstance(exc, RequestValidationError)
        errors: list[JSON] = [
            {"loc": [str(p) for p in e.get("loc", ())], "msg": str(e.get("msg", ""))}
            for e in exc.errors()
        ]
        detail = "the request's parameters are invalid"
        return problem(422, ConfigError.code, detail, instance=request.url.path, errors=errors)

    async def on_crash(request: Request, exc: Exception) -> JSONResponse:
        logger.exception("%s %s crashed", request.method, request.url.path)
        return problem(500, NewsweaveError.code, "internal error", instance=request.url.path)

    app.add_exception_handler(NewsweaveError, on_newsweave)
    app.add_exception_handler(HTTPException, on_http)
    app.add_exception_handler(RequestValidationError, on_invalid)
    app.add_exception_handler(Exception, on_crash)
