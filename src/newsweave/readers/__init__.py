"""Readers turn input files (txt, HTML, JSONL, WARC, RSS/Atom, gzip, stdin) into raw articles.

Each reader yields :class:`~newsweave.model.Article` objects with uncleaned text, or an
:class:`~newsweave.errors.InputError` for an input (or one record of it) that cannot be used,
so the caller reports it and goes on with the rest of the batch.
"""

from __future__ import annotations

from newsweave.readers.dispatch import ReadLimits, iter_input_paths, read_input

__all__ = ["ReadLimits", "iter_input_paths", "read_input"]
