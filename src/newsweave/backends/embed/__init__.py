"""Sentence embedders: MiniLM (default), a static distilled model and a hashing test fake."""

from __future__ import annotations

from newsweave.backends.embed.base import Embedder, l2_normalize
from newsweave.backends.embed.hashing import HashingEmbedder

__all__ = ["Embedder", "HashingEmbedder", "l2_normalize"]
