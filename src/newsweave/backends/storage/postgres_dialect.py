"""The PostgreSQL side of :class:`~newsweave.backends.storage.sql_dialect.Dialect`.

Full-text search uses the stored ``tsvector`` column ``tsv`` and ``websearch_to_tsquery`` with
the ``simple`` configuration (see ``postgres_schema.py``).
"""

from __future__ import annotations

from collections.abc import Sequence

from newsweave.backends.storage.sql_dialect import MARK_CLOSE, MARK_OPEN, SNIPPET_WORDS

_QUERY = "websearch_to_tsquery('simple', ?)"
# ts_headline's options for a passage as long as the SQLite snippet.
_HEADLINE_OPTIONS = (
    f'StartSel="{MARK_OPEN}", StopSel="{MARK_CLOSE}", MaxWords={SNIPPET_WORDS}, '
    f'MinWords={SNIPPET_WORDS // 2}, ShortWord=0, FragmentDelimiter="…", MaxFragments=1'
)


def ts_query(query: str) -> str:
    """``query`` for ``websearch_to_tsquery`` without control characters ("" if no word).

    PostgreSQL text cannot hold NUL; the other control characters are dropped likewise.
    """
    text = "".join(c if c.isprintable() else " " for c in query)
    return " ".join(text.split()) if any(c.isalnum() for c in text) else ""


class PostgresDialect:
    """PostgreSQL's SQL for psycopg: ``%s`` marks, ILIKE, ``tsvector`` search, JSON arrays."""

    like = "ILIKE"
    text_source = "articles a"
    text_match = f"a.tsv @@ {_QUERY}"
    ranked_matches = (
        f"FROM articles a, {_QUERY} q WHERE a.tsv @@ q ORDER BY ts_rank_cd(a.tsv, q) DESC, a.seq"
    )
    snippet = "ts_headline('simple', a.text, q, ?)"
    snippet_params: tuple[object, ...] = (_HEADLINE_OPTIONS,)

    def bind(self, sql: str) -> str:
        """``?`` marks as psycopg's ``%s`` (and a literal ``%`` doubled)."""
        return sql.replace("%", "%%").replace("?", "%s")

    def search_terms(self, query: str) -> str:
        """``query`` as web-search syntax (quotes, ``OR`` and ``-`` keep their meaning)."""
        return ts_query(query)

    def same_text(self, column: str) -> str:
        """``lower()`` on both sides (the expression its index is on)."""
        return f"lower({column}) = lower(?)"

    def json_list(self, value: str, rest: str, order: str = "") -> str:
        """``json_agg`` as text, ``[]`` when no row matches."""
        within = f" ORDER BY {order}" if order else ""
        return f"(SELECT coalesce(json_agg({value}{within}), '[]')::text {rest})"

    def json_text(self, column: str) -> str:
        """A ``jsonb`` column cast to text."""
        return f"{column}::text"

    def has_alias(self, column: str) -> str:
        """``jsonb`` containment (served by the column's GIN index)."""
        return f"{column} @> jsonb_build_array(?::text)"

    def chunks(self, values: Sequence[object]) -> list[Sequence[object]]:
        """All the values at once: an array is one parameter."""
        return [values] if values else []

    def one_of(self, column: str, chunk: Sequence[object]) -> tuple[str, tuple[object, ...]]:
        """``column = ANY(?)`` with the values as one array."""
        return f"{column} = ANY(?)", (list(chunk),)


POSTGRES = PostgresDialect()
