"""Deterministic copy variants of real articles, for the dedup benchmark.

Every variant is made from one source article with a random generator seeded by the source id
and the variant kind, so the benchmark is the same on every machine and run:

* ``verbatim``: the same words, re-flowed into paragraphs (an exact copy once normalised);
* ``boilerplate``: the text with site furniture added before and after it;
* ``truncated``: the first 50-80 % of the sentences;
* ``light``: about 1 % of the words swapped with a neighbour, about 8 % of the words the
  synonym table knows replaced (about 2 % of all words), and two paragraphs exchanged;
* ``rewrite``: a rule-based sentence-level paraphrase (see :mod:`.paraphrase`): synonyms,
  moved attributions and leading clauses, split and merged sentences, changed number and
  contraction forms, dropped hedges, and one sentence in ten left out. No language model is
  used, so it keeps more content words and the sentence order more strictly than a human
  rewriter would; MSRP (:mod:`.msrp`) measures sentence matching on real paraphrases.
"""

from __future__ import annotations

import hashlib
import random

from newsweave.dedup.align import split_sentences
from newsweave.evaluation import paraphrase

KINDS = ("verbatim", "boilerplate", "truncated", "light", "rewrite")
EXPECTED = {
    "verbatim": "exact",
    "boilerplate": "near",
    "truncated": "near",
    "light": "near",
    "rewrite": "rewrite",
}

_HEADERS = (
    "Home | News | World | Business | Sport",
    "Breaking News",
    "Posted by Staff Reporter",
    "Listen to this article",
    "Advertisement",
    "You are reading the free edition. Subscribe for full access.",
)
_FOOTERS = (
    "Share this article on Facebook and Twitter.",
    "Copyright 2013 The Daily Courier. All rights reserved.",
    "This material may not be published, broadcast or redistributed without permission.",
    "Sign up for our morning newsletter and get the top stories in your inbox.",
    "Read more: the latest stories from our newsroom.",
    "Comments are closed.",
    "Leave a Reply. Your email address will not be published.",
    "Follow us on Twitter for breaking news updates.",
    "Related: More stories from this section.",
    "We use cookies to improve your experience. See our privacy policy.",
)


def rng_for(source_id: str, kind: str, seed: int = 13) -> random.Random:
    """Return a generator seeded by the source id and the variant kind."""
    digest = hashlib.sha256(f"{seed}:{source_id}:{kind}".encode()).digest()
    return random.Random(int.from_bytes(digest[:8], "big"))


def paragraphs(sentences: list[str], rng: random.Random) -> list[list[str]]:
    """Group sentences into paragraphs of one to three sentences."""
    out: list[list[str]] = []
    k = 0
    while k < len(sentences):
        size = rng.randint(1, 3)
        out.append(sentences[k : k + size])
        k += size
    return out


def render(paras: list[list[str]]) -> str:
    """Join paragraphs with blank lines, sentences with spaces."""
    return "\n\n".join(" ".join(p) for p in paras)


def verbatim(sentences: list[str], rng: random.Random) -> str:
    """Return the same sentences re-flowed into paragraphs."""
    return render(paragraphs(sentences, rng))


def boilerplate(sentences: list[str], rng: random.Random) -> str:
    """Return the text with one or two header lines and two to four footer lines."""
    head = rng.sample(_HEADERS, rng.randint(1, 2))
    foot = rng.sample(_FOOTERS, rng.randint(2, 4))
    return "\n\n".join([*head, render(paragraphs(sentences, rng)), *foot])


def truncated(sentences: list[str], rng: random.Random) -> str:
    """Return the first 50-80 % of the sentences (at least three)."""
    keep = max(3, round(len(sentences) * rng.uniform(0.5, 0.8)))
    return render(paragraphs(sentences[:keep], rng))


def light(sentences: list[str], rng: random.Random) -> str:
    """Return the text with a few words swapped or replaced and two paragraphs exchanged."""
    edited = [paraphrase.light_edit(s, rng, rate=0.04) for s in sentences]
    paras = paragraphs(edited, rng)
    if len(paras) >= 3:
        i, j = rng.sample(range(len(paras)), 2)
        paras[i], paras[j] = paras[j], paras[i]
    return render(paras)


def rewrite(sentences: list[str], rng: random.Random) -> str:
    """Return a sentence-level paraphrase of the text (see :func:`.paraphrase.rewrite`)."""
    return render(paragraphs(paraphrase.rewrite(sentences, rng), rng))


_MAKERS = {
    "verbatim": verbatim,
    "boilerplate": boilerplate,
    "truncated": truncated,
    "light": light,
    "rewrite": rewrite,
}


def make_variant(source_id: str, text: str, kind: str) -> str:
    """Return the ``kind`` variant of an article's text (deterministic)."""
    return _MAKERS[kind](split_sentences(text), rng_for(source_id, kind))


def eligible(text: str) -> bool:
    """Return whether an article is long enough to be a source (5+ sentences, 80+ words)."""
    return len(split_sentences(text)) >= 5 and len(text.split()) >= 80
