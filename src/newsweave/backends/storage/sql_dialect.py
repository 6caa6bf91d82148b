"""What differs between the SQL backends, behind one small interface.

The shared queries (``sql_*.py``) are written once, with ``?`` marks for parameters; a
:class:`Dialect` turns them into its driver's style and supplies the few fragments whose SQL
really differs: case-insensitive matching, JSON arrays built in SQL, id lists, and full-text
search (SQLite FTS5 against PostgreSQL's ``tsvector``). Upserts (``ON CONFLICT ... DO UPDATE``),
row-value comparisons and quoted identifiers are written the same for both, so they are not here.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

# Highlight markers put around matched words in search snippets (control characters, never in
# news text), and the words of context each snippet keeps.
MARK_OPEN, MARK_CLOSE = "\x02", "\x03"
SNIPPET_WORDS = 16


class Dialect(Protocol):
    """The SQL one backend speaks where the shared queries cannot say it the same way."""

    @property
    def like(self) -> str:
        """The operator of a case-insensitive ``LIKE``."""
        ...

    @property
    def text_source(self) -> str:
        """A FROM item with the articles as ``a`` that :attr:`text_match` can filter."""
        ...

    @property
    def text_match(self) -> str:
        """A condition on :attr:`text_source`: the article matches the terms (one mark)."""
        ...

    @property
    def ranked_matches(self) -> str:
        """``FROM ... WHERE ... ORDER BY ...``: articles ``a`` matching the terms, best first."""
        ...

    @property
    def snippet(self) -> str:
        """A marked passage of ``a.text`` around the match, for a :attr:`ranked_matches` row."""
        ...

    @property
    def snippet_params(self) -> tuple[object, ...]:
        """The parameters of :attr:`snippet` (they come before those of the match)."""
        ...

    def bind(self, sql: str) -> str:
        """``sql`` with its ``?`` marks in the driver's parameter style."""
        ...

    def search_terms(self, query: str) -> str:
        """The text to bind to a match for the user's ``query`` ("" when it has no word)."""
        ...

    def same_text(self, column: str) -> str:
        """A condition: ``column`` equals one parameter, ignoring case."""
        ...

    def json_list(self, value: str, rest: str, order: str = "") -> str:
        """A subquery giving, as JSON text, the array of ``value`` over ``FROM ...`` ``rest``.

        The array is empty when no row matches, and follows ``order`` when one is given.
        """
        ...

    def json_text(self, column: str) -> str:
        """A JSON ``column`` read as JSON text."""
        ...

    def has_alias(self, column: str) -> str:
        """A condition: the JSON array ``column`` holds one parameter."""
        ...

    def chunks(self, values: Sequence[object]) -> list[Sequence[object]]:
        """``values`` in pieces small enough for one :meth:`one_of` each (none when empty)."""
        ...

    def one_of(self, column: str, chunk: Sequence[object]) -> tuple[str, tuple[object, ...]]:
        """A condition ``column`` is one of ``chunk``, and its parameters."""
        ...
