"""Script-aware text length, for cleaning rules that must hold in any language.

Rules such as "a short line after the last sentence is a signature" count words. Splitting on
spaces works for Latin, Cyrillic, Greek, Arabic, Hebrew, Devanagari and Hangul text, but in
scripts written without spaces between words (Chinese, Japanese, Thai, Lao, Khmer, Myanmar) a
whole paragraph would be one "word". :func:`word_count` therefore counts the characters of those
scripts with a per-script weight, an estimate of words per character, and counts every other run
of letters or digits between spaces as one word ("Kindle for PCを" is 3.5 words).

The weights are hand-set priors, not tuned on a benchmark: Chinese words average about 1.5-2
characters and Japanese text (kanji mixed with kana) about 2, hence 0.5 for Han and kana; Thai,
Lao, Khmer and Myanmar words average about four base letters, hence 0.25 (combining vowel and
tone marks are not counted, so a word is counted by its graphemes, not its code points).

:data:`SENTENCE_END` lists the sentence-final punctuation of these scripts besides ``.!?``.
"""

from __future__ import annotations

import re
import unicodedata

#: Words per character of Han ideographs and Japanese kana (hand-set prior, see module docs).
HAN_KANA_WEIGHT = 0.5
#: Words per base letter of Thai, Lao, Khmer and Myanmar (hand-set prior, see module docs).
SOUTHEAST_ASIAN_WEIGHT = 0.25

# Hiragana, katakana (with phonetic extensions and half-width forms), CJK ideographs
# (unified, extension A, compatibility, and the supplementary-plane extensions).
_HAN_KANA = (
    "\u3040-\u309f\u30a0-\u30ff\u31f0-\u31ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
    "\uff66-\uff9f\U00020000-\U0003134f"
)
# Thai, Lao, Myanmar, Khmer.
_SOUTHEAST_ASIAN = "\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff"
_PIECE = re.compile(rf"([{_HAN_KANA}])|([{_SOUTHEAST_ASIAN}])|[^\s{_HAN_KANA}{_SOUTHEAST_ASIAN}]+")

#: Sentence-final marks: Latin, CJK full-width and ideographic, Devanagari danda, Arabic and
#: Urdu, Armenian, Ethiopic and Myanmar.
SENTENCE_END = (
    ".!?"
    "\u3002\uff0e\uff01\uff1f\uff61"  # ideographic and full-width stops, half-width stop
    "\u0964\u0965"  # Devanagari danda and double danda
    "\u061f\u06d4"  # Arabic question mark, Arabic (Urdu) full stop
    "\u0589\u1362\u104b"  # Armenian, Ethiopic and Myanmar full stops
)
#: Closing quotes and brackets, which may end a sentence after its final mark.
CLOSERS = "\"'”’)]»\u300d\u300f\uff09\u3011\u3009\u300b\uff63"  # CJK corner and full-width brackets


def word_count(text: str) -> float:
    """Number of words in ``text``, counting space-less scripts by weighted characters.

    >>> word_count("The bridge will close on Monday.")
    6.0
    >>> word_count("橋は月曜日に閉鎖される")
    5.5
    """
    total = 0.0
    for match in _PIECE.finditer(text):
        if match.group(1):
            total += HAN_KANA_WEIGHT
        elif match.group(2):
            if not unicodedata.category(match.group(2)).startswith("M"):
                total += SOUTHEAST_ASIAN_WEIGHT
        elif any(ch.isalnum() for ch in match.group(0)):
            total += 1.0
    return total


def ends_with_stop(line: str) -> bool:
    """Whether ``line`` ends with a full stop, question or exclamation mark of any script."""
    return line.rstrip()[-1:] in tuple(SENTENCE_END)
