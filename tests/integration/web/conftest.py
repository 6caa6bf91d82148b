"""A desk over the examples corpus: one engine per session, a TestClient, a live server."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

fastapi = pytest.importorskip("fastapi", reason="needs the web extra")

import uvicorn  # noqa: E402 - after the extra check
from fastapi.testclient import TestClient  # noqa: E402
from tests.integration.web.browser import CHROMIUM, require_chromium  # noqa: E402

from newsweave.api import create_app  # noqa: E402
from newsweave.config import Config  # noqa: E402
from newsweave.engine import Engine  # noqa: E402

CORPUS = Path(__file__).resolve().parents[3] / "examples" / "corpus"
TOKEN = "test-token-123"


@pytest.fixture(scope="session")
def desk_engine(tmp_path_factory) -> Iterator[Engine]:
    """The examples corpus ingested once with the default stages (read-only for tests)."""
    db = tmp_path_factory.mktemp("desk") / "desk.db"
    with Engine(Config(db=str(db))) as engine:
        report = engine.ingest([CORPUS])
        assert report.ok, report.failures
        yield engine


@pytest.fixture(scope="session")
def client(desk_engine) -> Iterator[TestClient]:
    """A client of the read-only desk (writes need a token nobody here sends)."""
    with TestClient(create_app(desk_engine, token=TOKEN)) as test_client:
        yield test_client


@pytest.fixture(scope="module")
def writable(tmp_path_factory) -> Iterator[Engine]:
    """An empty store to post articles to."""
    db = tmp_path_factory.mktemp("posts") / "posts.db"
    with Engine(Config(db=str(db))) as engine:
        yield engine


@pytest.fixture
def post_client(writable) -> Iterator[TestClient]:
    with TestClient(create_app(writable, token=TOKEN, max_body=64 * 1024)) as test_client:
        yield test_client


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class LiveServer:
    """uvicorn serving an app on a loopback port in a thread."""

    def __init__(self, engine: Engine, token: str | None = None) -> None:
        self.port = _free_port()
        config = uvicorn.Config(
            create_app(engine, token=token), host="127.0.0.1", port=self.port, log_level="warning"
        )
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def __enter__(self) -> LiveServer:
        self.thread.start()
        deadline = time.monotonic() + 20
        while not self.server.started:
            if time.monotonic() > deadline:
                raise RuntimeError("server did not start")
            time.sleep(0.05)
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)


@pytest.fixture(scope="session")
def live_desk(desk_engine) -> Iterator[LiveServer]:
    with LiveServer(desk_engine, token=TOKEN) as server:
        yield server


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    require_chromium()
    sync_api = pytest.importorskip("playwright.sync_api", reason="needs playwright (test extra)")
    with sync_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"]
        )
        yield launched
        launched.close()
