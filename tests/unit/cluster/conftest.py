from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest

from newsweave.backends.embed.hashing import HashingEmbedder
from newsweave.cluster.features import ArticleFeatures, extract, lead

# Two look-alike events (a harbour fire in two different towns, different people and
# numbers) written for these tests, three reports each.
EVENT_A = [
    (
        "Fire destroys Marlow harbour warehouse",
        "A fire destroyed a warehouse at Marlow harbour on Tuesday night.\n"
        "Fire chief Anna Kovacs said 40 firefighters fought the blaze for six hours.\n"
        "The warehouse belonged to Brightwater Fisheries, owner Tomas Reyes said.",
    ),
    (
        "Marlow warehouse fire: Brightwater Fisheries counts losses",
        "Brightwater Fisheries lost its Marlow harbour warehouse in Tuesday's fire.\n"
        "Tomas Reyes, the owner, thanked the 40 firefighters led by Anna Kovacs.\n"
        "Investigators in Marlow have not found the cause of the fire.",
    ),
    (
        "Investigators probe cause of Marlow harbour blaze",
        "Investigators began examining the burnt Brightwater Fisheries warehouse in Marlow.\n"
        "Chief Anna Kovacs said the Marlow fire started near the loading dock.\n"
        "Tomas Reyes said the company would rebuild at Marlow harbour.",
    ),
]
EVENT_B = [
    (
        "Blaze guts Quenby harbour boatyard",
        "A blaze gutted a boatyard at Quenby harbour early on Sunday.\n"
        "Fire officer Malik Osei said 25 firefighters needed four hours to control it.\n"
        "The boatyard is run by Hollis Marine, whose director Greta Lind was abroad.",
    ),
    (
        "Hollis Marine boatyard lost in Quenby fire",
        "Hollis Marine said its Quenby boatyard was lost in Sunday's blaze.\n"
        "Director Greta Lind praised the 25 firefighters and officer Malik Osei.\n"
        "Quenby harbour stayed closed while the fire was put out.",
    ),
    (
        "Quenby boatyard fire: officer Malik Osei describes night",
        "Malik Osei described the fight against the fire at the Quenby boatyard.\n"
        "Hollis Marine director Greta Lind said boats were moved out of Quenby harbour.\n"
        "Nobody was hurt in the Quenby fire.",
    ),
]

BASE_DATE = datetime(2024, 5, 1, tzinfo=UTC)


def make_articles(dated: bool = False) -> list[ArticleFeatures]:
    """The six test articles with hashing embeddings; ids a0..a2 and b0..b2."""
    emb = HashingEmbedder(dim=64)
    out = []
    for prefix, event in (("a", EVENT_A), ("b", EVENT_B)):
        for i, (title, text) in enumerate(event):
            date = BASE_DATE + timedelta(hours=i) if dated else None
            feats = extract(f"{prefix}{i}", title, text, date=date)
            vec = emb.encode([lead(title, text)])[0]
            out.append(replace(feats, embedding=vec))
    return out


@pytest.fixture
def articles() -> list[ArticleFeatures]:
    return make_articles()
