"""The newsweave exception tree.

Every error raised on purpose by the library derives from :class:`NewsweaveError` and carries
a stable code such as ``[NW201]`` (listed in ``docs/reference/errors.md``)::

    NewsweaveError
    ├── ConfigError          NW0xx  bad configuration or usage
    ├── MissingExtraError    NW010  an optional dependency is not installed
    ├── AccessError          NW020  a write without the server's bearer token
    ├── InputError           NW2xx  one input (file, line, record) cannot be read or parsed
    ├── StorageError         NW3xx  the store cannot be opened, migrated or written
    ├── StageError           NW4xx  a pipeline stage failed on an article
    └── NotFoundError        NW5xx  an article, story or entity id is unknown

``InputError`` names the file (and line or record when known), so one bad input in a batch
can be reported and skipped while the rest goes on.
"""

from __future__ import annotations


class NewsweaveError(Exception):
    """Base class of every error newsweave raises on purpose."""

    code = "NW000"

    def __init__(self, message: str) -> None:
        """Build the error; the message is prefixed with the stable code."""
        self.message = message
        super().__init__(f"[{self.code}] {message}")


class ConfigError(NewsweaveError):
    """Invalid configuration value, unknown key or misuse of an API."""

    code = "NW001"


class MissingExtraError(NewsweaveError):
    """An optional dependency is needed; the message says which extra to install."""

    code = "NW010"


class AccessError(NewsweaveError):
    """A request to write needs the server's bearer token (``NEWSWEAVE_TOKEN``)."""

    code = "NW020"


#: Stable code of each input-failure reason (see ``InputError.reason``).
INPUT_REASONS: dict[str, str] = {
    "unreadable": "NW201",
    "binary": "NW202",
    "empty": "NW203",
    "encoding": "NW204",
    "gzip": "NW205",
    "json": "NW206",
    "record": "NW207",
    "no_article": "NW208",
    "too_large": "NW209",
    "unsupported": "NW210",
    "warc": "NW211",
    "feed": "NW212",
    "timeout": "NW213",
}


class InputError(NewsweaveError):
    """One input cannot be read or parsed.

    Attributes:
        path: the file (or ``-`` for stdin) the input came from.
        line: 1-based line or record number inside the file, when known.
        reason: short machine-readable reason, e.g. ``"binary"`` or ``"empty"``.
    """

    code = "NW200"

    def __init__(self, path: str, reason: str, detail: str, *, line: int | None = None) -> None:
        """Build the error from the file, a reason key and a human-readable detail."""
        self.path = path
        self.line = line
        self.reason = reason
        self.detail = detail
        self.code = INPUT_REASONS.get(reason, "NW200")
        where = f"{path}:{line}" if line is not None else path
        super().__init__(f"{where}: {detail}")


class StorageError(NewsweaveError):
    """The store cannot be opened, migrated, read or written."""

    code = "NW300"


class StageError(NewsweaveError):
    """A pipeline stage failed, or stages were put in an order that cannot run."""

    code = "NW400"


class NotFoundError(NewsweaveError):
    """An id or name that is not in the store."""

    code = "NW500"


__all__ = [
    "AccessError",
    "ConfigError",
    "InputError",
    "MissingExtraError",
    "NewsweaveError",
    "NotFoundError",
    "StageError",
    "StorageError",
]
