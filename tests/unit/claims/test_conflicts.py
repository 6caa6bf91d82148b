from __future__ import annotations

from collections.abc import Callable

from newsweave.claims.conflicts import conflict_field
from newsweave.claims.units import ClaimUnit

Parse = Callable[[str], list[ClaimUnit]]


def _field(units: Parse, a: str, b: str) -> str | None:
    found = conflict_field(units(a)[0], units(b)[0])
    return found[0] if found else None


def test_each_field_is_found(units: Parse) -> None:
    assert (
        _field(
            units,
            "Kim has made seven trips abroad as leader.",
            "Kim has made eight trips abroad as leader.",
        )
        == "number"
    )
    assert (
        _field(
            units,
            "Their first meeting was held in Vladivostok in 2019.",
            "Their first meeting was held in Vladivostok in 2018.",
        )
        == "date"
    )
    assert (
        _field(
            units,
            "The trade talks were held in Marrowby on Tuesday.",
            "The trade talks were held in Port Ilse on Tuesday.",
        )
        == "place"
    )
    assert (
        _field(
            units,
            "The council elected Dana Morrow as its new chair.",
            "The council elected Petra Lund as its new chair.",
        )
        == "person"
    )
    assert (
        _field(
            units,
            "The two sides agreed on a schedule for night landings.",
            "The two sides did not agree on a schedule for night landings.",
        )
        == "polarity"
    )


def test_agreeing_statements_in_other_words_are_not_conflicts(units: Parse) -> None:
    assert (
        _field(
            units,
            "Kim has made seven trips abroad as leader.",
            "Kim has made 7 trips abroad as leader.",
        )
        is None
    )
    assert (
        _field(
            units,
            "Kim Jong Un arrived in Russia by train on Tuesday.",
            "Kim arrived in Russia by train on Tuesday.",
        )
        is None
    )
    assert (
        _field(
            units,
            "The minister may not attend the summit in Halden.",
            "The minister will attend the summit in Halden.",
        )
        is None
    )


def test_polarity_needs_the_same_verb_or_a_denial_of_the_same_object(units: Parse) -> None:
    assert (
        _field(
            units,
            "Mayor Alina Voss will not seek a third term in office.",
            "Mayor Alina Voss said she will step down at the end of her term.",
        )
        is None
    )
    assert (
        _field(
            units,
            "The nurses accepted the new contract by a large majority.",
            "The nurses rejected the new contract by a large majority.",
        )
        == "polarity"
    )


def test_relative_dates_conflict_after_normalization(nlp) -> None:  # type: ignore[no-untyped-def]
    from datetime import date

    from newsweave.claims.units import units_of

    def unit(text: str, published: date) -> ClaimUnit:
        return units_of(nlp(text), "a", published)[0]

    wed, thu = date(2023, 9, 13), date(2023, 9, 14)
    tuesday = unit("The ministers signed the river treaty on Tuesday.", wed)
    assert tuesday.dates == ("2023-09-12",)
    same_day = unit("The ministers signed the river treaty on Tuesday.", thu)
    assert conflict_field(tuesday, same_day) is None
    monday = unit("The ministers signed the river treaty on Monday.", wed)
    found = conflict_field(tuesday, monday)
    assert found is not None
    assert found[0] == "date"
