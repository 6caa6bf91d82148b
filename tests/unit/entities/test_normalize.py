from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from newsweave.entities.normalize import (
    acronym_variants,
    display_name,
    fold_quotes,
    looks_like_acronym,
    name_key,
    split_title,
    strip_possessive,
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("North Korea\u2019s", "North Korea"),
        ("North Korea's", "North Korea"),
        ("Jones'", "Jones"),
        ("Jones", "Jones"),
        ("Paris", "Paris"),
    ],
)
def test_strip_possessive(text: str, expected: str) -> None:
    assert strip_possessive(text) == expected


def test_hyphen_and_space_variants_share_a_key() -> None:
    assert name_key("Kim Jong-un") == name_key("Kim Jong Un") == "kim jong un"
    assert name_key("Chang Ho-jin") == name_key("CHANG HO JIN")
    assert name_key("Kim Jong\u2010un\u2019s") == "kim jong un"


def test_case_and_leading_the_are_folded() -> None:
    assert name_key("the United States") == name_key("United States") == "united states"
    assert display_name("The Kremlin") == "Kremlin"


@pytest.mark.parametrize(
    ("text", "title", "name"),
    [
        ("President Vladimir Putin", "President", "Vladimir Putin"),
        ("Adm. Kim Myong Sik", "Adm.", "Kim Myong Sik"),
        ("Navy Adm. Kim Myong Sik", "Navy Adm.", "Kim Myong Sik"),
        ("Vice Foreign Minister Chang Ho-jin", "Vice Foreign Minister", "Chang Ho-jin"),
        ("Marshals Ri Pyong Chol", "Marshals", "Ri Pyong Chol"),
        ("Navy Seals", "", "Navy Seals"),
        ("President", "", "President"),
    ],
)
def test_split_title(text: str, title: str, name: str) -> None:
    assert split_title(text) == (title, name)


def test_titles_are_only_stripped_when_asked() -> None:
    assert display_name("Foreign Ministry", titles=False) == "Foreign Ministry"
    assert display_name("Dr. Ada Quill") == "Ada Quill"


def test_acronym_variants_meet_short_forms() -> None:
    long_form = acronym_variants("United Nations Security Council")
    assert name_key("UN Security Council") in long_form
    assert "unsc" in long_form
    assert name_key("U.S.") in acronym_variants("United States")
    assert acronym_variants("Paris") == frozenset()


def test_looks_like_acronym() -> None:
    assert looks_like_acronym("U.S.")
    assert looks_like_acronym("NATO")
    assert not looks_like_acronym("Nato Summit")
    assert not looks_like_acronym("A")


def test_fold_quotes() -> None:
    assert fold_quotes("\u201cKim\u2019s\u201d") == '"Kim\'s"'


@given(st.text(max_size=40))
def test_name_key_is_idempotent(text: str) -> None:
    key = name_key(text)
    assert name_key(key) == key


def test_abbreviations_inside_names_are_spelled_out() -> None:
    assert name_key("Mt Cook") == name_key("Mount Cook") == "mount cook"
    assert name_key("Mt.") == "mt"


def test_role_nouns_are_split_off_person_names() -> None:
    assert split_title("Comedian Ada Quill") == ("Comedian", "Ada Quill")
