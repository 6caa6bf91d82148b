from __future__ import annotations

import json

from newsweave.errors import InputError
from newsweave.model import Article
from newsweave.readers.jsonl import parse_jsonl

GOOD = {
    "id": "orlen-1",
    "title": "Harbour wall breached",
    "text": "The harbour wall at Orlen Bay was breached.",
    "date": "2025-06-01T08:00:00+00:00",
    "source": "Orlen Gazette",
    "url": "https://gazette.example/harbour",
    "topic": "storms",
}


def test_fields_are_mapped_and_extras_kept():
    [article] = list(parse_jsonl("in.jsonl", json.dumps(GOOD)))
    assert isinstance(article, Article)
    assert article.id == "orlen-1"
    assert article.source == "Orlen Gazette"
    assert article.date is not None
    assert article.date.year == 2025
    assert article.extras == {"jsonl.topic": "storms"}
    assert article.origin == "in.jsonl:1"


def test_malformed_line_is_reported_with_its_number_and_the_rest_goes_on():
    lines = [json.dumps(GOOD), "{not json", json.dumps({**GOOD, "id": "orlen-2"})]
    results = list(parse_jsonl("in.jsonl", "\n".join(lines)))
    assert [type(r) for r in results] == [Article, InputError, Article]
    error = results[1]
    assert isinstance(error, InputError)
    assert error.line == 2
    assert error.reason == "json"
    assert "in.jsonl:2" in str(error)


def test_record_without_text_is_an_error():
    [error] = list(parse_jsonl("in.jsonl", json.dumps({"id": "x", "title": "t"})))
    assert isinstance(error, InputError)
    assert error.reason == "record"


def test_non_object_record_is_an_error():
    [error] = list(parse_jsonl("in.jsonl", "[1]"))
    assert isinstance(error, InputError)
    assert error.reason == "record"


def test_json_array_is_accepted():
    results = list(parse_jsonl("in.json", json.dumps([GOOD, {**GOOD, "id": "b"}])))
    assert [r.id for r in results if isinstance(r, Article)] == ["orlen-1", "b"]


def test_deeply_nested_json_is_refused():
    nested = '{"text": "x", "deep": ' + "[" * 5000 + "]" * 5000 + "}"
    [error] = list(parse_jsonl("in.jsonl", nested))
    assert isinstance(error, InputError)
    assert "nested" in error.detail
