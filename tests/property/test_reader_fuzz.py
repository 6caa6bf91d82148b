"""Fuzzing readers: whatever the bytes, only articles or InputErrors come out."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsweave.errors import InputError
from newsweave.model import Article
from newsweave.readers import ReadLimits, read_input
from newsweave.readers.jsonl import parse_jsonl

SUFFIXES = [".txt", ".jsonl", ".json", ".rss", ".warc", ".txt.gz", ".jsonl.gz", ""]
LIMITS = ReadLimits(max_bytes=100_000, html_seconds=5)

json_values = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(), st.text(max_size=20)),
    lambda inner: st.one_of(
        st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=10,
)
records = st.dictionaries(
    st.sampled_from(["id", "title", "text", "date", "source", "url", "x"]), json_values, max_size=7
)


def _check(results: list[object]) -> None:
    for item in results:
        assert isinstance(item, Article | InputError)
        if isinstance(item, Article):
            assert item.text.strip()


@given(data=st.binary(max_size=2000), suffix=st.sampled_from(SUFFIXES), gz=st.booleans())
@settings(max_examples=200, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_any_bytes_in_any_file(tmp_path: Path, data: bytes, suffix: str, gz: bool):
    path = tmp_path / f"input{suffix}"
    path.write_bytes(gzip.compress(data) if gz and suffix.endswith(".gz") else data)
    _check(list(read_input(str(path), LIMITS)))


@given(st.lists(st.one_of(records.map(json.dumps), st.text(max_size=50)), max_size=6))
@settings(max_examples=200)
def test_any_json_lines(lines):
    _check(list(parse_jsonl("f.jsonl", "\n".join(lines))))
