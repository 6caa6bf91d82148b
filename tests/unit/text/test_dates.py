from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

from newsweave.text.dates import format_date, parse_date


def test_iso_with_offset_is_converted_to_utc():
    parsed = parse_date("2025-03-04T10:00:00+02:00")
    assert parsed == datetime(2025, 3, 4, 8, 0, tzinfo=UTC)


def test_zulu_and_naive_dates_are_utc():
    assert parse_date("2025-03-04T10:00:00Z") == datetime(2025, 3, 4, 10, tzinfo=UTC)
    assert parse_date("2025-03-04") == datetime(2025, 3, 4, tzinfo=UTC)


def test_rfc2822_is_parsed():
    assert parse_date("Tue, 04 Mar 2025 10:00:00 GMT") == datetime(2025, 3, 4, 10, tzinfo=UTC)


def test_garbage_gives_none():
    for value in ("yesterday-ish", "", None, True, [], "9" * 200):
        assert parse_date(value) is None


def test_aware_datetime_round_trips():
    moment = datetime(2025, 1, 2, 3, 4, 5, tzinfo=timezone(timedelta(hours=-5)))
    assert parse_date(format_date(moment)) == moment
