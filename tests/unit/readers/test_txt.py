from __future__ import annotations

from newsweave.readers.txt import parse_txt, split_headline
from newsweave.stages.clean import clean_article

LEAD = (
    "Residents of Orlen Bay woke on Tuesday to find the harbour wall breached in three places, "
    "and the council said repairs could take until the end of the summer season at the earliest."
)


def test_short_single_line_first_block_is_the_headline():
    headline, body = split_headline(f"Harbour wall breached in storm\n\n{LEAD}")
    assert headline == "Harbour wall breached in storm"
    assert body == LEAD


def test_a_lead_paragraph_is_not_a_headline():
    text = f"{LEAD} More followed.\n\nA second paragraph."
    headline, body = split_headline(text)
    assert headline is None
    assert body.startswith("Residents of Orlen Bay")


def test_title_is_derived_by_cleaning_when_there_is_no_headline():
    article = parse_txt("x.txt", f"{LEAD}\n\nA second paragraph.")
    assert article.title == ""
    cleaned = clean_article(article)
    assert cleaned.title.startswith("Residents of Orlen Bay woke")
    assert cleaned.text.startswith("Residents of Orlen Bay")


def test_same_text_gives_same_id():
    first = parse_txt("a.txt", f"Title\n\n{LEAD}")
    second = parse_txt("b.txt", f"Title\n\n{LEAD}")
    assert first.id == second.id
    assert first.origin == "a.txt"
