from __future__ import annotations

from newsweave.text.normalize import fingerprint, fold, normalize_text, paragraphs


def test_whitespace_and_blank_lines_are_collapsed():
    raw = "  Title  here \r\n\r\n\r\n\tBody\u00a0text\u200b  line.\n\n\n"
    assert normalize_text(raw) == "Title here\n\nBody text line."


def test_unicode_is_composed():
    assert normalize_text("Cafe\u0301") == "Café"


def test_line_separators_become_newlines():
    assert normalize_text("a\u2028b\u2029c\x85d") == "a\nb\nc\nd"


def test_control_characters_are_removed():
    assert normalize_text("a\x00b\x07c") == "abc"


def test_paragraphs_split_on_blank_lines():
    assert paragraphs("one\ntwo\n\nthree") == ["one\ntwo", "three"]


def test_fingerprint_ignores_case_and_spacing():
    assert fingerprint("Hello   World") == fingerprint("hello world")
    assert fingerprint("hello world") != fingerprint("hello there")
    assert fold("  A\tB ") == "a b"
