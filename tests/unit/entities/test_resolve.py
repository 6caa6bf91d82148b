from __future__ import annotations

from newsweave.entities.ner import NamedSpan
from newsweave.entities.resolve import (
    EntityTable,
    MentionInput,
    ResolveConfig,
    RoleInput,
    resolve,
)
from newsweave.entities.roles import RoleSpan
from newsweave.model import Entity


def _mentions(article: str, story: str | None, *items: tuple[str, str]) -> list[MentionInput]:
    out, pos = [], 0
    for text, label in items:
        out.append(
            MentionInput(
                article_id=article,
                story_id=story,
                span=NamedSpan(text=text, start=pos, end=pos + len(text), label=label),
            )
        )
        pos += len(text) + 10
    return out


def _by_name(table: EntityTable) -> dict[str, Entity]:
    return {e.name: e for e in table.entities()}


def test_spelling_variants_make_one_entity_across_documents() -> None:
    ms = _mentions("a1", "s1", ("Tomas Arkwright", "PERSON"), ("Tomas Arkwright\u2019s", "PERSON"))
    ms += _mentions("a2", "s2", ("tomas arkwright", "PERSON"), ("Tomas-Arkwright", "PERSON"))
    res = resolve(EntityTable(), ms)
    assert len({m.entity_id for m in res.mentions}) == 1
    entity = res.table.entities()[0]
    assert entity.name == "Tomas Arkwright"
    assert set(entity.aliases) == {"tomas arkwright", "Tomas-Arkwright"}


def test_surname_goes_to_the_dominant_full_name_in_its_story() -> None:
    ms = _mentions(
        "a1",
        "s1",
        ("Tomas Arkwright", "PERSON"),
        ("Tomas Arkwright", "PERSON"),
        ("Lena Arkwright", "PERSON"),
        ("Arkwright", "PERSON"),
    )
    res = resolve(EntityTable(), ms)
    ids = [m.entity_id for m in res.mentions]
    assert ids[3] == ids[0]
    assert ids[3] != ids[2]
    assert "Arkwright" in _by_name(res.table)["Tomas Arkwright"].aliases


def test_surname_is_refused_when_two_full_names_are_comparably_salient() -> None:
    ms = _mentions(
        "a1",
        "s1",
        ("Tomas Arkwright", "PERSON"),
        ("Lena Arkwright", "PERSON"),
        ("Arkwright", "PERSON"),
    )
    res = resolve(EntityTable(), ms)
    ids = [m.entity_id for m in res.mentions]
    assert len(set(ids)) == 3
    assert _by_name(res.table)["Arkwright"].aliases == ()


def test_surname_is_not_resolved_across_stories() -> None:
    first = resolve(EntityTable(), _mentions("a1", "s1", ("Tomas Arkwright", "PERSON")))
    second = resolve(first.table, _mentions("a2", "s2", ("Arkwright", "PERSON")))
    assert second.mentions[0].entity_id != first.mentions[0].entity_id


def test_first_name_and_surname_first_orders_are_partial_matches() -> None:
    ms = _mentions("a1", "s1", ("Oru Penn Vak", "PERSON"), ("Oru", "PERSON"), ("Vak", "PERSON"))
    res = resolve(EntityTable(), ms)
    assert len({m.entity_id for m in res.mentions}) == 1


def test_later_full_name_absorbs_an_earlier_surname_in_the_same_story() -> None:
    first = resolve(EntityTable(), _mentions("a1", "s1", ("Arkwright", "PERSON")))
    second = resolve(first.table, _mentions("a2", "s1", ("Tomas Arkwright", "PERSON")))
    old = first.mentions[0].entity_id
    assert second.redirects == {old: second.mentions[0].entity_id}
    assert old not in second.table.records
    assert "Arkwright" in second.table.records[second.mentions[0].entity_id].entity.aliases


def test_acronyms_meet_long_forms_in_both_orders() -> None:
    res = resolve(
        EntityTable(),
        _mentions("a1", None, ("GHA", "ORG"), ("Global Harbor Authority", "ORG"), ("U.S.", "GPE"))
        + _mentions("a2", None, ("the United States", "GPE"), ("GH Authority", "ORG")),
    )
    names = _by_name(res.table)
    assert set(names) == {"Global Harbor Authority", "United States"}
    assert set(names["Global Harbor Authority"].aliases) == {"GHA", "GH Authority"}
    assert names["United States"].aliases == ("U.S.",)


def test_demonym_joins_a_known_place_only() -> None:
    res = resolve(
        EntityTable(),
        _mentions("a1", None, ("Zemblan", "NORP"), ("Zembla", "GPE"), ("Martians", "NORP")),
    )
    names = _by_name(res.table)
    assert names["Zembla"].aliases == ("Zemblan",)
    assert names["Martians"].label == "NORP"


def test_people_and_places_with_one_name_stay_apart() -> None:
    res = resolve(
        EntityTable(), _mentions("a1", None, ("Jordan Vale", "PERSON"), ("Jordan", "GPE"))
    )
    assert len(res.table.records) == 2


def test_ids_are_deterministic_and_the_input_table_is_unchanged() -> None:
    ms = _mentions("a1", "s1", ("Tomas Arkwright", "PERSON"), ("Arkwright", "PERSON"))
    base = resolve(EntityTable(), _mentions("a0", "s0", ("Zembla", "GPE")))
    before = dict(base.table.records)
    one, two = resolve(base.table, ms), resolve(base.table, ms)
    assert one.mentions == two.mentions
    assert one.table == two.table
    assert dict(base.table.records) == before


def test_incremental_equals_batch_for_full_names() -> None:
    a1 = _mentions("a1", "s1", ("Tomas Arkwright", "PERSON"), ("GHA", "ORG"))
    a2 = _mentions("a2", "s2", ("Global Harbor Authority", "ORG"), ("Tomas Arkwright", "PERSON"))
    batch = resolve(EntityTable(), a1 + a2)
    step = resolve(resolve(EntityTable(), a1).table, a2)
    assert batch.table.entities() == step.table.entities()


def test_roles_attach_to_the_entity_with_their_article() -> None:
    ms = _mentions("a1", "s1", ("Tomas Arkwright", "PERSON"))
    span = ms[0].span
    role = RoleInput(
        article_id="a1",
        role=RoleSpan(start=span.start, end=span.end, text="harbor master", kind="title"),
    )
    res = resolve(EntityTable(), ms, [role, role])
    roles = res.table.entities()[0].roles
    assert [(r.text, r.article_id) for r in roles] == [("harbor master", "a1")]


def test_value_labels_are_not_resolved_by_default() -> None:
    res = resolve(EntityTable(), _mentions("a1", None, ("2019", "DATE"), ("Zembla", "GPE")))
    assert [m.label for m in res.mentions] == ["GPE"]
    wide = ResolveConfig(labels=frozenset({"DATE", "GPE"}))
    assert (
        len(resolve(EntityTable(), _mentions("a1", None, ("2019", "DATE")), config=wide).mentions)
        == 1
    )


def test_records_round_trip_through_json() -> None:
    import json

    from newsweave.entities.resolve import record_from_json, record_to_json

    ms = _mentions("a1", "s1", ("Tomas Arkwright", "PERSON"), ("Lena Arkwright", "PERSON"))
    ms += _mentions("a1", "s1", ("Arkwright", "PERSON"), ("U.S.", "GPE"))
    span = ms[0].span
    role = RoleInput(
        article_id="a1", role=RoleSpan(start=span.start, end=span.end, text="mayor", kind="title")
    )
    table = resolve(EntityTable(), ms, [role]).table
    back = {
        k: record_from_json(json.loads(json.dumps(record_to_json(r))))
        for k, r in table.records.items()
    }
    assert back == dict(table.records)
    # a table rebuilt from stored records resolves new mentions exactly like the live one
    more = _mentions("a2", "s1", ("Tomas Arkwright", "PERSON"), ("United States", "GPE"))
    assert resolve(EntityTable(back), more) == resolve(table, more)
