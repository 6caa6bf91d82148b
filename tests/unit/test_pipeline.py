from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import ClassVar

import pytest

from newsweave.errors import StageError
from newsweave.model import Article
from newsweave.pipeline import ArticleStage, Context, Pipeline
from newsweave.stages.clean import CleanStage


class NeedsStories:
    name: ClassVar[str] = "test.needs.v1"
    requires: ClassVar[frozenset[str]] = frozenset({"article.story"})
    provides: ClassVar[frozenset[str]] = frozenset()

    def run(self, items: Iterable[Article], ctx: Context) -> Iterator[Article]:
        yield from items


class Explodes(ArticleStage):
    name: ClassVar[str] = "test.explodes.v1"

    def process(self, article: Article, ctx: Context) -> Article | None:
        if "boom" in article.text:
            raise RuntimeError("kaboom")
        return article


def _article(i: int, text: str) -> Article:
    return Article(id=f"a{i}", title="t", text=text, origin=f"f{i}.txt")


def test_order_is_checked_before_running():
    with pytest.raises(StageError, match=r"requires article\.story"):
        Pipeline([CleanStage(), NeedsStories()])


def test_one_failing_article_does_not_stop_the_batch():
    ctx = Context()
    items = [_article(1, "fine"), _article(2, "boom"), _article(3, "also fine")]
    out = list(Pipeline([Explodes()]).run(items, ctx))
    assert [a.id for a in out] == ["a1", "a3"]
    [failure] = ctx.failures
    assert failure.article_id == "a2"
    assert failure.reason == "crash"
    assert "kaboom" in failure.message
    assert ctx.stats.counts["test.explodes.v1.failed"] == 1


def test_clean_stage_reports_articles_that_are_only_boilerplate():
    ctx = Context()
    out = list(Pipeline([CleanStage()]).run([_article(1, "Leave a Reply\n\nShare this:")], ctx))
    assert out == []
    assert ctx.failures[0].reason == "no_article"
    assert ctx.failures[0].origin == "f1.txt"
