"""Property tests: normalization and cleaning are idempotent; dates never raise."""

from __future__ import annotations

from dataclasses import replace

from hypothesis import given, settings
from hypothesis import strategies as st

from newsweave.errors import InputError
from newsweave.model import Article
from newsweave.stages.clean import clean_article
from newsweave.text.dates import parse_date
from newsweave.text.normalize import normalize_text
from newsweave.text.sentences import split_sentences

PHRASES = [
    "Leave a Reply",
    "Your email address will not be published.",
    "Share this:",
    "Related posts:",
    "By Jane Ortega",
    "marco",
    "The council met on Tuesday.",
    "Engineers found cracks in the bridge.",
    "Harbour wall breached",
    "We use cookies",
    "",
    "   ",
]
lines = st.lists(st.one_of(st.sampled_from(PHRASES), st.text(max_size=40)), max_size=25)


@given(st.text())
def test_normalize_is_idempotent(text):
    once = normalize_text(text)
    assert normalize_text(once) == once


@given(lines, st.sampled_from(["Harbour wall breached", "", "Other title"]))
@settings(max_examples=300)
def test_cleaning_is_idempotent(rows, title):
    article = Article(id="a", title=title, text="\n".join(rows), origin="x")
    try:
        once = clean_article(article)
    except InputError:
        return
    twice = clean_article(replace(once, removed=()))
    assert twice.text == once.text
    assert twice.title == once.title
    assert twice.removed == ()


@given(st.text())
def test_sentences_cover_the_text(text):
    normalized = normalize_text(text)
    joined = "".join(split_sentences(normalized)).replace(" ", "").replace("\n", "")
    assert joined == normalized.replace(" ", "").replace("\n", "")


@given(st.one_of(st.text(), st.integers(), st.floats(), st.none(), st.booleans()))
def test_parse_date_never_raises(value):
    parsed = parse_date(value)
    assert parsed is None or parsed.tzinfo is not None
