"""Line-level boilerplate rules for article text, applied to plain text and extracted HTML.

The input is normalized text (see :mod:`newsweave.text.normalize`). Each rule looks at one line
and its position; what it removes is returned so users can audit the cleaning.

Rules, in order of strength:

* a comment-form or comment-section marker in the second half of the text ends the article:
  it and everything after it is removed ("Leave a Reply", "Your email address will not be
  published", "Required fields are marked *");
* a related-links heading ("Related posts", "Read more") removes itself and the short,
  headline-like lines that follow it;
* share, subscribe, cookie and advertisement lines are removed wherever they are, and so are
  the newsroom's notes to the reader: "This article was updated at ...", "Correction: ...",
  "Editor's note: ...", "Jane Doe can be reached at jdoe@...", "John Roe contributed reporting";
* lines equal to the headline at the top of the body, each a paragraph of its own (a repeated
  headline), are removed;
* lone byline lines ("By Jane Doe", or a short name-like line after the last sentence) are
  removed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from newsweave.text.normalize import fold
from newsweave.text.scripts import CLOSERS, SENTENCE_END, ends_with_stop, word_count

_COMMENT_FORM = re.compile(
    r"^(leave a (reply|comment)|post (a )?comment|add (a )?comment|cancel reply|"
    r"your email address will not be published|required fields are marked|"
    r"save my name,? email|comments? (are|is) closed|\d+ (comments?|responses?)|"
    r"you must be logged in to post|join the (discussion|conversation)|"
    r"(show|view|load) (all )?comments|notify me of (follow-up|new) (comments|posts))",
    re.IGNORECASE,
)
_RELATED_HEADING = re.compile(
    r"^(related( (posts?|stories|articles|news|content|coverage|reading))?|read (also|more|next)|"
    r"you (may|might) also (like|be interested in)|more (from|on|stories)( [\w' ]{1,30})?|"
    r"recommended( for you| stories)?|trending( now| stories)?|see also|most (read|popular)|"
    r"popular (posts|stories)|latest (news|posts|stories)|also read)\s*:?$",
    re.IGNORECASE,
)
_SHARE_LINE = re.compile(
    r"^((share|tweet|email|print|pin|like)( (this|on|via|article|story|it))?( on)?\s*"
    r"(:|facebook|twitter|x|linkedin|whatsapp|reddit|telegram|pinterest|email)?\s*$|"
    r"click to (share|print|email)|follow us( on)?\b|subscribe( now| today)?\b|"
    r"sign up (for|to) (our|the)\b|get (our|the) newsletter|(join|subscribe to) our newsletter|"
    r"we use cookies|this (web)?site uses cookies|(accept|manage) (all )?cookies|"
    r"cookie (policy|settings|preferences)|advertisement$|sponsored( content)?$|"
    r"(continue reading|read the full (story|article))\b.{0,40}$|"
    r"(facebook|twitter|linkedin|whatsapp|reddit|email)(\s*[|/·•,]\s*"
    r"(facebook|twitter|linkedin|whatsapp|reddit|email|print))+\s*$)",
    re.IGNORECASE,
)
_NOTE_LINE = re.compile(
    r"^((this|the) (article|story|report|post) (was|has been) (updated|corrected|amended)\b|"
    r"(correction|clarification|editor['’]?s note)\s*[:—–-]|"
    r"[^.!?]{2,80}\b(can|may) be (reached|contacted) at\b|"
    r"[^.!?]{2,80}\bcontributed (to )?(this )?(report|reporting|story)\b)",
    re.IGNORECASE,
)
_BYLINE = re.compile(
    r"^((by|posted by|written by|words by|reporting by|report by)\s+[^.!?]{2,60}|"
    r"[-—–]\s*[A-Z][\w .&'-]{1,40}|\((AP|AFP|Reuters|UPI)\))$",
    re.IGNORECASE,
)
# Sentence-final marks of any script (newsweave.text.scripts), and ":;…" and closing quotes.
_SENTENCE_END = re.compile(f"[{re.escape(SENTENCE_END + CLOSERS)}:;…]$")
# A short line after the last sentence is a byline or signature; longer lines are kept.
# Lengths are in words as text.scripts.word_count counts them, so they hold for CJK too.
_MAX_SIGNATURE_WORDS = 4
# Lines after a related-links heading that look like link titles are at most this long.
_MAX_LINK_WORDS = 20


@dataclass(frozen=True, slots=True)
class Cleaned:
    """Result of :func:`strip_boilerplate`: kept text and the removed lines, in order."""

    text: str
    removed: tuple[str, ...]


def strip_boilerplate(text: str, *, title: str | None = None) -> Cleaned:
    """Remove boilerplate lines from normalized ``text``; see the module docstring for rules."""
    rows = text.split("\n")
    keep = [True] * len(rows)
    _drop_comment_tail(rows, keep)
    _drop_related_lists(rows, keep)
    _drop_lines(rows, keep, _SHARE_LINE)
    _drop_lines(rows, keep, _NOTE_LINE)
    _drop_lines(rows, keep, _BYLINE)
    if title:
        _drop_repeated_headline(rows, keep, title)
    _drop_trailing_signature(rows, keep)
    kept = "\n".join(row for row, ok in zip(rows, keep, strict=True) if ok)
    removed = tuple(row for row, ok in zip(rows, keep, strict=True) if not ok and row.strip())
    return Cleaned(text=_squeeze_blank_lines(kept), removed=removed)


def _content_indexes(rows: list[str], keep: list[bool]) -> list[int]:
    return [i for i, row in enumerate(rows) if keep[i] and row.strip()]


def _drop_comment_tail(rows: list[str], keep: list[bool]) -> None:
    content = _content_indexes(rows, keep)
    half = content[len(content) // 2] if content else 0
    for i in content:
        if not _COMMENT_FORM.match(rows[i]):
            continue
        if i >= half:
            for j in range(i, len(rows)):
                keep[j] = False
            return
        keep[i] = False


def _drop_related_lists(rows: list[str], keep: list[bool]) -> None:
    i = 0
    while i < len(rows):
        if keep[i] and _RELATED_HEADING.match(rows[i].strip()):
            keep[i] = False
            j = i + 1
            while j < len(rows) and _is_link_title(rows[j]):
                keep[j] = False
                j += 1
            i = j
        else:
            i += 1


def _is_link_title(row: str) -> bool:
    return 0 < word_count(row) <= _MAX_LINK_WORDS and not ends_with_stop(row)


def _drop_lines(rows: list[str], keep: list[bool], pattern: re.Pattern[str]) -> None:
    for i, row in enumerate(rows):
        if keep[i] and pattern.match(row.strip()):
            keep[i] = False


def _drop_repeated_headline(rows: list[str], keep: list[bool], title: str) -> None:
    """Drop copies of the headline at the top, when each stands as a paragraph of its own.

    A first sentence that merely equals the title (ECB+ titles are the lead sentence) runs on
    into its paragraph and is kept; the last line of content is never dropped.
    """
    folded_title = fold(title)
    content = _content_indexes(rows, keep)
    for i in content[:-1]:
        following = next((j for j in range(i + 1, len(rows)) if keep[j]), None)
        alone = following is not None and not rows[following].strip()
        if fold(rows[i]) != folded_title or not alone:
            return
        keep[i] = False


def _drop_trailing_signature(rows: list[str], keep: list[bool]) -> None:
    """Drop short name-like lines that come after the last real sentence."""
    for i in reversed(_content_indexes(rows, keep)):
        row = rows[i].strip()
        if _SENTENCE_END.search(row) or word_count(row) > _MAX_SIGNATURE_WORDS:
            return
        keep[i] = False


def _squeeze_blank_lines(text: str) -> str:
    return re.sub(r"\n{3,}", "\n\n", text).strip("\n")
