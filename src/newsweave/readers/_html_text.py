"""Post-processing of extracted article text (helper of :mod:`newsweave.readers.html`).

trafilatura finds the main text; these functions correct its most common slips using the
page's DOM:

* :func:`choose_body` — precision-mode output is preferred, but only while it roughly agrees
  in size with the fast recall-mode output; a large disagreement means one of the precision
  run's fallbacks picked the wrong block (or dropped the article), and the main extractor's
  recall result is used instead.
* :func:`extend_with_sibling_chunks` — articles split into several same-class containers
  (typically to interleave ads) are often cut after the first chunk; sibling containers with the
  same tag and class that hold several unseen paragraphs are added back, in document order.
* :func:`drop_title_lines` — the headline is returned separately, so a copy of it at the top of
  the body is removed.
* :func:`drop_boilerplate_lines` — lines that are almost entirely hyperlink text and read like
  a headline are teasers for other pages ("Related: ...", "Read more: ..."); lines found in the
  page's navigation or footer are page chrome.
* :func:`page_blocks` / :func:`removed_blocks` — the page's visible text blocks that were not
  kept, for audit.

All functions are pure: they read the tree and never modify it.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from newsweave.text.scripts import word_count

#: Precision output is used while its length stays within these factors of the recall output.
AGREEMENT_LOW, AGREEMENT_HIGH = 0.5, 2.0
#: Paragraphs shorter than this are not used to locate the article in the DOM or to extend it.
MIN_PARAGRAPH_CHARS = 40
#: A sibling chunk is merged only if it brings at least this many new paragraphs / characters.
MIN_CHUNK_PARAGRAPHS, MIN_CHUNK_CHARS = 2, 200
#: How many ancestor levels above the article's container are searched for sibling chunks.
CHUNK_LEVELS = 3
#: Headline copies are looked for in the first lines only, by word-set Jaccard similarity.
TITLE_LINES, TITLE_SIMILARITY = 3, 0.8
#: Link-text share and minimal word count (text.scripts.word_count, so CJK lines count too) of
#: a line treated as a teaser link.
TEASER_LINK_SHARE, TEASER_MIN_WORDS = 0.8, 4
#: A block counts as kept when this share of its word 4-grams appear in the kept text.
KEPT_SHARE = 0.5

_WS = re.compile(r"\s+")
_WORD = re.compile(r"\w+")
_SKIP_TAGS = frozenset({"script", "style", "noscript", "template", "head", "svg", "iframe"})
_BLOCK_TAGS = frozenset(
    {
        "address", "article", "aside", "blockquote", "body", "dd", "details", "div", "dl", "dt",
        "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6",
        "header", "hr", "li", "main", "nav", "ol", "p", "pre", "section", "summary", "table",
        "td", "th", "tr", "ul",
    }
)  # fmt: skip
_LINE_TAGS = (
    "p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "div", "td", "blockquote", "dd", "dt",
    "figcaption", "span", "section", "header", "footer", "strong", "em", "b", "a",
)  # fmt: skip
_MAX_LINE_CHARS = 2000


def norm(text: str) -> str:
    """Collapse whitespace runs to one space and strip."""
    return _WS.sub(" ", text).strip()


def shingles(text: str, n: int = 4) -> Counter[tuple[str, ...]]:
    """Count the word n-grams of ``text`` (one shorter shingle when it has fewer words)."""
    words = _WORD.findall(text)
    if not words:
        return Counter()
    return Counter(tuple(words[i : i + n]) for i in range(max(1, len(words) - n + 1)))


def covered(text: str, kept: Counter[tuple[str, ...]], kept_words: str) -> bool:
    """Whether ``text`` is (mostly) contained in the kept text.

    Args:
        text: the block to test.
        kept: word 4-gram counts of the kept text.
        kept_words: the kept text's words joined by single spaces, padded with spaces.
    """
    words = _WORD.findall(text)
    if len(words) < 4:  # shorter than one shingle: look for the word run
        return f" {' '.join(words)} " in kept_words
    grams = shingles(text)
    return sum(1 for g in grams if g in kept) >= KEPT_SHARE * len(grams)


def choose_body(precise: str, broad: str) -> str:
    """Pick the precision-mode text unless it disagrees in size with the recall-mode text."""
    if not precise or not broad:
        return precise or broad
    if AGREEMENT_LOW * len(broad) <= len(precise) <= AGREEMENT_HIGH * len(broad):
        return precise
    return broad


def link_share(elem: Any) -> float:  # noqa: ANN401 - lxml element (untyped)
    """Share of an element's text that is hyperlink text (1.0 inside a link)."""
    if elem.tag == "a" or any(a.tag == "a" for a in elem.iterancestors()):
        return 1.0
    total = len(norm(elem.text_content()))
    if not total:
        return 1.0
    return sum(len(norm(a.text_content())) for a in elem.iter("a")) / total


def _paragraph_index(tree: Any, tags: Sequence[str], min_chars: int) -> dict[str, Any]:  # noqa: ANN401
    """Map normalised text -> first element (document order) with that text."""
    index: dict[str, Any] = {}
    for elem in tree.iter(*tags):
        text = norm(elem.text_content())
        if min_chars <= len(text) <= _MAX_LINE_CHARS and text not in index:
            index[text] = elem
    return index


def _lowest_common_ancestor(elems: Sequence[Any]) -> Any:  # noqa: ANN401
    """Deepest element containing every element of ``elems`` (at least one element)."""
    first = [elems[0], *elems[0].iterancestors()]
    common = set(first)
    for elem in elems[1:]:
        common &= {elem, *elem.iterancestors()}
    return next(a for a in first if a in common)


def _chunk_paragraphs(
    chunk: Any,  # noqa: ANN401
    seen: set[str],
    have: Counter[tuple[str, ...]],
) -> list[tuple[Any, str]]:
    """New, link-poor paragraphs of a sibling chunk (empty if it brings too little)."""
    found: list[tuple[Any, str]] = []
    for para in chunk.iter("p"):
        text = norm(para.text_content())
        if len(text) < MIN_PARAGRAPH_CHARS or text in seen or link_share(para) >= 0.5:
            continue
        grams = shingles(text)
        if sum(1 for g in grams if g in have) > KEPT_SHARE * len(grams):
            continue
        found.append((para, text))
    if len(found) < MIN_CHUNK_PARAGRAPHS or sum(len(t) for _, t in found) < MIN_CHUNK_CHARS:
        return []
    return found


def _sibling_chunks(container: Any, seen: set[str], have: Counter[tuple[str, ...]]) -> list[Any]:  # noqa: ANN401
    """Paragraph elements (with text) of same-tag, same-class siblings of the container chain."""
    added: list[tuple[Any, str]] = []
    node = container
    for _ in range(CHUNK_LEVELS):
        parent = node.getparent()
        if parent is None or node.tag in ("body", "html"):
            break
        klass = node.get("class")
        if klass:
            for sib in parent:
                if sib is node or sib.tag != node.tag or sib.get("class") != klass:
                    continue
                new = _chunk_paragraphs(sib, seen, have)
                seen.update(t for _, t in new)
                added.extend(new)
        node = parent
    return added


def extend_with_sibling_chunks(tree: Any, lines: Sequence[str]) -> list[str]:  # noqa: ANN401
    """Add the paragraphs of sibling article chunks the extractor missed (document order)."""
    index = _paragraph_index(tree, ("p",), MIN_PARAGRAPH_CHARS)
    seen = {norm(line) for line in lines if line.strip()}
    matched = [index[text] for text in seen if text in index]
    if len(matched) < 2:
        return list(lines)
    have = shingles("\n".join(lines))
    added = _sibling_chunks(_lowest_common_ancestor(matched), seen, have)
    if not added:
        return list(lines)
    order = {elem: i for i, elem in enumerate(tree.iter())}
    items: list[tuple[int, int, int, str]] = []
    position = -1
    for i, line in enumerate(lines):
        elem = index.get(norm(line))
        if elem is not None:
            position = order[elem]
        items.append((position, 0, i, line))
    items.extend((order[elem], 1, 0, text) for elem, text in added)
    return [item[3] for item in sorted(items)]


def _word_set(text: str) -> set[str]:
    """Lower-cased set of the words of ``text``."""
    return {w.lower() for w in _WORD.findall(text)}


def drop_title_lines(lines: Sequence[str], title: str | None) -> tuple[list[str], list[str]]:
    """Remove copies of the headline among the first lines; return (kept, dropped)."""
    if not title or not (title_words := _word_set(title)):
        return list(lines), []
    kept: list[str] = []
    dropped: list[str] = []
    for i, line in enumerate(lines):
        words = _word_set(line)
        similar = bool(words) and len(words & title_words) / len(words | title_words)
        if i < TITLE_LINES and similar and similar >= TITLE_SIMILARITY:
            dropped.append(line)
        else:
            kept.append(line)
    return kept, dropped


def in_page_chrome(elem: Any) -> bool:  # noqa: ANN401 - lxml element (untyped)
    """Whether an element lies in a ``<nav>``, or in a ``<footer>`` outside article/main."""
    chain = [elem, *elem.iterancestors()]
    for i, node in enumerate(chain):
        if node.tag == "nav":
            return True
        if node.tag == "footer" and not any(a.tag in ("article", "main") for a in chain[i + 1 :]):
            return True
    return False


def drop_boilerplate_lines(tree: Any, lines: Sequence[str]) -> tuple[list[str], list[str]]:  # noqa: ANN401
    """Remove link teasers and page-chrome lines; return (kept, dropped).

    A teaser is a headline-like line (several words) made almost only of link text; page chrome
    is text located in navigation or in the page footer.
    """
    index = _paragraph_index(tree, _LINE_TAGS, 1)
    kept: list[str] = []
    dropped: list[str] = []
    for line in lines:
        text = norm(line)
        elem = index.get(text) if text in index else index.get(text.removeprefix("- "))
        boilerplate = elem is not None and (
            in_page_chrome(elem)
            or (word_count(text) >= TEASER_MIN_WORDS and link_share(elem) >= TEASER_LINK_SHARE)
        )
        (dropped if boilerplate else kept).append(line)
    return kept, dropped


def _walk_text(tree: Any) -> Iterator[tuple[Any, str]]:  # noqa: ANN401
    """Yield (owning block element, text piece) for the visible text, in document order."""
    stack: list[tuple[Any, Any, str | None]] = [(tree, tree, None)]
    while stack:
        elem, owner, tail = stack.pop()
        if tail is not None:  # a child's tail, owned by the parent's block
            yield owner, tail
            continue
        if not isinstance(elem.tag, str) or elem.tag in _SKIP_TAGS:
            continue
        here = elem if elem.tag in _BLOCK_TAGS else owner
        if elem.text:
            yield here, elem.text
        for child in reversed(elem):
            if child.tail:
                stack.append((child, here, child.tail))
            stack.append((child, here, None))


def page_blocks(tree: Any) -> list[str]:  # noqa: ANN401
    """The page's visible text, one normalised string per block element, first-seen order."""
    pieces: dict[Any, list[str]] = {}
    for block, text in _walk_text(tree):
        pieces.setdefault(block, []).append(text)
    blocks = (norm(" ".join(parts)) for parts in pieces.values())
    return [b for b in blocks if _WORD.search(b)]


def removed_blocks(
    blocks: Iterable[str], kept_text: str, *, limit: int, max_chars: int
) -> tuple[str, ...]:
    """Blocks not contained in ``kept_text``, at most ``limit``, each cut to ``max_chars``."""
    kept = shingles(kept_text)
    kept_words = f" {' '.join(_WORD.findall(kept_text))} "
    out: list[str] = []
    for block in blocks:
        if len(out) >= limit:
            break
        if not covered(block, kept, kept_words):
            out.append(block if len(block) <= max_chars else block[: max_chars - 1] + "…")
    return tuple(out)
