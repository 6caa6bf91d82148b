"""A story's headline: the most representative of its articles' titles, cleaned.

Titles are cleaned first: a site-name suffix ("... | Harbor Ledger", "... - Valley Times") is cut
when it names the article's outlet or is a short name after a separator, and a headline that
repeats itself is cut to one copy. A title that only stands in for a missing headline (the
article's first sentence) is taken only when no article has a real one. Each title is then
scored by how close it is to the story (cosine to the centroid of the summary's sentences)
minus a penalty for clickbait ("You won't believe ...", "!", a question, "5 things ...",
shouting) and for being too short or too long.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

import numpy as np

from newsweave.backends.embed.base import FloatMatrix
from newsweave.claims.sources import outlet_key, outlet_of
from newsweave.model import Article
from newsweave.summary.candidates import words
from newsweave.text.sentences import derive_title

_SEPARATORS = re.compile(r"\s+(?:\||-|–|—|::|·)\s+")
_CLICKBAIT = re.compile(
    r"\b(you won['’]?t believe|what happened next|will shock|shocking|jaw[- ]dropping|"
    r"must see|must read|this is why|here['’]?s why|here['’]?s what|the reason why|"
    r"goes viral|gone viral|blows? (?:up|your mind)|insane|unbelievable|omg|wow)\b",
    re.IGNORECASE,
)
_LISTICLE = re.compile(r"^\s*\d+\s+(?:things|ways|reasons|facts|times|secrets)\b", re.IGNORECASE)
#: A suffix after a separator that is at most this many words is taken for a site name.
_SITE_WORDS = 4


def clean_title(title: str, outlet: str | None = None) -> str:
    """The title without a site-name suffix and without a repeated copy of itself."""
    text = " ".join(title.split())
    half = len(text) // 2
    if len(text) > 20 and text[:half].strip() == text[half:].strip():
        text = text[:half].strip()
    parts = _SEPARATORS.split(text)
    while len(parts) > 1:
        last = parts[-1]
        rest = " ".join(parts[:-1])
        names_outlet = outlet is not None and outlet_key(last) == outlet
        looks_like_site = len(last.split()) <= _SITE_WORDS and len(rest.split()) >= 4
        if not (names_outlet or (looks_like_site and last[:1].isupper())):
            break
        parts = parts[:-1]
    return " - ".join(parts).strip()


def clickbait(title: str) -> float:
    """How much a title reads as clickbait, 0 (plain) to about 3."""
    score = 0.0
    if _CLICKBAIT.search(title):
        score += 1.5
    if _LISTICLE.search(title):
        score += 1.0
    if "!" in title:
        score += 0.5
    if title.rstrip().endswith("?"):
        score += 0.5
    caps = [w for w in title.split() if len(w) > 3 and w.isupper()]
    if len(caps) >= 2:
        score += 0.5
    return score


def choose_headline(
    articles: Sequence[Article],
    embed: Callable[[Sequence[str]], FloatMatrix],
    centre: FloatMatrix | None,
) -> str:
    """The best cleaned title of these articles ("" when none has one)."""
    titles: list[str] = []
    derived: set[str] = set()
    for article in articles:
        title = clean_title(article.title, outlet_of(article))
        if article.title == derive_title(article.text):
            derived.add(title)  # the input had no headline: its first sentence stands in
        if title and title not in titles:
            titles.append(title)
    real = [t for t in titles if t not in derived]
    titles = real or titles
    if not titles:
        return ""
    if len(titles) == 1:
        return titles[0]
    if centre is not None and float(np.linalg.norm(centre)) > 0:
        near = embed(titles) @ (centre / np.linalg.norm(centre))
    else:
        near = np.zeros(len(titles), dtype=np.float32)
    scores = [
        float(near[i]) - 0.3 * clickbait(t) - _length_penalty(t) for i, t in enumerate(titles)
    ]
    return titles[int(np.argmax(scores))]


def _length_penalty(title: str) -> float:
    n = len(words(title))
    return 0.2 if n < 4 or n > 22 else 0.0
