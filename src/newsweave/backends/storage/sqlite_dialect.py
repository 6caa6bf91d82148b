"""The SQLite side of :class:`~newsweave.backends.storage.sql_dialect.Dialect` (FTS5, JSON1)."""

from __future__ import annotations

from collections.abc import Sequence

from newsweave.backends.storage.sql_dialect import MARK_CLOSE, MARK_OPEN, SNIPPET_WORDS

# Ids per ``IN (...)`` list: well under SQLite's default limit of bound variables.
_CHUNK = 500
_FTS_SOURCE = "articles_fts f JOIN articles a ON a.seq = f.rowid"


def fts_terms(query: str) -> str:
    """An FTS5 query that matches every word of ``query`` (quoted, so no operator applies).

    Control characters are dropped: SQLite reads a NUL inside a query string as its end.
    """
    text = "".join(c if c.isprintable() else " " for c in query).replace('"', " ")
    return " ".join(f'"{word}"' for word in text.split())


class SQLiteDialect:
    """SQLite's own SQL: ``?`` marks already, FTS5 with BM25 ranking, JSON1 arrays."""

    # SQLite's LIKE ignores case (ASCII letters), as PostgreSQL's ILIKE does.
    like = "LIKE"
    text_source = _FTS_SOURCE
    text_match = "articles_fts MATCH ?"
    ranked_matches = f"FROM {_FTS_SOURCE} WHERE articles_fts MATCH ? ORDER BY bm25(articles_fts)"
    snippet = f"snippet(articles_fts, 1, '{MARK_OPEN}', '{MARK_CLOSE}', '…', {SNIPPET_WORDS})"
    snippet_params: tuple[object, ...] = ()

    def bind(self, sql: str) -> str:
        """``sql`` unchanged: sqlite3 takes ``?`` marks."""
        return sql

    def search_terms(self, query: str) -> str:
        """Every word of ``query``, quoted for FTS5."""
        return fts_terms(query)

    def same_text(self, column: str) -> str:
        """``column`` equals the parameter under NOCASE (the collation its index uses)."""
        return f"{column} = ? COLLATE NOCASE"

    def json_list(self, value: str, rest: str, order: str = "") -> str:
        """``json_group_array`` (over an ordered subquery: 3.40 has no ORDER BY in aggregates)."""
        if not order:
            return f"(SELECT json_group_array({value}) {rest})"
        return (
            f"(SELECT json_group_array(x.v) FROM (SELECT {value} AS v {rest} ORDER BY {order}) x)"
        )

    def json_text(self, column: str) -> str:
        """``column`` itself: SQLite keeps JSON as text."""
        return column

    def has_alias(self, column: str) -> str:
        """Look through the array with ``json_each``."""
        return f"EXISTS (SELECT 1 FROM json_each({column}) WHERE value = ?)"

    def chunks(self, values: Sequence[object]) -> list[Sequence[object]]:
        """Pieces of at most :data:`_CHUNK` values."""
        return [values[start : start + _CHUNK] for start in range(0, len(values), _CHUNK)]

    def one_of(self, column: str, chunk: Sequence[object]) -> tuple[str, tuple[object, ...]]:
        """``column IN (?, ...)`` with a mark per value."""
        return f"{column} IN ({','.join('?' * len(chunk))})", tuple(chunk)


SQLITE = SQLiteDialect()
