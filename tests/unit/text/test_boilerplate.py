from __future__ import annotations

from newsweave.text.boilerplate import strip_boilerplate

BODY = (
    "The Harlow Bridge will close for repairs on Monday, the county said.\n\n"
    "Engineers found cracks in two of its steel girders during an inspection last week."
)


def test_comment_form_tail_and_signature_are_removed():
    text = (
        BODY + "\n\nmarco\n\nLeave a Reply\n\nYour email address will not be published. "
        "Required fields are marked *\n\nGreat article!"
    )
    cleaned = strip_boilerplate(text)
    assert cleaned.text == BODY
    assert cleaned.removed[0] == "marco"
    assert "Leave a Reply" in cleaned.removed
    assert "Great article!" in cleaned.removed


def test_repeated_headline_at_top_is_removed():
    title = "Harlow Bridge to close for repairs"
    cleaned = strip_boilerplate(f"{title}\n\n{BODY}", title=title)
    assert cleaned.text == BODY
    assert cleaned.removed == (title,)


def test_share_subscribe_cookie_lines_are_removed():
    text = f"Share this:\n\n{BODY}\n\nSubscribe to our newsletter\n\nWe use cookies to improve"
    cleaned = strip_boilerplate(text)
    assert cleaned.text == BODY
    assert len(cleaned.removed) == 3


def test_related_links_list_is_removed():
    text = f"{BODY}\n\nRelated posts:\nCounty budget passes\nNew ferry route opens"
    cleaned = strip_boilerplate(text)
    assert cleaned.text == BODY
    assert "New ferry route opens" in cleaned.removed


def test_bylines_are_removed():
    cleaned = strip_boilerplate(f"By Jane Ortega\n\n{BODY}")
    assert cleaned.text == BODY
    assert cleaned.removed == ("By Jane Ortega",)


def test_article_text_is_untouched():
    assert strip_boilerplate(BODY).text == BODY
    assert strip_boilerplate(BODY).removed == ()


def test_comment_marker_early_in_text_only_drops_that_line():
    text = f"Leave a comment\n\n{BODY}\n\n{BODY}"
    cleaned = strip_boilerplate(text)
    assert cleaned.text == f"{BODY}\n\n{BODY}"


def test_a_lead_sentence_equal_to_the_title_is_kept():
    # ECB+-style: the title is the first sentence, which runs on into its paragraph.
    text = "Storm hits the coast.\nThousands lost power overnight."
    assert strip_boilerplate(text, title="Storm hits the coast.").text == text


def test_a_text_that_is_only_the_headline_is_kept():
    assert strip_boilerplate("Storm hits the coast.", title="Storm hits the coast.").text == (
        "Storm hits the coast."
    )


def test_notes_to_the_reader_are_removed():
    notes = [
        "This article was updated at 14:20 to include the number of vessels being diverted.",
        "Correction: an earlier version misspelled the engineer's name.",
        "Editor’s note: names have been changed.",
        "Samir Haddow can be reached at shaddow@northgatepost.example.",
        "Mira Solberg contributed reporting from Fenholt.",
    ]
    cleaned = strip_boilerplate("\n\n".join([notes[0], BODY, *notes[1:]]))
    assert cleaned.text == BODY
    assert cleaned.removed == tuple(notes)


def test_sentences_that_only_mention_updates_or_contacts_are_kept():
    kept = (
        "The county said the bridge timetable was updated on Monday.\n\n"
        "Residents who contributed to the appeal can be reached by the council by post."
    )
    assert strip_boilerplate(kept).text == kept
