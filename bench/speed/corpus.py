"""Generate large news-like corpora by recombining real ECB+ sentences (never committed).

Each synthetic event borrows the sentences of one ECB+ event and renames its people and
places with invented names, so events multiply while the text stays real news prose. Its
articles get dates within two days of the event's date; events are spread over time.
"""

from __future__ import annotations

import random
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from functools import partial
from typing import Any

from newsweave.cluster.features import name_counts

_SYLLABLES = tuple(
    [
        "ka",
        "lo",
        "mi",
        "ran",
        "tes",
        "vor",
        "bel",
        "dun",
        "gar",
        "hil",
        "jos",
        "kem",
        "lun",
        "mar",
        "nob",
        "pel",
        "quin",
        "ros",
        "sav",
        "tor",
    ]
)
_START = datetime(2015, 1, 1, tzinfo=UTC)


@dataclass(frozen=True, slots=True)
class GenArticle:
    """One generated article with its synthetic event id."""

    id: str
    title: str
    text: str
    date: datetime
    event: int


def _rename(mapping: dict[str, str], match: re.Match[str]) -> str:
    return mapping[match.group(0).lower()]


def _pseudo_name(rng: random.Random) -> str:
    return "".join(rng.choice(_SYLLABLES) for _ in range(rng.randint(2, 3))).capitalize()


def _sources(rows: list[dict[str, Any]]) -> list[tuple[list[str], list[str]]]:
    """Per ECB+ event: its sentences and its most mentioned names."""
    by_event: dict[str, list[str]] = {}
    for r in rows:
        by_event.setdefault(r["cluster"], []).extend(
            s for s in r["text"].splitlines() if len(s) > 30
        )
    out = []
    for sentences in by_event.values():
        counts: Counter[str] = name_counts("\n".join(sentences))
        out.append((sentences, [n for n, _ in counts.most_common(8)]))
    return out


def generate(rows: list[dict[str, Any]], n: int, seed: int = 0) -> Iterator[GenArticle]:
    """Yield ``n`` articles; events have 1-12 articles and one event starts every ~3 hours."""
    rng = random.Random(seed)
    sources = _sources(rows)
    made = event = 0
    while made < n:
        sentences, names = rng.choice(sources)
        mapping = {nm: _pseudo_name(rng) for nm in names}
        alternatives = "|".join(map(re.escape, names))
        pattern = re.compile(rf"\b({alternatives})\b", re.I) if names else None
        when = _START + timedelta(hours=3 * event)
        for k in range(min(rng.randint(1, 12), n - made)):
            picked = rng.sample(sentences, min(len(sentences), rng.randint(4, 8)))
            text = "\n".join(picked)
            if pattern is not None:
                text = pattern.sub(partial(_rename, mapping), text)
            date = when + timedelta(minutes=rng.randint(0, 2880))
            yield GenArticle(f"g{made}", text.splitlines()[0], text, date, event)
            made += 1
            del k
        event += 1
