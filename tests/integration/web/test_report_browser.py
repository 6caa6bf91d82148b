"""The HTML story report in real headless chromium: it renders, its CSP holds, nothing runs."""

from __future__ import annotations

from pathlib import Path

import pytest
from tests.integration.web.browser import Watch, screenshot_dir

from newsweave.report.html import to_html

pytestmark = [pytest.mark.issue(15)]


def test_html_report_of_an_examples_story_renders_under_its_csp(
    browser, desk_engine, tmp_path_factory
) -> None:
    crane = next(s for s in desk_engine.stories() if "crane" in s.headline.lower())
    page_file = tmp_path_factory.mktemp("report") / "crane.html"
    page_file.write_text(to_html(desk_engine.report(crane.id)), encoding="utf-8")
    context = browser.new_context(viewport={"width": 1000, "height": 900})
    tab = context.new_page()
    watch = Watch()
    watch.attach(tab)
    tab.goto(page_file.as_uri())
    assert "crane" in tab.locator("h1").inner_text().lower()
    assert tab.locator("#summary li").count() >= 1
    assert tab.locator("#summary sup a").count() >= tab.locator("#summary li").count()
    assert tab.locator("td.status.corroborated").count() >= 1
    chart = tab.locator(".chart img")
    assert chart.count() == 1
    assert chart.evaluate("img => img.naturalWidth") > 100  # the PNG loaded under img-src data:
    colour = tab.locator("td.status.corroborated").first.evaluate(
        "td => getComputedStyle(td).color"
    )
    assert colour == "rgb(31, 111, 58)"  # the stylesheet applied: its CSP hash matches
    shots = screenshot_dir(tmp_path_factory)
    tab.screenshot(path=str(Path(shots) / "report.png"), full_page=True)
    watch.assert_clean()  # a CSP violation would be a console error
    context.close()
