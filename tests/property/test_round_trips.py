"""Round-trips are exact: model <-> JSON <-> storage (memory and SQLite)."""

from __future__ import annotations

import json
import tempfile
from datetime import UTC, datetime
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from newsweave.backends.storage.memory import MemoryStorage
from newsweave.backends.storage.sqlite import SQLiteStorage
from newsweave.model import Article
from newsweave.serialize import article_from_dict, article_to_dict

text = st.text(min_size=1, max_size=200).filter(lambda s: "\x00" not in s)
json_scalars = st.one_of(st.none(), st.booleans(), st.integers(-(2**53), 2**53), text)
articles = st.builds(
    Article,
    id=st.text(min_size=1, max_size=40),
    title=st.text(max_size=80),
    text=text,
    url=st.one_of(st.none(), text),
    source=st.one_of(st.none(), text),
    date=st.one_of(
        st.none(),
        st.datetimes(
            min_value=datetime(1900, 1, 1), max_value=datetime(2100, 1, 1), timezones=st.just(UTC)
        ),
    ),
    author=st.one_of(st.none(), text),
    origin=st.one_of(st.none(), text),
    removed=st.lists(text, max_size=3).map(tuple),
    extras=st.dictionaries(st.text(max_size=10), json_scalars, max_size=3),
)


@given(articles)
def test_json_round_trip_is_exact(article):
    encoded = json.dumps(article_to_dict(article))
    assert article_from_dict(json.loads(encoded)) == article


@given(articles)
@settings(max_examples=60, deadline=None)
def test_storage_round_trip_is_exact(article):
    memory = MemoryStorage()
    memory.add_article(article)
    assert memory.get_article(article.id) == article
    with tempfile.TemporaryDirectory() as tmp:
        store = SQLiteStorage(Path(tmp) / "t.db")
        assert store.add_article(article)
        assert not store.add_article(article)
        assert store.get_article(article.id) == article
        store.close()
