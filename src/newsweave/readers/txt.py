"""Plain-text articles: an optional headline line, then paragraphs."""

from __future__ import annotations

from newsweave.model import Article
from newsweave.readers.base import build_article
from newsweave.text.normalize import normalize_text, paragraphs
from newsweave.text.sentences import split_sentences

# A first line is a headline when it stands alone and is short; a lead paragraph is longer.
# Set on ../shared/seeds (13-word headline vs 45-word lead) and the examples/ corpus.
_MAX_HEADLINE_WORDS = 25
_MAX_HEADLINE_CHARS = 200


def split_headline(text: str) -> tuple[str | None, str]:
    """Return ``(headline, body)``; headline is None when the text starts with a paragraph."""
    blocks = paragraphs(normalize_text(text))
    if len(blocks) < 2:
        return None, "\n\n".join(blocks)
    first = blocks[0]
    if _looks_like_headline(first):
        return first, "\n\n".join(blocks[1:])
    return None, "\n\n".join(blocks)


def _looks_like_headline(block: str) -> bool:
    if "\n" in block or len(block) > _MAX_HEADLINE_CHARS:
        return False
    return len(block.split()) <= _MAX_HEADLINE_WORDS and len(split_sentences(block)) == 1


def parse_txt(origin: str, text: str) -> Article:
    """Parse one plain-text article; without a headline the title is left for cleaning to derive."""
    headline, body = split_headline(text)
    return build_article(origin=origin, title=headline, text=body)
