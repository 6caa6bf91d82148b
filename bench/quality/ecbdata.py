"""Load ECB+ from ../shared and turn it into clusterer features (shared by the bench scripts)."""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import replace
from pathlib import Path
from typing import Any

import numpy as np

from newsweave.backends.embed.base import Embedder
from newsweave.cluster.features import ArticleFeatures, extract, lead

ECB = Path(__file__).resolve().parents[2].parent / "shared" / "data" / "ecbplus" / "ecbplus.jsonl"
CACHE = Path(os.environ.get("NEWSWEAVE_BENCH_CACHE", "/tmp/newsweave-bench"))


def ecb_path() -> Path:
    """Return the ECB+ JSONL path (``NEWSWEAVE_ECB`` overrides the ../shared location)."""
    return Path(os.environ.get("NEWSWEAVE_ECB", str(ECB)))


def load_rows(path: Path | None = None) -> list[dict[str, Any]]:
    """Read every JSON line of the corpus."""
    with (path or ecb_path()).open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def make_embedder(name: str) -> Embedder | None:
    """Build the embedder called ``name`` (minilm, static, hashing) or ``None`` for "none"."""
    if name == "none":
        return None
    if name == "minilm":
        from newsweave.backends.embed.minilm import MiniLMEmbedder

        return MiniLMEmbedder()
    if name == "static":
        from newsweave.backends.embed.static import StaticEmbedder

        return StaticEmbedder()
    from newsweave.backends.embed.hashing import HashingEmbedder

    return HashingEmbedder()


def embed_leads(rows: list[dict[str, Any]], embedder: Embedder) -> np.ndarray:
    """Embed title + first 3 sentences of each row, cached on disk by content hash."""
    texts = [lead(r["title"], r["text"]) for r in rows]
    key = hashlib.sha256(("\x1e".join(texts) + embedder.name).encode()).hexdigest()[:16]
    cached = CACHE / f"{embedder.name}-{key}.npy"
    if cached.is_file():
        return np.load(cached)
    matrix = embedder.encode(texts)
    CACHE.mkdir(parents=True, exist_ok=True)
    np.save(cached, matrix)
    return matrix


def featurize(rows: list[dict[str, Any]], embedder_name: str) -> list[ArticleFeatures]:
    """Extract features (and lead embeddings, unless ``embedder_name`` is "none")."""
    feats = [extract(r["id"], r["title"], r["text"]) for r in rows]
    embedder = make_embedder(embedder_name)
    if embedder is None:
        return feats
    matrix = embed_leads(rows, embedder)
    return [replace(f, embedding=matrix[i]) for i, f in enumerate(feats)]
