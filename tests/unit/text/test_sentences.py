from __future__ import annotations

from newsweave.text.sentences import derive_title, split_sentences


def test_splits_on_sentence_ends():
    text = "The port reopened. Ships queued for hours! Was it worth it? Officials said yes."
    assert split_sentences(text) == [
        "The port reopened.",
        "Ships queued for hours!",
        "Was it worth it?",
        "Officials said yes.",
    ]


def test_abbreviations_and_initials_do_not_split():
    text = "Navy Adm. Kim Myong Sik arrived. The U.S. Senate met with J. Ortega on Monday."
    assert split_sentences(text) == [
        "Navy Adm. Kim Myong Sik arrived.",
        "The U.S. Senate met with J. Ortega on Monday.",
    ]


def test_quotes_close_sentences():
    assert split_sentences('"We are ready." She left.') == ['"We are ready."', "She left."]


def test_derived_title_is_first_sentence_cut_on_a_word():
    assert derive_title("Short lead. More text.") == "Short lead."
    long = "word " * 60 + "end."
    title = derive_title(long)
    assert title.endswith("…")
    assert len(title) <= 121
