from __future__ import annotations

from datetime import UTC, datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from trafilatura.utils import load_html

from newsweave.errors import InputError
from newsweave.readers._html_meta import find_published, parse_datetime
from newsweave.readers._html_text import (
    choose_body,
    drop_boilerplate_lines,
    drop_title_lines,
    extend_with_sibling_chunks,
    page_blocks,
)
from newsweave.readers.html import Extracted, extract_html

HEADLINE = "Harbour town opens floating library for winter"

PARAGRAPHS = (
    "The fictional harbour town of Lowmere opened a floating library on Tuesday, moored at "
    "the old ferry pier, after three years of fundraising by local volunteers.",
    "The converted barge holds about four thousand books, a reading room heated by solar "
    "panels and a small stage for children's story hours on weekend mornings.",
    "Librarian Ada Penhallow said the idea came from fishermen who wanted somewhere quiet "
    "to read during storms, when boats stay in port for days at a time.",
    "The town council agreed to cover mooring fees for five years, and a regional arts fund "
    "paid for the shelves, which are bolted down so that books survive rough weather.",
)

NAV = (
    "<nav><ul><li><a href='/'>Home</a></li><li><a href='/news'>News</a></li>"
    "<li><a href='/sport'>Sport</a></li><li><a href='/weather'>Weather</a></li></ul></nav>"
)
FOOTER = (
    "<footer><p>Copyright 2024 The Lowmere Gazette. All rights reserved.</p>"
    "<p><a href='/privacy'>Privacy policy</a> | <a href='/terms'>Terms of use</a></p></footer>"
)
COMMENT_FORM = (
    "<div id='respond' class='comment-respond'><h3>Leave a reply</h3>"
    "<form action='/comment' method='post'><label>Your name</label><input name='n'>"
    "<label>Your comment about this story</label><textarea name='c'></textarea>"
    "<button>Post comment</button></form></div>"
)


def article_page(*, head_extra: str = "", body_extra: str = "", h1: str = HEADLINE) -> str:
    paras = "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    return (
        "<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>"
        f"<title>{HEADLINE} | The Lowmere Gazette</title>"
        f"<meta property='og:title' content='{HEADLINE}'>"
        "<meta property='og:site_name' content='The Lowmere Gazette'>"
        "<meta name='author' content='Morwenna Tregear'>"
        "<meta property='article:published_time' content='2024-03-05T14:30:00+01:00'>"
        f"{head_extra}</head><body>{NAV}"
        f"<main><article><h1>{h1}</h1>{paras}{body_extra}</article>{COMMENT_FORM}</main>"
        f"{FOOTER}</body></html>"
    )


def test_extracts_body_title_date_and_metadata():
    got = extract_html(article_page(), url="https://gazette.example/lib")
    assert isinstance(got, Extracted)
    assert got.title == HEADLINE
    assert got.text.split("\n\n") == list(PARAGRAPHS)
    assert got.date == datetime(2024, 3, 5, 13, 30, tzinfo=UTC)
    assert got.author == "Morwenna Tregear"
    assert got.site == "The Lowmere Gazette"
    assert got.url == "https://gazette.example/lib"


def test_drops_nav_footer_and_comment_form_and_reports_them_as_removed():
    got = extract_html(article_page())
    for boilerplate in ("Weather", "Copyright", "Privacy policy", "Leave a reply", "Post comment"):
        assert boilerplate not in got.text
    removed = " ".join(got.removed)
    assert "All rights reserved" in removed
    assert "Leave a reply" in removed
    assert not any("floating library on Tuesday" in block for block in got.removed)


def test_headline_copy_at_top_of_body_is_not_in_text():
    got = extract_html(article_page())
    assert HEADLINE not in got.text
    assert got.text.startswith("The fictional harbour town")


def test_related_link_teaser_is_dropped():
    teaser = (
        "<p><a href='/other'>Related: Lowmere lighthouse keeper retires after forty years</a></p>"
    )
    page = article_page(
        body_extra=teaser + "<p>" + PARAGRAPHS[0].replace("Tuesday", "Friday") + "</p>"
    )
    got = extract_html(page)
    assert "lighthouse keeper" not in got.text
    assert any("lighthouse keeper" in block for block in got.removed)


def test_bytes_in_a_legacy_encoding_are_decoded():
    page = article_page().replace("charset='utf-8'", "charset='iso-8859-1'")
    page = page.replace("Penhallow", "Pénhallow")
    got = extract_html(page.encode("iso-8859-1"))
    assert "Librarian Ada Pénhallow said" in got.text


def test_site_falls_back_to_host_and_date_may_be_missing():
    page = (
        "<html><head><title>Quiet week</title></head><body><article>"
        + "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
        + "</article></body></html>"
    )
    got = extract_html(page, url="https://www.gazette.example/quiet")
    assert got.site in {"gazette.example", "www.gazette.example"}
    assert got.date is None


def test_page_without_article_raises_no_article():
    page = f"<html><head><title>Index</title></head><body>{NAV}{FOOTER}</body></html>"
    with pytest.raises(InputError) as err:
        extract_html(page, path="index.html")
    assert err.value.reason == "no_article"
    assert err.value.path == "index.html"


@pytest.mark.parametrize("page", [b"", "", "   \n\t ", b"  \n"])
def test_empty_input_raises_empty(page: str | bytes):
    with pytest.raises(InputError) as err:
        extract_html(page, path="blank.html")
    assert err.value.reason == "empty"


@pytest.mark.parametrize(
    "page",
    [
        "<<<div><span></p></div>>",
        "<html><body><div><p></p><span> </span></div></body></html>",
        "<html><head><script>var x = 1;</script></head><body><!-- nothing --></body>",
    ],
)
def test_malformed_html_without_text_raises_no_article(page: str):
    with pytest.raises(InputError) as err:
        extract_html(page)
    assert err.value.reason == "no_article"


def test_parse_datetime_normalises_to_utc():
    assert parse_datetime("2024-03-05T14:30:00Z") == datetime(2024, 3, 5, 14, 30, tzinfo=UTC)
    assert parse_datetime("2024-03-05T09:30:00-05:00") == datetime(2024, 3, 5, 14, 30, tzinfo=UTC)
    assert parse_datetime("2024-03-05") == datetime(2024, 3, 5, tzinfo=UTC)
    assert parse_datetime("2024-03-05 14:30:00 +0100") == datetime(2024, 3, 5, 13, 30, tzinfo=UTC)
    assert parse_datetime("2024-03-05T14:30:00 EST") == datetime(2024, 3, 5, 14, 30, tzinfo=UTC)
    assert parse_datetime("last Tuesday") is None
    assert parse_datetime("0001-01-01") is None


def test_find_published_reads_json_ld_and_falls_back():
    tree = load_html(
        "<html><head><script type='application/ld+json'>"
        '{"@graph": [{"@type": "NewsArticle", "datePublished": "2023-07-01T08:00:00+02:00"}]}'
        "</script></head><body><p>x</p></body></html>"
    )
    assert find_published(tree) == datetime(2023, 7, 1, 6, 0, tzinfo=UTC)
    bare = load_html("<html><head></head><body><p>No dates here at all.</p></body></html>")
    assert find_published(bare, "2022-12-31") == datetime(2022, 12, 31, tzinfo=UTC)
    assert find_published(bare) is None


def test_choose_body_prefers_precise_text_while_sizes_agree():
    assert choose_body("a" * 60, "b" * 100) == "a" * 60
    assert choose_body("a" * 40, "b" * 100) == "b" * 100  # precise lost over half
    assert choose_body("a" * 250, "b" * 100) == "b" * 100  # precise grabbed a bigger block
    assert choose_body("", "b") == "b"
    assert choose_body("a", "") == "a"


def test_sibling_chunks_of_a_split_article_are_added_in_order():
    first = [
        f"First chunk paragraph {i} talks about the harbour library and its shelves."
        for i in range(3)
    ]
    second = [
        f"Second chunk paragraph {i} explains the winter opening hours in detail." for i in range(3)
    ]
    chunk = "<div class='grid'><div class='body chunk'>{}</div><aside>ad</aside></div>"
    html = (
        "<html><body><div class='article'>"
        + chunk.format("".join(f"<p>{p}</p>" for p in first))
        + "<div class='promo'><p>Subscribe today to our fictional newsletter for more.</p></div>"
        + chunk.format("".join(f"<p>{p}</p>" for p in second))
        + "</div></body></html>"
    )
    assert extend_with_sibling_chunks(load_html(html), first) == first + second
    # a single matched paragraph cannot locate the container: nothing is added
    assert extend_with_sibling_chunks(load_html(html), first[:1]) == first[:1]


def test_drop_title_lines_only_near_the_top():
    lines = ["Harbour Town Opens Floating Library for Winter", "Body text.", HEADLINE, "More."]
    lines = [*lines[:2], "x", "y", HEADLINE]
    kept, dropped = drop_title_lines(lines, HEADLINE)
    assert dropped == ["Harbour Town Opens Floating Library for Winter"]
    assert kept == ["Body text.", "x", "y", HEADLINE]
    assert drop_title_lines(lines, None) == (lines, [])


def test_drop_boilerplate_lines_keeps_short_links_and_prose():
    tree = load_html(
        "<html><body><p><a href='/a'>Read more: council votes on new harbour wall</a></p>"
        "<p><a href='/b'>Lowmere Gazette</a></p>"
        "<p>The mayor, quoted <a href='/c'>here</a>, welcomed the decision warmly.</p>"
        "</body></html>"
    )
    lines = [
        "Read more: council votes on new harbour wall",
        "Lowmere Gazette",
        "The mayor, quoted here, welcomed the decision warmly.",
    ]
    kept, dropped = drop_boilerplate_lines(tree, lines)
    assert dropped == lines[:1]
    assert kept == lines[1:]


def test_drop_boilerplate_lines_drops_nav_and_page_footer_but_not_article_footer():
    tree = load_html(
        "<html><body><nav><p>Sections and other fictional places</p></nav><article>"
        "<p>A paragraph of the article itself.</p><footer><p>Reporting by Ada Penhallow</p>"
        "</footer></article><footer><p>Copyright 2024 The Lowmere Gazette</p></footer>"
        "</body></html>"
    )
    lines = [
        "Sections and other fictional places",
        "A paragraph of the article itself.",
        "Reporting by Ada Penhallow",
        "Copyright 2024 The Lowmere Gazette",
    ]
    kept, dropped = drop_boilerplate_lines(tree, lines)
    assert kept == lines[1:3]
    assert dropped == [lines[0], lines[3]]


def test_page_blocks_keep_inline_order_and_skip_scripts():
    tree = load_html(
        "<html><head><style>p {color: red}</style></head><body>"
        "<p>Hello <b>big</b> world<script>ignored()</script> again</p><ul><li>one</li>"
        "<li>two <i>items</i></li></ul></body></html>"
    )
    assert page_blocks(tree) == ["Hello big world again", "one", "two items"]


_FRAGMENTS = [
    "<p>", "</p>", "<div class='a'>", "</div>", "<a href='x'>", "</a>", "<nav>", "<footer>",
    "<script>", "</script>", "<!--", "-->", "<html>", "<body>", "<title>", "</title>", "<h1>",
    "<li>", "&amp;", "\x00", "word ", "Ünïcödé ", "<meta property='article:published_time' "
    "content='2024-13-45T99:99'>", "A sentence that could pass for article text, more or less. ",
]  # fmt: skip


@settings(max_examples=25, deadline=None)
@given(st.lists(st.sampled_from(_FRAGMENTS), max_size=40), st.booleans())
def test_only_input_error_escapes_on_arbitrary_markup(parts: list[str], as_bytes: bool):
    page = "".join(parts)
    outcome: Extracted | str
    try:
        outcome = extract_html(page.encode() if as_bytes else page)
    except InputError as err:
        outcome = err.reason
    if isinstance(outcome, str):
        assert outcome in {"empty", "no_article"}
    else:
        assert any(ch.isalnum() for ch in outcome.text)
        assert outcome.date is None or outcome.date.tzinfo is not None
