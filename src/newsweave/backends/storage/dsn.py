"""Database addresses: which backend a ``--db`` value names, and how to show it safely."""

from __future__ import annotations

import re
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

POSTGRES_SCHEMES = ("postgresql://", "postgres://")
SQLITE_STORAGE = "storage.sqlite.v1"
POSTGRES_STORAGE = "storage.postgres.v1"
# ``password=...`` in a key/value connection string (quoted or bare).
_KEYWORD_PASSWORD = re.compile(r"(password\s*=\s*)('(?:[^'\\]|\\.)*'|\S+)", re.IGNORECASE)


def is_postgres_url(db: str) -> bool:
    """True when ``db`` is a PostgreSQL connection URL rather than a SQLite file."""
    return db.lower().startswith(POSTGRES_SCHEMES)


def redact(db: str) -> str:
    """``db`` with any password replaced by ``***``, for messages and logs."""
    if not is_postgres_url(db):
        return _KEYWORD_PASSWORD.sub(r"\1***", db)
    parts = urlsplit(db)
    netloc = parts.netloc
    if "@" in netloc:
        userinfo, host = netloc.rsplit("@", 1)
        if ":" in userinfo:
            netloc = f"{userinfo.split(':', 1)[0]}:***@{host}"
    query = urlencode(
        [(k, "***" if k.lower() == "password" else v) for k, v in parse_qsl(parts.query)]
    )
    return urlunsplit(parts._replace(netloc=netloc, query=query))


def split_schema(db: str) -> tuple[str, str | None]:
    """Take newsweave's own ``schema=`` query parameter off a URL (libpq does not know it)."""
    if not is_postgres_url(db):
        return db, None
    parts = urlsplit(db)
    pairs = parse_qsl(parts.query, keep_blank_values=True)
    schema = next((v for k, v in pairs if k == "schema"), None)
    rest = urlencode([(k, v) for k, v in pairs if k != "schema"])
    return urlunsplit(parts._replace(query=rest)), schema or None
