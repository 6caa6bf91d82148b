"""The sentences a summary may use: whole sentences of original articles, with their facts.

A sentence is used word for word, so attribution and hedging stay as the article has them. A
sentence is left out when it cannot stand alone: too short or too long, a question, a quote
without its speaker, or one that opens with a word pointing at the sentence before it ("This
outreach aims to ..."), or a connective that answers it ("However, ...").

A sentence that points back is resolved where it can be: a demonstrative whose noun names
what the headline is about ("This visit ..." under "Kim visits Russia") stands alone, and a
sentence opening with a pronoun ("Their first meeting was held in 2019") is read together with
the sentence before it, as one passage, when that one stands alone.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from newsweave.claims.lexicon import REPORTING_VERBS
from newsweave.claims.units import ANAPHORIC_OPENERS
from newsweave.model import Article, Comparison
from newsweave.text.sentences import split_sentences
from newsweave.text.temporal import find

MIN_WORDS = 6
MAX_WORDS = 60
#: A sentence read with the one before it may make a passage of this many words at most.
MAX_PASSAGE_WORDS = 75
_DEMONSTRATIVES = frozenset(["this", "that", "these", "those"])
#: Openers that point back to a sentence before: the claims' list and possessive pronouns.
POINTS_BACK = ANAPHORIC_OPENERS | {"their", "his", "her", "its", "them"}
NEEDS_BEFORE = "needs the sentence before"
#: Openers that answer the sentence before ("However, ..."): not a sentence to start from.
CONNECTIVES = frozenset(
    [
        "however",
        "additionally",
        "moreover",
        "furthermore",
        "meanwhile",
        "but",
        "and",
        "also",
        "still",
        "yet",
        "instead",
        "nevertheless",
        "nonetheless",
        "besides",
        "likewise",
        "similarly",
        "thus",
        "therefore",
        "hence",
    ]
)
_QUOTES = re.compile(r"[\"“”]")
_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)?")


@dataclass(frozen=True, slots=True, kw_only=True)
class Candidate:
    """One sentence of one article.

    Attributes:
        article: the article id.
        index: position of the sentence in the article (0 = lead).
        text: the sentence, as the article has it.
        facts: ids of the facts of the story that the sentence states.
        when: the earliest date the sentence names (the article's own date when it names
            none), None when neither is known.
        usable: why the sentence cannot stand alone, or "" when it can.
        published: the publication day of its article, when known.
    """

    article: str
    index: int
    text: str
    facts: frozenset[str] = frozenset()
    when: date | None = None
    usable: str = ""
    published: date | None = None


def words(text: str) -> list[str]:
    """The words of a text, lower-cased."""
    return [w.lower() for w in _WORD.findall(text)]


def unusable(text: str, title: str = "") -> str:
    """Why a sentence cannot stand alone in a summary ("" when it can)."""
    tokens = words(text)
    if len(tokens) < MIN_WORDS:
        return "too short"
    if len(tokens) > MAX_WORDS:
        return "too long"
    if text.rstrip().endswith("?"):
        return "question"
    if tokens[0] in POINTS_BACK and not _names_the_story(tokens, title):
        return NEEDS_BEFORE
    if tokens[0] in CONNECTIVES:
        return "answers the sentence before"
    if _QUOTES.search(text) and not any(stem_of(t) in REPORTING_VERBS for t in tokens):
        return "quote without its speaker"
    return ""


def _names_the_story(tokens: Sequence[str], title: str) -> bool:
    """A demonstrative on what the headline is about ("This visit"): the story is its antecedent."""
    if tokens[0] not in _DEMONSTRATIVES or len(tokens) < 2 or not title:
        return False
    stems = {_noun_stem(w) for w in words(title)}
    return _noun_stem(tokens[1]) in stems


def _noun_stem(word: str) -> str:
    for suffix in ("ing", "es", "ed", "s"):
        if word.endswith(suffix) and len(word) > len(suffix) + 3:
            return word[: -len(suffix)]
    return word


def stem_of(word: str) -> str:
    """Crude verb lemma for the reporting-verb check ("said" -> "say", "warns" -> "warn")."""
    irregular = {"said": "say", "says": "say", "told": "tell", "tells": "tell"}
    if word in irregular:
        return irregular[word]
    for suffix in ("ed", "es", "s"):
        if word.endswith(suffix) and len(word) > len(suffix) + 2:
            base = word[: -len(suffix)]
            return base + "e" if base + "e" in REPORTING_VERBS else base
    return word


def sentence_spans(text: str) -> list[tuple[int, str]]:
    """Each sentence of a text with its character offset."""
    spans: list[tuple[int, str]] = []
    pos = 0
    for sentence in split_sentences(text):
        at = text.find(sentence[:40], pos)
        if at < 0:
            at = pos
        spans.append((at, sentence))
        pos = at + max(1, len(sentence) // 2)
    return spans


def candidates(
    articles: Sequence[Article],
    comparison: Comparison | None,
    *,
    per_article: int | None = None,
) -> list[Candidate]:
    """The sentences of these articles, each with the facts it states and the date it names.

    Args:
        articles: the articles (originals: copies are left out by the caller).
        comparison: the story's facts, or None (sentences then carry no facts).
        per_article: read at most this many sentences of each article (news puts what
            matters first; bounds the cost on very large stories).
    """
    facts_at = _facts_by_offset(articles, comparison)
    out: list[Candidate] = []
    for article in articles:
        spans = sentence_spans(article.text)[:per_article]
        starts = [s for s, _ in spans]
        located = facts_at.get(article.id, [])
        facts: list[set[str]] = [set() for _ in spans]
        for offset, fact_id in located:
            i = bisect.bisect_right(starts, offset) - 1
            if 0 <= i < len(facts):
                facts[i].add(fact_id)
        anchor = article.date.date() if article.date else None
        reasons = [unusable(text, article.title) for _, text in spans]
        for i, (_, text) in enumerate(spans):
            found = facts[i]
            reason = reasons[i]
            if reason == NEEDS_BEFORE and i > 0 and not reasons[i - 1]:
                passage = f"{spans[i - 1][1]} {text}"
                if len(words(passage)) <= MAX_PASSAGE_WORDS:
                    text, found, reason = passage, facts[i - 1] | facts[i], ""
            named = [m.value.start for m in find(text, anchor)]
            out.append(
                Candidate(
                    article=article.id,
                    index=i,
                    text=text,
                    facts=frozenset(found),
                    when=min(named) if named else anchor,
                    usable=reason,
                    published=anchor,
                )
            )
    return out


def _facts_by_offset(
    articles: Sequence[Article], comparison: Comparison | None
) -> Mapping[str, list[tuple[int, str]]]:
    """Where in each article each fact's claim stands (character offset, fact id)."""
    if comparison is None:
        return {}
    texts = {a.id: a.text for a in articles}
    out: dict[str, list[tuple[int, str]]] = {}
    for fact in comparison.facts:
        for claim in fact.claims:
            text = texts.get(claim.article)
            if text is None:
                continue
            at = text.find(claim.text)
            if at < 0:
                at = text.find(claim.text[:30])
            if at >= 0:
                out.setdefault(claim.article, []).append((at, fact.id))
    return out
