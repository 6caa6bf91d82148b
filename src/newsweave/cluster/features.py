"""Turn an article into the sparse features the story clusterer compares.

Everything here is a pure function of the text. Name keys come from capitalised words
(:func:`name_counts`), not from the entities stage: the clusterer's weights were fitted on these
keys, and the pipeline clusters before entities are resolved. ``extract(entities=...)`` takes
other keys instead (tests use it); nothing else in the clusterer changes when it does.
"""

from __future__ import annotations

import re
import sys
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

import numpy as np
import numpy.typing as npt

from newsweave.cluster.stopwords import STOPWORDS
from newsweave.text.sentences import derive_title

#: Word pieces: letters (with inner apostrophes or hyphens), or numbers with decimals.
_TOKEN = re.compile(r"[^\W\d_](?:[\w'\u2019-]*\w)?|\d+(?:[.,]\d+)*", re.UNICODE)
#: The corpus detokeniser sometimes writes "4. 6" for "4.6".
_SPLIT_DECIMAL = re.compile(r"(?<![\d.])(\d)\. (\d)(?![\d])")
_SENTENCE_END = frozenset(".!?:")
_YEAR = re.compile(r"^(19|20)\d\d$")
_MONTHS = frozenset(
    [
        "January",
        "February",
        "March",
        "April",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ]
)
#: How many times a title word counts against a body word (titles name the event).
TITLE_WEIGHT = 2
#: Body characters read; leads carry the event, long tails add noise and time.
MAX_CHARS = 4000


@dataclass(frozen=True, slots=True)
class ArticleFeatures:
    """What the clusterer knows about one article.

    Attributes:
        article_id: the article's id.
        terms: lower-cased content words with their (title-boosted) counts.
        entities: lower-cased name keys (capitalised words, or real entity ids).
        lead_entities: the names among ``entities`` that the headline mentions.
        name_counts: mentions of each name (headline names count once more).
        numbers: numbers other than years, as written ("4.6", "40").
        years: four-digit years mentioned (1900-2099).
        months: month names mentioned (capitalised; "May" is skipped, it is also a verb).
        date: publication time, when known.
        embedding: unit-norm sentence embedding of the lead, when an embedder ran.
        title: the headline, kept for explanations.
        derived_title: the input had no headline: ``title`` is its first sentence.
    """

    article_id: str
    terms: dict[str, int]
    entities: frozenset[str]
    lead_entities: frozenset[str] = frozenset()
    name_counts: dict[str, int] = field(default_factory=dict)
    numbers: frozenset[str] = frozenset()
    years: frozenset[str] = frozenset()
    months: frozenset[str] = frozenset()
    date: datetime | None = None
    embedding: npt.NDArray[np.float32] | None = field(default=None, compare=False)
    title: str = ""
    derived_title: bool = False

    def __reduce__(self) -> tuple[Any, tuple[Any, ...]]:
        """Pickle compactly; keys are interned again when unpickled (see :func:`_rebuild`)."""
        emb = self.embedding
        return _rebuild, (
            self.article_id,
            tuple(self.terms),
            tuple(self.terms.values()),
            tuple(self.entities),
            tuple(self.lead_entities),
            tuple(self.name_counts),
            tuple(self.name_counts.values()),
            tuple(self.numbers),
            tuple(self.years),
            tuple(self.months),
            self.date,
            None if emb is None else (emb.dtype.str, emb.tobytes()),
            self.title,
            self.derived_title,
        )


def _rebuild(
    article_id: str,
    term_keys: tuple[str, ...],
    term_counts: tuple[int, ...],
    entities: tuple[str, ...],
    lead_entities: tuple[str, ...],
    name_keys_: tuple[str, ...],
    name_counts_: tuple[int, ...],
    numbers: tuple[str, ...],
    years: tuple[str, ...],
    months: tuple[str, ...],
    date: datetime | None,
    embedding: tuple[str, bytes] | None,
    title: str,
    derived_title: bool,
) -> ArticleFeatures:
    """Unpickle :class:`ArticleFeatures` (features made in another process).

    Keys are interned, as :func:`extract` interns them, so the profiles and tables that keep
    them share one string per key instead of one per article.
    """
    intern = sys.intern
    return ArticleFeatures(
        article_id=article_id,
        terms=dict(zip(map(intern, term_keys), term_counts, strict=True)),
        entities=frozenset(map(intern, entities)),
        lead_entities=frozenset(map(intern, lead_entities)),
        name_counts=dict(zip(map(intern, name_keys_), name_counts_, strict=True)),
        numbers=frozenset(numbers),
        years=frozenset(years),
        months=frozenset(months),
        date=date,
        embedding=None
        if embedding is None
        else np.frombuffer(embedding[1], dtype=embedding[0]).copy(),
        title=title,
        derived_title=derived_title,
    )


def normalize(text: str) -> str:
    """Repair detokenisation artefacts that split decimals ("4. 6" -> "4.6")."""
    return _SPLIT_DECIMAL.sub(r"\1.\2", text)


def tokens(text: str) -> list[str]:
    """Return the word and number tokens of ``text`` in order, case kept."""
    return _TOKEN.findall(normalize(text))


def _possessive(word: str) -> str:
    return word[:-2] if word.endswith("'s") else word


def _title_case(line: str) -> bool:
    """A headline-style line capitalises most longer words, names or not."""
    longer = _LONG_WORD.findall(line)
    return len(longer) >= 3 and sum(w[0].isupper() for w in longer) >= 0.75 * len(longer)


#: Words of four letters or more (for the title-case test).
_LONG_WORD = re.compile(r"\b[^\W\d_]{4,}")
#: Words starting in lower case anywhere in the text.
_LOWER_WORD = re.compile(r"(?<![\w'\u2019-])[a-z][\w'\u2019-]*")
#: Capitalised words (and acronyms).
_CAP_WORD = re.compile(r"(?<![\w'\u2019-])[^\W\d_a-z][\w'\u2019-]*")
#: A capitalised word that opens a line or follows a sentence end (quotes allowed between).
_STARTER = re.compile(r"(?:^|[.!?:][\"'\u201d\u2019)]*\s+)[\"'\u201c\u2018(]*(?=[^\W\d_])", re.M)
#: Lines longer than this are never headlines.
_HEADLINE_CHARS = 160


def name_counts(text: str) -> Counter[str]:
    """Count mentions of lower-cased name keys: capitalised words, places, organisations.

    Only capitalisation that says something makes a name: a word capitalised inside a
    sentence of an ordinary line, or an acronym. Sentence starters and words of title-case
    lines count as mentions only of words the text also capitalises mid-sentence, and a word
    the text also writes in lower case is dropped ("Police said ... the police").
    """
    text = normalize(text).replace("\u2019", "'")
    lower_seen = {_possessive(w) for w in _LOWER_WORD.findall(text)}
    starts = {m.end() for m in _STARTER.finditer(text)}
    for line in _headlines(text):
        starts.update(range(line[0], line[1]))
    inner: set[str] = set()
    mentions: Counter[str] = Counter()
    for match in _CAP_WORD.finditer(text):
        tok = match.group(0)
        low = _possessive(tok.lower())
        if not tok[0].isupper() or low in STOPWORDS or len(low) < 2 or low in lower_seen:
            continue
        mentions[low] += 1
        if match.start() not in starts or (tok.isupper() and tok.isalpha()):
            inner.add(low)
    # First-mention order (not set order), so nothing downstream depends on the hash seed.
    return Counter({sys.intern(k): n for k, n in mentions.items() if k in inner})


def _headlines(text: str) -> list[tuple[int, int]]:
    """Character spans of short title-case lines."""
    spans = []
    pos = 0
    for line in text.split("\n"):
        if len(line) <= _HEADLINE_CHARS and _title_case(line):
            spans.append((pos, pos + len(line)))
        pos += len(line) + 1
    return spans


def _lead_names(title_tokens: list[str], names: frozenset[str]) -> frozenset[str]:
    """Names of the article (from ``names``) that its headline mentions: its protagonists."""
    words = {_possessive(t.lower().replace("\u2019", "'")) for t in title_tokens}
    return frozenset(words & names)


def content_terms(text: str) -> Counter[str]:
    """Count lower-cased content words (no stopwords, no one-letter words, no pure numbers)."""
    return _content_terms(tokens(text))


def _content_terms(toks: list[str]) -> Counter[str]:
    out: Counter[str] = Counter()
    for tok in toks:
        low = tok.lower()
        if len(low) > 1 and not low[0].isdigit() and low not in STOPWORDS:
            out[sys.intern(low)] += 1
    return out


def _number_keys(toks: list[str]) -> tuple[set[str], set[str]]:
    """Return ``(numbers, years)`` among ``toks``; commas in thousands are dropped."""
    numbers: set[str] = set()
    years: set[str] = set()
    for tok in toks:
        if tok[0].isdigit():
            plain = tok.replace(",", "")
            (years if _YEAR.match(plain) else numbers).add(plain)
    return numbers, years


def extract(
    article_id: str,
    title: str,
    text: str,
    *,
    date: datetime | None = None,
    entities: Iterable[str] | None = None,
    embedding: npt.NDArray[np.float32] | None = None,
) -> ArticleFeatures:
    """Build :class:`ArticleFeatures` from an article's title and body.

    Args:
        article_id: the article's id.
        title: headline.
        text: body; only the first :data:`MAX_CHARS` characters are read.
        date: publication time, if known.
        entities: entity keys from a real entity stage; when ``None`` capitalised words stand in.
        embedding: precomputed unit-norm embedding of the lead.
    """
    body = text[:MAX_CHARS]
    # Tokenised once each: the tokens of title + "\n" + body are those of the title, then the
    # body's (a line break ends every token, and the decimal repair never spans it).
    title_toks, body_toks = tokens(title), tokens(body)
    both_toks = title_toks + body_toks
    terms = _content_terms(body_toks)
    for term, count in _content_terms(title_toks).items():
        terms[term] += (
            (TITLE_WEIGHT - 1) * count if body.startswith(title) else TITLE_WEIGHT * count
        )
    counts = (
        Counter(e.lower() for e in entities)
        if entities is not None
        else name_counts(title + "\n" + body)
    )
    ents = frozenset(counts)
    leads = _lead_names(title_toks, ents)
    for key in leads:
        counts[key] += TITLE_WEIGHT - 1
    numbers, years = _number_keys(both_toks)
    months = frozenset(t.lower() for t in both_toks if t in _MONTHS)
    return ArticleFeatures(
        article_id=article_id,
        terms=dict(terms),
        entities=ents,
        lead_entities=leads,
        name_counts=dict(counts),
        numbers=frozenset(numbers),
        years=frozenset(years),
        months=months,
        date=date,
        embedding=embedding,
        title=title,
        derived_title=_derived(title, body),
    )


def _derived(title: str, body: str) -> bool:
    """The title is the cleaner's stand-in: the body's first sentence (cut)."""
    return bool(title) and body.startswith(title.rstrip("…")) and title == derive_title(body)


def lead(title: str, text: str, sentences: int = 3) -> str:
    """Return the headline plus the first ``sentences`` body lines: what gets embedded."""
    lines = [ln.strip() for ln in text.splitlines() if ln.strip()]
    if lines and lines[0] == title.strip():
        lines = lines[1:]
    return "\n".join([title, *lines[:sentences]])
