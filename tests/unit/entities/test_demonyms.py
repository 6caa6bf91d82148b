from __future__ import annotations

import pytest

from newsweave.entities.demonyms import place_keys


@pytest.mark.parametrize(
    ("demonym", "place"),
    [
        ("North Korean", "north korea"),
        ("Russian", "russia"),
        ("Ukrainian", "ukraine"),
        ("Pakistani", "pakistan"),
        ("Chinese", "china"),
        ("Polish", "poland"),
        ("American", "united states"),
        ("North Koreans", "north korea"),
    ],
)
def test_place_keys_propose_the_place(demonym: str, place: str) -> None:
    assert place in place_keys(demonym)


def test_place_keys_of_nothing() -> None:
    assert place_keys("") == ()
