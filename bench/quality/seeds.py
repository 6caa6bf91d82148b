"""Check that the two seed articles (../shared/seeds) land in one story.

Usage: ``python -m bench.quality.seeds --embedder minilm``. The seeds are clustered online
together with the 982 ECB+ articles as distractors (seeds first, then last, so both orders
are tried); prints the seeds' stories and the probability of the joining step.
"""

from __future__ import annotations

import argparse
import json
from dataclasses import replace
from pathlib import Path

from bench.quality.ecbdata import ECB, featurize, load_rows, make_embedder
from newsweave.cluster.clusterer import StoryClusterer
from newsweave.cluster.features import ArticleFeatures, extract, lead
from newsweave.cluster.maintain import add_and_relink
from newsweave.cluster.params import default_params

SEEDS = ECB.parents[2] / "seeds"


def read_seed(path: Path) -> tuple[str, str]:
    """Title (first non-empty line) and body (the other non-empty lines) of a seed file."""
    lines = [ln.strip() for ln in path.read_text(encoding="utf-8").splitlines() if ln.strip()]
    return lines[0], "\n".join(lines[1:])


def seed_features(embedder_name: str) -> list[ArticleFeatures]:
    """Features (and lead embeddings) of every seed file."""
    docs = [(p.stem, *read_seed(p)) for p in sorted(SEEDS.glob("*.txt"))]
    out = [extract(sid, title, body) for sid, title, body in docs]
    embedder = make_embedder(embedder_name)
    if embedder is None:
        return out
    matrix = embedder.encode([lead(title, body) for _, title, body in docs])
    return [replace(f, embedding=matrix[i]) for i, f in enumerate(out)]


def main() -> None:
    """Run both orders and print the outcome as JSON."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--embedder", default="minilm")
    args = parser.parse_args()
    seeds = seed_features(args.embedder)
    corpus = featurize(load_rows(), args.embedder)
    for name, stream in (("seeds first", seeds + corpus), ("seeds last", corpus + seeds)):
        clu = StoryClusterer(default_params(args.embedder))
        seen: dict[str, ArticleFeatures] = {}
        for f in stream:
            add_and_relink(clu, f, seen)
            seen[f.article_id] = f
        stories = [clu.story_of(f.article_id) for f in seeds]
        story = clu.stories[stories[0] or ""]
        print(
            json.dumps(
                {
                    "order": name,
                    "one_story": len(set(stories)) == 1,
                    "stories": stories,
                    "story_size": story.size,
                }
            )
        )


if __name__ == "__main__":
    main()
