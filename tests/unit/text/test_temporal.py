from __future__ import annotations

from datetime import date

import pytest

from newsweave.text.temporal import TimeValue, normalize

WEDNESDAY = date(2023, 9, 13)


@pytest.mark.parametrize(
    ("expression", "expected"),
    [
        ("on Tuesday", "2023-09-12"),
        ("Wednesday", "2023-09-13"),
        ("last Wednesday", "2023-09-06"),
        ("next Monday", "2023-09-18"),
        ("yesterday", "2023-09-12"),
        ("next month", "2023-10"),
        ("last month", "2023-08"),
        ("December", "2023-12"),
        ("this year", "2023"),
        ("in 2019", "2019"),
        ("March 3", "2023-03-03"),
        ("3 March 2024", "2024-03-03"),
        ("Sept. 12, 2023", "2023-09-12"),
        ("September 2023", "2023-09"),
        ("2021-06-30", "2021-06-30"),
    ],
)
def test_expressions_normalize_against_the_anchor(expression: str, expected: str) -> None:
    value = normalize(expression, WEDNESDAY)
    assert value is not None
    assert str(value) == expected


@pytest.mark.parametrize("expression", ["12-year tenure", "for three days", "last week", "may"])
def test_durations_weeks_and_the_modal_may_are_not_dates(expression: str) -> None:
    assert normalize(expression, WEDNESDAY) is None


def test_relative_dates_need_an_anchor_absolute_ones_do_not() -> None:
    assert normalize("on Tuesday") is None
    assert str(normalize("in 2019")) == "2019"
    assert str(normalize("February 30, 2023")) == "2023"  # no such day: the year stands


def test_overlap_is_containment() -> None:
    year = TimeValue(date(2019, 1, 1), "year")
    day = TimeValue(date(2019, 6, 3), "day")
    other = TimeValue(date(2018, 6, 3), "day")
    assert year.overlaps(day)
    assert day.overlaps(year)
    assert not other.overlaps(year)
