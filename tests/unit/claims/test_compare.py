from __future__ import annotations

from collections.abc import Callable

import numpy as np

from newsweave.claims.codec import comparison_from_json, comparison_to_json
from newsweave.claims.compare import compare_units, fact_notes
from newsweave.claims.facts import MAX_CANDIDATES, candidates
from newsweave.claims.scorer import load_scorer
from newsweave.claims.sources import source_groups
from newsweave.claims.units import ClaimUnit
from newsweave.model import Article, ProvenanceEdge

Parse = Callable[..., list[ClaimUnit]]
A = (
    "The storm damaged seven piers along the Marrowby waterfront on Monday. "
    "Repairs are expected to last through the spring, the port authority said. "
    "The ferry company will hire twelve extra crew members for the summer."
)
B = (
    "Seven piers along the waterfront in Marrowby were damaged by the storm on Monday. "
    "The port authority said repairs could last through the spring. "
    "A local school was closed for the day because of flooding."
)


def _compare(units: Parse, texts: dict[str, str], edges: list[ProvenanceEdge] | None = None):
    arts = [Article(id=k, title=k, text=v, source=f"Outlet {k}") for k, v in texts.items()]
    all_units = [u for k, v in texts.items() for u in units(v, k)]
    groups = source_groups(arts, edges or [])
    copies = {e.child: e.parent for e in edges or []}
    empty = np.zeros((0, 0), dtype=np.float32)
    return compare_units("st_1", all_units, empty, groups, load_scorer("none"), copies)


def test_shared_facts_are_corroborated_and_the_rest_single_source(units: Parse) -> None:
    comparison = _compare(units, {"a": A, "b": B})
    corroborated = [f for f in comparison.facts if f.status == "corroborated"]
    assert len(corroborated) == 2
    assert all(f.independent_sources == 2 for f in corroborated)
    singles = {f.claims[0].article for f in comparison.facts if f.status == "single_source"}
    assert singles == {"a", "b"}
    repairs = next(f for f in corroborated if "spring" in f.text)
    assert "hedged in 2 of 2 claims" in fact_notes(repairs)
    assert any(n.startswith("reported by") for n in fact_notes(repairs))


def test_a_copy_adds_no_source_and_changes_no_alignment(units: Parse) -> None:
    before = _compare(units, {"a": A, "b": B})
    edge = ProvenanceEdge(child="c", parent="a", kind="exact", score=1.0)
    after = _compare(units, {"a": A, "b": B, "c": A}, [edge])
    count = sorted(f.independent_sources for f in before.facts)
    assert sorted(f.independent_sources for f in after.facts) == count
    crew = next(f for f in after.facts if "crew" in f.text)
    assert crew.status == "single_source"
    assert {c.article for c in crew.claims} == {"a", "c"}


def test_conflict_names_the_field_values_and_sources(units: Parse) -> None:
    c = _compare(units, {"a": A, "b": B.replace("Seven piers", "Nine piers")})
    (fact,) = [f for f in c.facts if f.status == "conflicting"]
    assert fact.conflict is not None
    assert fact.conflict.field == "number"
    values = {v.value for v in fact.conflict.values}
    assert values == {"7 piers", "9 piers"}
    assert all(len(v.sources) == 1 for v in fact.conflict.values)


def test_json_codec_round_trips(units: Parse) -> None:
    c = _compare(units, {"a": A, "b": B.replace("Seven piers", "Nine piers")})
    data = comparison_to_json(c)
    assert comparison_from_json(data) == c
    fact = data["facts"][0]
    assert set(fact) >= {"id", "text", "status", "independent_sources", "sources", "claims"}


def test_candidates_are_bounded_per_unit(units: Parse) -> None:
    text = "The council approved the harbour budget for the new year on Monday."
    many = [u for n in range(60) for u in units(text, f"art{n}")]
    pairs, support = candidates(many)
    per_unit: dict[int, int] = {}
    for i, j in pairs:
        per_unit[i] = per_unit.get(i, 0) + 1
        per_unit[j] = per_unit.get(j, 0) + 1
    assert len(pairs) <= MAX_CANDIDATES * len(many)
    assert all(0.0 <= s <= 1.0 + 1e-9 for s in support)


def test_a_speaker_is_the_name_before_its_apposition_and_never_a_bare_pronoun() -> None:
    from newsweave.claims.compare import speaker

    assert speaker("Teodor Vance, chief engineer of the harbour authority,") == "Teodor Vance"
    assert speaker("the Coastal Works Safety Board") == "the Coastal Works Safety Board"
    assert speaker("He") is None
    assert speaker(None) is None


def test_claims_aligned_on_shared_keys_alone_never_conflict(units: Parse) -> None:
    texts = {
        "a": "Swiftline Depot, the largest tenant at Kilnworth, said it expected to handle "
        "about 15 percent fewer parcels than normal on Wednesday.",
        "b": "Lise-Marie Okafor of Swiftline Depot at Kilnworth said the terminal was "
        "handling around 60 percent of its normal volume on Wednesday.",
    }
    comparison = _compare(units, texts)
    together = [f for f in comparison.facts if len(f.claims) == 2]
    assert together  # aligned: most rare keys are shared (the support rule)
    scorer = load_scorer("none")
    a, b = (units(t, k)[0] for k, t in texts.items())
    assert scorer.score([a.text], [b.text], *(np.zeros((1, 0)),) * 2)[0] < scorer.threshold
    assert all(f.status != "conflicting" for f in comparison.facts)


def test_one_count_with_two_values_joins_the_facts_as_a_conflict(units: Parse) -> None:
    texts = {
        "a": "A gantry crane collapsed at the Eastmere terminal early on Tuesday, injuring "
        "four dock workers and closing the quay for two days.",
        "b": "Five workers were injured on Tuesday morning when a giant crane toppled at "
        "the Eastmere terminal in Port Calloway.",
    }
    comparison = _compare(units, texts)
    (fact,) = [f for f in comparison.facts if len(f.claims) == 2]
    assert fact.status == "conflicting"
    assert fact.conflict is not None
    assert fact.conflict.field == "number"
    assert sorted(v.value for v in fact.conflict.values) == ["4 workers", "5 workers"]
