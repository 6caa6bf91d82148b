from __future__ import annotations

from collections.abc import Callable

from newsweave.claims.units import ClaimUnit, stem

Parse = Callable[[str], list[ClaimUnit]]


def test_attribution_by_reporting_verb_is_kept_apart_from_the_claim(units: Parse) -> None:
    (unit,) = units("The port authority reported that the storm damaged seven piers in Marrowby.")
    assert unit.attribution == "The port authority"
    assert "report" not in unit.keys
    assert "authority" not in unit.keys
    assert (7.0, "pier") in unit.quantities
    assert unit.attribution_span is not None
    start, end = unit.attribution_span
    assert unit.text[start:end] == "The port authority"


def test_according_to_and_trailing_said_are_attributions(units: Parse) -> None:
    (first,) = units("According to the coastguard, four crew members were rescued from a raft.")
    (second,) = units("Four crew members were rescued from a raft, the coastguard said.")
    assert first.attribution == "the coastguard"
    assert second.attribution == "the coastguard"
    assert not first.hedged
    assert not second.hedged


def test_hedges_are_found_from_modals_adverbs_and_verbs(units: Parse) -> None:
    texts = [
        "The minister may attend the summit in Halden next week.",
        "The deal could potentially be signed before the end of the month.",
        "The meeting is expected to take place after the forum in Halden.",
        "Analysts speculate that the two firms will merge this year.",
    ]
    assert all(units(t)[0].hedged for t in texts)
    assert not units("The minister attended the summit in Halden last week.")[0].hedged


def test_negation_denial_and_no_object(units: Parse) -> None:
    assert units("The two sides did not agree on a new schedule for landings.")[0].negated
    assert units("The council never approved the funding for the stadium.")[0].negated
    assert units("Investigators found no evidence of arson at the warehouse.")[0].negated
    assert units("Teachers rejected the government's pay offer after a meeting.")[0].negated
    assert not units("The two sides agreed on a new schedule for landings.")[0].negated


def test_coordinated_clauses_with_their_own_subjects_are_split(units: Parse) -> None:
    split = units("The mayor opened the bridge on Monday, and the council approved a new budget.")
    assert len(split) == 2
    assert split[0].text.startswith("The mayor")
    assert split[1].text.startswith("the council")


def test_numbers_in_words_and_several_words(units: Parse) -> None:
    (unit,) = units("His novel sold four thousand copies in its first month.")
    assert (4000.0, "copy") in unit.quantities
    (tenure,) = units("He made seven trips abroad during his 12-year tenure as leader.")
    assert tenure.quantities == ((7.0, "trip"),)


def test_names_fill_slots_that_fold_passives(units: Parse) -> None:
    (active,) = units("Ines Moreau won the sailing race after a late tack.")
    (passive,) = units("The sailing race was won by Ines Moreau after a late tack.")
    assert ("subj>win", "ines moreau") in {s[:2] for s in active.slots}
    assert ("subj>win", "ines moreau") in {s[:2] for s in passive.slots}
    (place,) = units("The talks between the ministers were held in Saltmere on Friday.")
    assert any(s[0] == "in>hold" and s[2] == "place" for s in place.slots)


def test_short_fragments_are_not_units(units: Parse) -> None:
    assert units("Leave a Reply") == []


def test_units_round_trip_through_json(units: Parse) -> None:
    for unit in units("South Korea's military reported that Kim's train entered Russia in 2023."):
        assert ClaimUnit.from_json(unit.to_json()) == unit


def test_stem_joins_derived_words() -> None:
    assert stem("arrival") == stem("arrive")
    assert stem("discussion") == stem("discuss")
    assert stem("aid") == "aid"


def test_a_dateline_is_neither_a_claim_nor_a_source(units: Parse) -> None:
    found = units(
        "PORT CALLOWAY, 13 May 2025\n\n"
        "PORT CALLOWAY — The dockworkers' union at Port Calloway says it warned managers "
        "about a fault in the crane three months ago."
    )
    assert len(found) == 1  # the dateline line has no verb: not a claim
    assert found[0].attribution is not None
    assert "PORT CALLOWAY" not in found[0].attribution
    assert "union" in found[0].attribution


def test_counts_and_amounts_carry_the_verb_they_depend_on(units: Parse) -> None:
    (active,) = units("A crane collapsed on Tuesday, injuring four dock workers at the quay.")
    (passive,) = units("Five workers were injured on Tuesday when a crane toppled at the quay.")
    (money,) = units("The crane was valued at about $14 million when it was refurbished.")
    (share,) = units("The terminal was handling around 60 percent of its normal volume.")
    assert (4.0, "worker", "injure") in active.measures
    assert (5.0, "worker", "injure") in passive.measures
    assert money.measures == ((14e6, "$", "value"),)
    assert share.measures == ()  # a share of what is not said here: nothing to compare
