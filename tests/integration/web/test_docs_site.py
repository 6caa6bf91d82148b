"""The docs site, built as ``make docs`` builds it, opened in headless chromium at the tutorial.

The site is served over loopback HTTP, as a reader gets it: from ``file://`` chromium refuses
the search worker (origin ``null``), which would hide errors of the pages themselves.
"""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from tests.integration.web.browser import CHROMIUM, Watch, screenshot_dir

pytestmark = [pytest.mark.issue(19)]

ROOT = Path(__file__).resolve().parents[3]


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The site, built with warnings as errors into a tmp dir."""
    out = tmp_path_factory.mktemp("site")
    done = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "-d", str(out)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    return out


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def served(site: Path) -> Iterator[str]:
    """The built site served on a loopback port; yields its base URL."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(_Quiet, directory=str(site)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)


@pytest.fixture
def docs_browser(request: pytest.FixtureRequest) -> object:
    """The session's browser; in CI a missing chromium fails instead of skipping."""
    if os.environ.get("CI") and not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: CI must run the browser tests")
    return request.getfixturevalue("browser")


def test_tutorial_page_renders_offline_with_its_code(docs_browser, served, tmp_path_factory):
    page = f"{served}/tutorials/first-corpus/"
    context = docs_browser.new_context(viewport={"width": 1200, "height": 1000})
    tab = context.new_page()
    watch = Watch()
    watch.attach(tab)
    fetched: list[str] = []
    tab.on("request", lambda r: fetched.append(r.url))
    tab.goto(page, wait_until="networkidle")
    heading = tab.locator("h1").first
    assert heading.is_visible()
    assert heading.inner_text().strip().startswith("From a folder of pages and a feed to stories")
    ingest = tab.locator("pre code", has_text="newsweave --db tutorial.db ingest").first
    assert ingest.is_visible()
    assert ingest.bounding_box()["height"] > 10  # laid out, not collapsed
    # The page and everything it loads come from the built site: it reads the same offline.
    assert fetched[0] == page
    assert [url for url in fetched if not url.startswith(served + "/")] == []
    shot = screenshot_dir(tmp_path_factory) / "docs-tutorial.png"
    tab.screenshot(path=str(shot))
    print(f"screenshot: {shot}")  # noqa: T201 - where to look at it (pytest -s shows it)
    watch.assert_clean()
    context.close()
