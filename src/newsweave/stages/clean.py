"""Cleaning stage: Unicode/whitespace normalization and boilerplate removal."""

from __future__ import annotations

from dataclasses import replace
from typing import ClassVar

from newsweave.backends.embed.base import Embedder
from newsweave.config import Config
from newsweave.errors import InputError
from newsweave.model import Article
from newsweave.pipeline import ArticleStage, Context
from newsweave.text.boilerplate import strip_boilerplate
from newsweave.text.normalize import normalize_text
from newsweave.text.sentences import derive_title

# Set in ``extras`` when the title was derived from the body: such a title must never make the
# first sentence count as a repeated headline (that would make cleaning not idempotent).
DERIVED_TITLE = "clean.title_derived"


def clean_article(article: Article) -> Article:
    """Return the cleaned article; raise InputError when nothing but boilerplate is left."""
    title = normalize_text(article.title).replace("\n", " ")
    derived = bool(article.extras.get(DERIVED_TITLE)) or not title
    cleaned = strip_boilerplate(normalize_text(article.text), title=None if derived else title)
    if not cleaned.text:
        raise InputError(
            article.origin or article.id, "no_article", "nothing but boilerplate after cleaning"
        )
    extras = {**article.extras, DERIVED_TITLE: True} if derived else article.extras
    return replace(
        article,
        title=derive_title(cleaned.text) if derived else title,
        text=cleaned.text,
        removed=article.removed + cleaned.removed,
        extras=extras,
    )


class CleanStage(ArticleStage):
    """Normalize text and remove boilerplate lines, keeping what was removed for audit."""

    name: ClassVar[str] = "clean.rules.v1"
    requires: ClassVar[frozenset[str]] = frozenset({"article.text"})
    provides: ClassVar[frozenset[str]] = frozenset({"article.clean_text", "article.removed"})

    @classmethod
    def from_config(cls, config: Config, *, embedder: Embedder | None = None) -> CleanStage:
        """The stage (a StageFactory; cleaning has no setting)."""
        return cls()

    def process(self, article: Article, ctx: Context) -> Article | None:
        """Clean one article."""
        return clean_article(article)
