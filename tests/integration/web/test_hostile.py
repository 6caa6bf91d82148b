"""Articles carrying scripts, event handlers, javascript: links, SVG and a </title> break-out:
the desk shows them as text and nothing runs."""

from __future__ import annotations

import re
from collections.abc import Iterator

import httpx
import pytest
from tests.integration.web.browser import Watch, screenshot_dir
from tests.integration.web.conftest import TOKEN, LiveServer

from newsweave.config import Config
from newsweave.engine import Engine

SCRIPT = "<script>window.__pwned = 1; alert('script')</script>"
ONERROR = "<img src=x onerror=\"window.__pwned = 2; alert('onerror')\">"
SVG = "<svg onload=\"alert('svg')\"><script>window.__pwned = 3; alert('svg-script')</script></svg>"
TITLE_BREAK = "</title><script>window.__pwned = 4; alert('title')</script>"
BODY = (
    "The Orlen Bay harbour authority said on Tuesday that the storm wall would be rebuilt "
    "before winter, after waves breached it in two places and flooded the fish market. "
)
HOSTILE = [
    {
        "id": "evil-title",
        "title": f"{TITLE_BREAK} Harbour wall {SCRIPT}",
        "text": f"{BODY}{ONERROR} Engineers inspected the breach. {SVG}\n\n{BODY}",
        "url": "javascript:alert('url')",
        "source": f"<b onmouseover=\"alert('source')\">Evil Gazette</b>{SCRIPT}",
        "author": ONERROR,
        "date": "2025-06-03T08:00:00Z",
    },
    {
        "id": "evil-data-url",
        "title": "Harbour wall rebuilt before winter",
        "text": f"{BODY}Repairs began on Wednesday. {SCRIPT}\n\n{BODY}",
        "url": "data:text/html,<script>alert('data')</script>",
        "source": "Orlen Gazette",
        "date": "2025-06-04T08:00:00Z",
    },
    {
        "id": "evil-vbscript",
        "title": "Fish market reopens <svg><script>alert('t')</script></svg>",
        "text": f"{BODY}The fish market reopened. {TITLE_BREAK}\n\n{BODY}",
        "url": " JaVaScRiPt:alert('mixed case')",
        "source": "Orlen Gazette",
        "date": "2025-06-05T08:00:00Z",
    },
]


@pytest.fixture(scope="module")
def hostile_desk(tmp_path_factory) -> Iterator[LiveServer]:
    db = tmp_path_factory.mktemp("hostile") / "hostile.db"
    with Engine(Config(db=str(db))) as engine, LiveServer(engine, token=TOKEN) as server:
        response = httpx.post(
            f"{server.url}/api/articles",
            json=HOSTILE,
            headers={"Authorization": f"Bearer {TOKEN}"},
            timeout=120,
        )
        assert response.status_code == 201, response.text
        assert len(response.json()["articles"]) == len(HOSTILE)
        yield server


def _pages(base: str) -> list[str]:
    api = httpx.get(f"{base}/api/stories").json()["stories"]
    entities = httpx.get(f"{base}/api/entities").json()["entities"]
    pages = ["/", "/?q=harbour", "/?q=%3Cscript%3E"]
    pages += [f"/stories/{s['id']}" for s in api]
    pages += [f"/articles/{a['id']}" for a in HOSTILE]
    pages += [f"/entities/{e['id']}" for e in entities[:5]]
    return pages


def test_nothing_executes_and_the_text_is_shown_literally(browser, hostile_desk, tmp_path_factory):
    shots = screenshot_dir(tmp_path_factory)
    context = browser.new_context(viewport={"width": 1200, "height": 900})
    tab = context.new_page()
    watch = Watch()
    watch.attach(tab)
    for path in _pages(hostile_desk.url):
        tab.goto(hostile_desk.url + path)
        tab.wait_for_load_state("load")
        assert tab.evaluate("typeof window.__pwned") == "undefined", path
        # The only script is the desk's own static file; no element carries an event handler.
        sources = tab.eval_on_selector_all("script", "els => els.map(e => e.src)")
        assert sources == [hostile_desk.url + "/static/desk.js"], path
        handlers = tab.evaluate(
            "[...document.querySelectorAll('*')].filter(e => [...e.attributes]"
            ".some(a => a.name.startsWith('on'))).length"
        )
        assert handlers == 0, path
        hrefs = tab.eval_on_selector_all("a[href]", "els => els.map(e => e.getAttribute('href'))")
        assert all(re.match(r"^(/|https?://)", h) for h in hrefs), (path, hrefs)
        assert tab.locator("svg script, img").count() == 0, path
        # A </title> in a headline must not end the document title early.
        assert tab.title().endswith("· newsweave desk"), path
    tab.goto(f"{hostile_desk.url}/articles/evil-title")
    heading = tab.locator("h1").inner_text()
    assert "</title><script>" in heading
    assert "<script>window.__pwned = 1" in heading
    body = tab.locator(".text").inner_text()
    assert 'onerror="window.__pwned = 2' in body
    assert "<svg onload=" in body
    assert "<b onmouseover=" in tab.locator("main").inner_text()
    assert tab.locator("a", has_text="original article").count() == 0  # javascript: URL
    tab.screenshot(path=str(shots / "hostile-article.png"), full_page=True)
    [story_path] = [p for p in _pages(hostile_desk.url) if p.startswith("/stories/")][:1]
    tab.goto(hostile_desk.url + story_path)
    tab.screenshot(path=str(shots / "hostile-story.png"), full_page=True)
    context.close()
    watch.assert_clean()
