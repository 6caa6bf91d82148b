"""Turn small HTML fragments (feed entries, titles) into plain text with paragraph breaks."""

from __future__ import annotations

import html as html_lib
import re

_BLOCK = re.compile(r"(?i)</?(p|div|br|li|h[1-6]|tr|blockquote|section|article)\b[^>]*>")
_DROP = re.compile(r"(?is)<(script|style|noscript|template)\b.*?</\1\s*>")
_TAG = re.compile(r"<[^>]*>")


def html_to_text(fragment: str) -> str:
    """Strip tags (dropping scripts and styles), unescape entities, keep block breaks."""
    if "<" not in fragment and "&" not in fragment:
        return fragment
    text = _DROP.sub(" ", fragment)
    text = _BLOCK.sub("\n\n", text)
    text = _TAG.sub("", text)
    return html_lib.unescape(text)
