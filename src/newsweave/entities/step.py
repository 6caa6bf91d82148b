"""One call for the entity stage: NER, roles and resolution of a batch of articles.

The engine's entities stage can be a thin adapter over :func:`run_entities`: it passes the
articles with their story ids and the stored entity table, stores the returned table, mentions
and redirects, and keeps the value spans (dates, amounts) if it wants them.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from newsweave.config import NerConfig
from newsweave.entities.ner import ArticleSpans, extract, load_pipeline
from newsweave.entities.resolve import (
    EntityTable,
    MentionInput,
    Resolution,
    ResolveConfig,
    RoleInput,
    resolve,
)
from newsweave.entities.roles import find_roles

if TYPE_CHECKING:
    from spacy.language import Language


@dataclass(frozen=True, slots=True, kw_only=True)
class StoryArticle:
    """An article to process: id, the story it belongs to (if known) and its text."""

    article_id: str
    story_id: str | None
    text: str


def run_entities(
    articles: Iterable[StoryArticle],
    table: EntityTable,
    *,
    nlp: Language | None = None,
    ner_config: NerConfig | None = None,
    resolve_config: ResolveConfig | None = None,
    spans: Sequence[ArticleSpans] | None = None,
) -> tuple[Resolution, tuple[ArticleSpans, ...]]:
    """Recognize, describe and resolve the entities of ``articles`` against ``table``.

    Pass ``nlp`` (from :func:`~newsweave.entities.ner.load_pipeline`) to reuse a loaded model
    across batches; otherwise the configured model is loaded for this call. Pass ``spans``
    (one per article, in order) when NER already ran, in a batch worker: no model is loaded.

    Returns:
        The resolution (new table, mentions with entity ids, redirects) and the raw NER spans
        of every article, values (DATE, MONEY, ...) included.

    Raises:
        MissingExtraError: spaCy or the model is not installed.
    """
    cfg = ner_config or NerConfig()
    items = list(articles)
    stories = {a.article_id: a.story_id for a in items}
    if spans is not None:
        found = tuple(spans)
    else:
        nlp = nlp if nlp is not None else load_pipeline(cfg)
        found = tuple(extract(nlp, ((a.article_id, a.text) for a in items), cfg))
    mentions = [
        MentionInput(article_id=f.article_id, story_id=stories[f.article_id], span=s)
        for f in found
        for s in f.spans
    ]
    roles = [
        RoleInput(article_id=f.article_id, role=r)
        for f in found
        for r in find_roles(f.text, f.spans)
    ]
    return resolve(table, mentions, roles, resolve_config), found


__all__ = ["StoryArticle", "run_entities"]
