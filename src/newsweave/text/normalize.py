"""Unicode and whitespace normalization, and text fingerprints.

``normalize_text`` is idempotent: normalizing its output changes nothing. Paragraphs are
separated by one blank line; lines inside a paragraph are kept, each with single spaces.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

# C0/C1 controls except tab and newline, zero-width characters and the byte-order mark.
_INVISIBLE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x84\x86-\x9f\u200b-\u200d\u2060\ufeff]")
_LINE_BREAKS = re.compile(r"\r\n?|[\u2028\u2029\x85]")


def normalize_text(text: str) -> str:
    """Return ``text`` in NFC with clean whitespace and at most one blank line between blocks."""
    text = _LINE_BREAKS.sub("\n", unicodedata.normalize("NFC", text))
    text = _INVISIBLE.sub("", text.replace("\r", "\n"))
    out: list[str] = []
    for raw in text.split("\n"):
        line = " ".join(raw.split())
        if line or (out and out[-1]):
            out.append(line)
    while out and not out[-1]:
        out.pop()
    return "\n".join(out)


def paragraphs(text: str) -> list[str]:
    """Split normalized text into paragraphs (blocks separated by a blank line)."""
    return [block for block in text.split("\n\n") if block.strip()]


def lines(text: str) -> list[str]:
    """Return the non-empty lines of ``text``."""
    return [line for line in text.split("\n") if line.strip()]


def fold(text: str) -> str:
    """Case-fold and collapse whitespace: the form used to compare lines and hash texts."""
    return " ".join(unicodedata.normalize("NFKC", text).casefold().split())


def fingerprint(text: str) -> str:
    """Return a hex SHA-256 of the folded text: equal for texts that differ only in case/space."""
    return hashlib.sha256(fold(text).encode("utf-8")).hexdigest()
