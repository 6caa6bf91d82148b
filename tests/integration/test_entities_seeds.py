"""Acceptance (issue 4): entities of the two seed articles, with roles.

Needs ``../shared/seeds`` (or ``NEWSWEAVE_SHARED``) and spaCy with the default model; skipped
otherwise. The boilerplate tail (from the lone "divya" byline on) and the duplicated headline of
seed 000 are stripped here until the cleaning stage does it.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from newsweave.entities.resolve import EntityTable, Resolution
from newsweave.entities.step import StoryArticle, run_entities
from newsweave.errors import MissingExtraError
from newsweave.model import Entity

ROOT = Path(__file__).resolve().parents[2]
SEEDS = Path(os.environ.get("NEWSWEAVE_SHARED", ROOT.parent / "shared")) / "seeds"

pytestmark = [pytest.mark.slow, pytest.mark.issue(4), pytest.mark.extra("entities")]


def _clean(text: str) -> str:
    lines = text.split("\n")
    if "divya" in lines:
        lines = lines[: lines.index("divya")]
    paras = [p for p in "\n".join(lines).split("\n\n") if p.strip()]
    if len(paras) > 1 and paras[0].strip() == paras[1].strip():
        paras = paras[1:]
    return "\n\n".join(paras)


@pytest.fixture(scope="module")
def seed_resolution() -> Resolution:
    if not SEEDS.is_dir():
        pytest.skip(f"no seeds at {SEEDS}")
    articles = [
        StoryArticle(article_id=p.stem, story_id="seed", text=_clean(p.read_text(encoding="utf-8")))
        for p in sorted(SEEDS.glob("*.txt"))
    ]
    try:
        resolution, _ = run_entities(articles, EntityTable())
    except MissingExtraError as exc:
        pytest.skip(str(exc))
    return resolution


@pytest.fixture
def entities(seed_resolution: Resolution) -> list[Entity]:
    return list(seed_resolution.table.entities())


def _one(entities: list[Entity], name: str) -> Entity:
    hits = [e for e in entities if e.name == name or name in e.aliases]
    assert len(hits) == 1, f"{name}: {[(e.name, e.aliases) for e in hits]}"
    return hits[0]


def test_kim_jong_un_is_one_entity_with_variants_and_surname(entities: list[Entity]) -> None:
    kim = _one(entities, "Kim Jong Un")
    assert {"Kim Jong-un", "Kim"} <= {kim.name, *kim.aliases}
    assert kim.label == "PERSON"
    assert any("leader" in r.text for r in kim.roles)


def test_putin_and_places_are_single_entities(entities: list[Entity]) -> None:
    putin = _one(entities, "Vladimir Putin")
    assert "Putin" in putin.aliases
    assert [r.text for r in putin.roles] == ["President"]
    for name in ("Russia", "North Korea", "Vladivostok"):
        assert _one(entities, name).label == "GPE"


def test_un_security_council_long_and_short_forms_meet(entities: list[Entity]) -> None:
    council = _one(entities, "UN Security Council")
    assert "United Nations Security Council" in {council.name, *council.aliases}


@pytest.mark.parametrize(
    ("name", "role"),
    [
        ("Kim Myong Sik", "Navy Adm."),
        ("Jo Chun Ryong", "responsible for munitions policies"),
        ("Pak Thae Song", "chairman of North Korea's space science and technology committee"),
        ("Choe Sun Hui", "foreign minister"),
        ("Ri Pyong Chol", "Korean People's Army Marshal"),
        ("Pak Jong Chon", "Korean People's Army Marshal"),
        ("Chang Ho-jin", "South Korean Vice Foreign Minister"),
    ],
)
def test_officials_are_separate_people_with_roles(
    entities: list[Entity], name: str, role: str
) -> None:
    person = _one(entities, name)
    assert person.label == "PERSON"
    assert person.aliases == ()
    assert role in [r.text for r in person.roles]
    assert all(r.article_id for r in person.roles)


def test_kim_never_goes_to_kim_myong_sik(seed_resolution: Resolution) -> None:
    sik = _one(list(seed_resolution.table.entities()), "Kim Myong Sik")
    assert [m.text for m in seed_resolution.mentions if m.entity_id == sik.id] == ["Kim Myong Sik"]


def test_no_boilerplate_entity(entities: list[Entity]) -> None:
    names = {n.casefold() for e in entities for n in (e.name, *e.aliases)}
    assert not names & {"divya", "leave a reply"}
