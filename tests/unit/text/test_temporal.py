from __future__ import annotations

from datetime import date

import pytest

from newsweave.text.temporal import TimeValue, find, normalize

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


@pytest.mark.parametrize("expression", ["12-year tenure", "for three days", "may"])
def test_durations_and_the_modal_may_are_not_dates(expression: str) -> None:
    assert normalize(expression, WEDNESDAY) is None


def test_a_week_gives_the_month_that_holds_it_or_its_year() -> None:
    assert str(normalize("last week", date(2023, 9, 13))) == "2023-09"
    assert str(normalize("last week", date(2023, 10, 3))) == "2023"  # Sept 25 - Oct 1
    assert normalize("this week", date(2023, 1, 1)) is None  # Dec 26 - Jan 1: no one year


def test_find_gives_every_date_of_a_text_with_offsets() -> None:
    text = (
        "On Tuesday the council met. Their first meeting was held in 2019. He served a "
        "12-year tenure. Talks resume next month, on March 3, 2024."
    )
    found = find(text, WEDNESDAY)
    assert [(m.expression, str(m.value)) for m in found] == [
        ("On Tuesday", str(normalize("on Tuesday", WEDNESDAY))),
        ("2019", "2019"),
        ("next month", str(normalize("next month", WEDNESDAY))),
        ("March 3, 2024", "2024-03-03"),
    ]
    assert all(text[m.start : m.end] == m.expression for m in found)


def test_find_reads_month_names_only_capitalized_and_years_not_counts() -> None:
    text = "Crowds may march today. 1900 troops left. Since 1990 prices rose. It opened in May."
    found = [m.expression for m in find(text, WEDNESDAY)]
    assert found == ["today", "1990", "May"]


def test_find_puts_a_yearless_past_month_in_the_year_before() -> None:
    anchor = date(2025, 5, 13)
    assert [str(m.value) for m in find("He was hired in October.", anchor)] == ["2024-10"]
    assert [str(m.value) for m in find("It will open in October.", anchor)] == ["2025-10"]
    assert [str(m.value) for m in find("a check in November last year", anchor)] == ["2024-11"]


def test_find_without_an_anchor_keeps_only_dates_written_in_full() -> None:
    assert [m.expression for m in find("On Tuesday, as in June 2019, they met.")] == ["June 2019"]


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
