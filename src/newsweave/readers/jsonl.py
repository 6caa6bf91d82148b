"""JSON Lines (and JSON) articles with fields ``id, title, text, date, source, url``.

Other fields are kept in ``extras`` under the ``jsonl.`` namespace. A ``.json`` file may hold
one object, an array of objects, or JSON Lines. One bad record is reported with its line number
and the other records go on.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from typing import Any

from newsweave.errors import InputError
from newsweave.model import JSON, Article
from newsweave.readers.base import build_article
from newsweave.text.dates import parse_date

_KNOWN = frozenset({"id", "title", "text", "date", "source", "url", "author"})
# Deeply nested JSON is refused rather than risking the recursion limit.
_MAX_DEPTH = 64


def parse_jsonl(origin: str, text: str) -> Iterator[Article | InputError]:
    """Yield one article (or one error) per record of a JSON Lines / JSON document."""
    stripped = text.lstrip()
    if stripped.startswith("["):
        yield from _parse_array(origin, text)
        return
    for number, line in enumerate(text.splitlines(), start=1):
        if line.strip():
            yield _parse_line(origin, line, number)


def _parse_array(origin: str, text: str) -> Iterator[Article | InputError]:
    try:
        records = _loads(text)
    except InputError as exc:
        yield InputError(origin, exc.reason, exc.detail)
        return
    if not isinstance(records, list):
        yield InputError(origin, "json", "expected a JSON array of article objects")
        return
    for number, record in enumerate(records, start=1):
        yield _record_or_error(origin, record, number)


def _parse_line(origin: str, line: str, number: int) -> Article | InputError:
    try:
        record = _loads(line)
    except InputError as exc:
        return InputError(origin, exc.reason, exc.detail, line=number)
    return _record_or_error(origin, record, number)


def _loads(text: str) -> Any:  # noqa: ANN401 - json.loads returns arbitrary JSON
    depth = max(text.count("["), text.count("{"))
    if depth > _MAX_DEPTH and _nesting(text) > _MAX_DEPTH:
        raise InputError("", "json", f"JSON nested deeper than {_MAX_DEPTH} levels")
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError("", "json", f"malformed JSON: {exc.msg} at column {exc.colno}") from None
    except RecursionError:
        raise InputError("", "json", "JSON nested too deeply") from None


def _nesting(text: str) -> int:
    depth = deepest = 0
    for char in text:
        if char in "[{":
            depth += 1
            deepest = max(deepest, depth)
        elif char in "]}":
            depth -= 1
    return deepest


def _record_or_error(origin: str, record: object, number: int) -> Article | InputError:
    where = f"{origin}:{number}"
    if not isinstance(record, dict):
        return InputError(origin, "record", "expected a JSON object per record", line=number)
    text = record.get("text")
    if not isinstance(text, str) or not text.strip():
        return InputError(origin, "record", "record has no non-empty 'text' field", line=number)
    try:
        return build_article(
            origin=where,
            title=_string(record.get("title")),
            text=text,
            input_id=_string(record.get("id")),
            url=_string(record.get("url")),
            source=_string(record.get("source")),
            date=parse_date(record.get("date")),
            author=_string(record.get("author")),
            extras=_extras(record),
        )
    except InputError as exc:
        return InputError(origin, exc.reason, exc.detail, line=number)


def _string(value: object) -> str | None:
    if value is None:
        return None
    if isinstance(value, str):
        return value.strip() or None
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)
    return None


def _extras(record: Mapping[str, JSON]) -> dict[str, JSON]:
    return {f"jsonl.{key}": value for key, value in record.items() if key not in _KNOWN}
