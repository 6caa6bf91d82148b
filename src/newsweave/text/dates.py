"""Parse the publication dates found in inputs into timezone-aware UTC datetimes."""

from __future__ import annotations

import email.utils
from datetime import UTC, datetime


def parse_date(value: object) -> datetime | None:
    """Parse ISO 8601, RFC 2822 or a Unix timestamp; return UTC-aware, or None if unparseable.

    A date without a time zone is taken to be UTC.
    """
    if isinstance(value, datetime):
        return _to_utc(value)
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, int | float):
        try:
            return datetime.fromtimestamp(float(value), tz=UTC)
        except (OverflowError, OSError, ValueError):
            return None
    if not isinstance(value, str) or not value.strip() or len(value) > 100:
        return None
    text = value.strip()
    try:
        return _to_utc(datetime.fromisoformat(text.replace("Z", "+00:00")))
    except ValueError:
        pass
    try:
        return _to_utc(email.utils.parsedate_to_datetime(text))
    except (TypeError, ValueError, IndexError):
        return None


def _to_utc(moment: datetime) -> datetime:
    if moment.tzinfo is None:
        return moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC)


def format_date(moment: datetime | None) -> str | None:
    """Render a datetime as ISO 8601 in UTC (``2024-05-01T12:00:00+00:00``), or None."""
    return None if moment is None else _to_utc(moment).isoformat()
