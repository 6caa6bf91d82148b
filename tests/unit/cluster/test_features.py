from __future__ import annotations

from newsweave.cluster.features import content_terms, extract, name_counts, normalize


def _numbers(text: str) -> tuple[frozenset[str], frozenset[str]]:
    """The ``(numbers, years)`` keys :func:`extract` finds in a body."""
    features = extract("a", "", text)
    return features.numbers, features.years


def test_names_skip_sentence_starters_and_lowercase_words():
    text = "Police said Anna Kovacs led the crew.\nThe police thanked Kovacs."
    names = name_counts(text)
    assert "kovacs" in names
    assert "anna" in names
    assert "police" not in names
    assert "the" not in names


def test_names_count_mentions_and_possessives():
    names = name_counts("Yesterday Kovacs spoke.\nThen Kovacs's crew left and Kovacs rested.")
    assert names["kovacs"] == 3


def test_title_case_line_does_not_make_common_words_names():
    names = name_counts(
        "Fire Destroys Large Harbour Warehouse\nA fire hit the harbour, Reyes said."
    )
    assert "destroys" not in names
    assert "warehouse" not in names
    assert "reyes" in names


def test_split_decimal_is_repaired():
    assert normalize("a 4. 6 magnitude quake") == "a 4.6 magnitude quake"
    numbers, years = _numbers("A 4. 6 quake in 2013 hurt 1,200 people")
    assert numbers == {"4.6", "1200"}
    assert years == {"2013"}


def test_content_terms_drop_stopwords_and_numbers():
    terms = content_terms("The fire and the 40 firefighters")
    assert terms == {"fire": 1, "firefighters": 1}


def test_extract_uses_given_entities_instead_of_capitals():
    feats = extract("x", "Kovacs speaks", "Kovacs spoke in Marlow.", entities=["ent:1", "ent:2"])
    assert feats.entities == frozenset({"ent:1", "ent:2"})


def test_extract_boosts_title_terms_and_finds_headline_names():
    feats = extract("x", "Marlow fire", "Marlow fire.\nThe fire in Marlow was big, Reyes said.")
    assert feats.terms["fire"] > 1
    assert feats.lead_entities == frozenset({"marlow"})
