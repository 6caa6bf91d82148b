"""A small pure-Python BERT WordPiece tokenizer (uncased), enough for static embeddings.

It follows the published BERT recipe: lower-case, strip accents, split on whitespace and
punctuation, then greedy longest-match-first word pieces with ``##`` continuations.
"""

from __future__ import annotations

import re
import unicodedata

#: Words longer than this become the unknown token, as in BERT.
MAX_WORD_CHARS = 100
#: Distinct words whose pieces are remembered.
CACHE_SIZE = 200_000


# Words are runs of letters and digits; every other visible character stands alone, as
# BERT's basic tokenizer splits on punctuation ("_" included).
_WORDS = re.compile(r"[^\W_]+|[^\w\s]|_")


def basic_words(text: str) -> list[str]:
    """Lower-case, strip accents and split into words and single punctuation marks."""
    text = text.lower()
    if not text.isascii():
        text = "".join(
            ch for ch in unicodedata.normalize("NFD", text) if unicodedata.category(ch) != "Mn"
        )
    return _WORDS.findall(text)


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
