"""Number normalization (story features) on arbitrary text: never raises, stable, idempotent."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from newsweave.cluster.features import extract

numbers = st.integers(min_value=0, max_value=10**9)


def _numbers(text: str) -> tuple[frozenset[str], frozenset[str]]:
    """The ``(numbers, years)`` keys :func:`extract` finds in a body."""
    features = extract("a", "", text)
    return features.numbers, features.years


@given(st.text())
def test_number_keys_never_raise_and_hold_no_commas(text):
    found, years = _numbers(text)
    assert all("," not in key for key in found | years)
    assert all(key[:1].isdigit() for key in found | years)


@given(numbers)
def test_thousands_separators_do_not_change_the_key(n):
    with_commas, _ = _numbers(f"Officials counted {n:,} people.")
    plain, _ = _numbers(f"Officials counted {n} people.")
    assert with_commas == plain


@given(st.text())
def test_keys_are_a_fixed_point(text):
    found, years = _numbers(text)
    again, again_years = _numbers(" ".join(sorted(found | years)))
    assert again | again_years == found | years
