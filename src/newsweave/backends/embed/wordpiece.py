"""A small pure-Python BERT WordPiece tokenizer (uncased), enough for static embeddings.

It follows the published BERT recipe: lower-case, strip accents, split on whitespace and
punctuation, then greedy longest-match-first word pieces with ``##`` continuations.
"""

from __future__ import annotations

import unicodedata

#: Words longer than this become the unknown token, as in BERT.
MAX_WORD_CHARS = 100
#: Distinct words whose pieces are remembered.
CACHE_SIZE = 200_000


def _is_punct(ch: str) -> bool:
    code = ord(ch)
    if 33 <= code <= 47 or 58 <= code <= 64 or 91 <= code <= 96 or 123 <= code <= 126:
        return True
    return unicodedata.category(ch).startswith("P")


def basic_words(text: str) -> list[str]:
    """Lower-case, strip accents and split into words and single punctuation marks."""
    text = unicodedata.normalize("NFD", text.lower())
    words: list[str] = []
    current: list[str] = []
    for ch in text:
        if unicodedata.category(ch) == "Mn":
            continue
        if ch.isspace() or _is_punct(ch):
            if current:
                words.append("".join(current))
                current = []
            if not ch.isspace():
                words.append(ch)
        else:
            current.append(ch)
    if current:
        words.append("".join(current))
    return words


class WordPiece:
    """Maps text to vocabulary ids; unknown words are skipped.

    Args:
        vocab: the vocabulary, one token per position (BERT ``vocab.txt`` order).
    """

    def __init__(self, vocab: list[str]) -> None:
        """Index the vocabulary."""
        self.ids = {tok: i for i, tok in enumerate(vocab)}
        self._cache: dict[str, tuple[int, ...]] = {}

    def word_ids(self, word: str) -> tuple[int, ...]:
        """Return the ids of one word's pieces, or ``()`` when it cannot be split."""
        hit = self._cache.get(word)
        if hit is not None:
            return hit
        out = self._split(word)
        if len(self._cache) < CACHE_SIZE:
            self._cache[word] = out
        return out

    def _split(self, word: str) -> tuple[int, ...]:
        if len(word) > MAX_WORD_CHARS:
            return ()
        pieces: list[int] = []
        start = 0
        while start < len(word):
            end = len(word)
            found = None
            while start < end:
                piece = word[start:end] if start == 0 else "##" + word[start:end]
                found = self.ids.get(piece)
                if found is not None:
                    break
                end -= 1
            if found is None:
                return ()
            pieces.append(found)
            start = end
        return tuple(pieces)

    def encode(self, text: str) -> list[int]:
        """Return the piece ids of ``text`` (no special tokens)."""
        out: list[int] = []
        for word in basic_words(text):
            out.extend(self.word_ids(word))
        return out
