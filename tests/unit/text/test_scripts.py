from __future__ import annotations

import pytest

from newsweave.text.boilerplate import strip_boilerplate
from newsweave.text.scripts import ends_with_stop, word_count


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("The bridge will close on Monday.", 6.0),
        ("Мост закроют в понедельник.", 4.0),
        ("Η γέφυρα κλείνει τη Δευτέρα.", 5.0),
        ("سيغلق الجسر يوم الاثنين.", 4.0),
        ("पुल सोमवार को बंद होगा।", 5.0),
        ("橋は月曜日に閉鎖される。", 5.5),  # 11 characters, the full stop not counted
        ("大桥周一关闭。", 3.0),
        ("Kindle for PCを", 3.5),
        ("สะพานปิด", 1.75),  # 8 code points, one a combining vowel sign: 7 letters
        ("ปิดซ่อม", 1.25),  # the tone mark and the vowel sign above are not counted
        ("— | •", 0.0),
    ],
)
def test_word_count_per_script(text, words):
    assert word_count(text) == pytest.approx(words)


@pytest.mark.parametrize(
    "line", ["開館は午前九時から。", "开门了！", "प्रवेश निःशुल्क है।", "هل تفتح غدا؟", "Done."]
)
def test_stops_of_every_script(line):
    assert ends_with_stop(line)


def test_short_last_paragraphs_in_other_scripts_are_not_signatures():
    body = "橋は月曜日から三週間閉鎖される。\n\n開館は九時から。\n\nप्रवेश निःशुल्क है।\n\nهل تفتح غدا؟"
    assert strip_boilerplate(body).text == body


def test_cjk_line_without_stop_is_long_by_characters():
    # One space-free token of 16 characters is 8 words, more than a signature's 4.
    body = "The county met.\n\n図書館は毎日午前九時から午後五時まで開館"
    assert strip_boilerplate(body).text == body
    assert strip_boilerplate("The county met.\n\n山田太郎").removed == ("山田太郎",)


def test_cjk_related_links_are_removed_but_not_the_body():
    body = "町議会は火曜日に新しい予算案を可決した。"
    text = f"{body}\n\nRelated posts:\n港の防波堤が決壊\n新しいフェリー航路が開設"
    cleaned = strip_boilerplate(text)
    assert cleaned.text == body
    assert len(cleaned.removed) == 3
