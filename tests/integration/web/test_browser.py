"""The desk in a real headless chromium: list, search, story, article; screenshots saved."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from tests.integration.web.browser import Watch, screenshot_dir


@pytest.fixture(scope="module")
def shots(tmp_path_factory):
    return screenshot_dir(tmp_path_factory)


@pytest.fixture
def page(browser, live_desk) -> Iterator[tuple[object, Watch]]:
    context = browser.new_context(viewport={"width": 1200, "height": 900})
    tab = context.new_page()
    watch = Watch()
    watch.attach(tab)
    yield tab, watch
    context.close()


def test_story_list(page, live_desk, shots):
    tab, watch = page
    tab.goto(live_desk.url + "/")
    assert tab.title() == "Stories · newsweave desk"
    rows = tab.locator(".story-row")
    assert rows.count() >= 5
    assert "1 article · 1 source" in rows.first.inner_text()  # the explainer, newest
    tab.screenshot(path=str(shots / "stories.png"), full_page=True)
    watch.assert_clean()


def test_search_then_story_then_article(page, live_desk, shots):
    tab, watch = page
    tab.goto(live_desk.url + "/")
    tab.fill("#q", "crane")
    tab.press("#q", "Enter")
    tab.wait_for_url(re.compile(r".*\?q=crane"))
    headlines = tab.locator(".story-row .headline").all_inner_texts()
    assert headlines
    assert any("crane" in h.lower() for h in headlines)
    assert tab.locator(".hits mark").count() >= 1
    assert tab.locator(".hits mark").first.inner_text().lower() == "crane"
    tab.screenshot(path=str(shots / "search.png"), full_page=True)

    tab.locator(".story-row .headline", has_text="Gantry crane").click()
    tab.wait_for_url(re.compile(r".*/stories/st[0-9a-f]+"))
    assert "Gantry crane collapses" in tab.locator("h1").inner_text()
    assert tab.locator(".articles li").count() >= 2
    assert tab.locator(".chip").count() >= 1
    assert tab.locator(".timeline circle").count() >= 2
    assert tab.locator(".copies .tree").count() >= 1
    # the summary and facts are prepared off the request: the page reloads itself until ready
    tab.wait_for_selector(".summary .sentences li", timeout=60_000)
    assert 1 <= tab.locator(".summary .sentences li").count() <= 6
    assert tab.locator(".fact.corroborated").count() >= 1
    assert tab.locator(".timeline .dates li").count() >= 1
    tab.screenshot(path=str(shots / "story.png"), full_page=True)

    link = tab.locator(".summary a.cite").first  # a summary sentence's citation
    title = link.get_attribute("title")
    link.click()
    tab.wait_for_url(re.compile(r".*/articles/.+"))
    assert tab.locator("h1").inner_text() == title
    assert tab.locator(".text p").count() >= 1
    assert tab.locator(".removed h2").count() == 1
    tab.screenshot(path=str(shots / "article.png"), full_page=True)

    tab.locator("a.story-link").click()
    tab.wait_for_url(re.compile(r".*/stories/.+"))
    watch.assert_clean()


def test_entity_chip_leads_to_entity_page(page, live_desk):
    tab, watch = page
    tab.goto(live_desk.url + "/?q=battery")
    tab.locator(".story-row .headline").first.click()
    chip = tab.locator(".chip").first
    name = chip.inner_text().rsplit(" ", 1)[0]
    chip.click()
    tab.wait_for_url(re.compile(r".*/entities/.+"))
    assert name in tab.locator("h1").inner_text()
    assert tab.locator(".story-row").count() >= 1
    watch.assert_clean()


def test_phone_width_has_no_sideways_scroll(browser, live_desk, shots):
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True)
    tab = context.new_page()
    for path, name in (("/", "phone-stories.png"), ("/?q=Kessring", None)):
        tab.goto(live_desk.url + path)
        overflow = tab.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, path
        if name:
            tab.screenshot(path=str(shots / name), full_page=True)
    tab.locator(".story-row .headline").first.click()
    tab.wait_for_url(re.compile(r".*/stories/.+"))
    assert tab.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 0
    tab.screenshot(path=str(shots / "phone-story.png"), full_page=True)
    context.close()
