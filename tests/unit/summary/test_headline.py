import numpy as np
import pytest

from newsweave.model import Article
from newsweave.summary.headline import choose_headline, clean_title, clickbait
from newsweave.summary.summarize import bag_of_words


@pytest.mark.parametrize(
    ("title", "outlet", "clean"),
    [
        (
            "Flood barrier fails at Dunmore quay | Harbor Ledger",
            None,
            "Flood barrier fails at Dunmore quay",
        ),
        (
            "Flood barrier fails at Dunmore quay - Valley Times",
            None,
            "Flood barrier fails at Dunmore quay",
        ),
        (
            "Flood barrier fails at Dunmore quay - harborledger.com",
            "harborledger",
            "Flood barrier fails at Dunmore quay",
        ),
        ("Flood barrier fails Flood barrier fails", None, "Flood barrier fails"),
        (
            "Dunmore - the quay that the sea took back in one night",
            None,
            "Dunmore - the quay that the sea took back in one night",
        ),
    ],
)
def test_titles_lose_site_suffixes_and_repeats(title: str, outlet: str | None, clean: str) -> None:
    assert clean_title(title, outlet) == clean


def test_clickbait_scores_above_a_plain_title() -> None:
    assert clickbait("You won't believe what happened at Dunmore quay!") > 1.5
    assert clickbait("5 things to know about the Dunmore flood") >= 1.0
    assert clickbait("Flood barrier fails at Dunmore quay") == 0.0


def _article(i: int, title: str, text: str) -> Article:
    return Article(id=f"a{i}", title=title, text=text)


def test_the_representative_plain_title_wins_over_clickbait() -> None:
    body = "The flood barrier at Dunmore quay failed during the storm surge on Sunday night."
    articles = [
        _article(1, "You won't believe what the sea did at Dunmore quay!", body),
        _article(2, "Flood barrier fails at Dunmore quay in storm surge | Harbor Ledger", body),
        _article(3, "Mayor opens new library wing", body),
    ]
    centre = bag_of_words([body])[0]
    assert choose_headline(articles, bag_of_words, centre) == (
        "Flood barrier fails at Dunmore quay in storm surge"
    )


def test_a_first_sentence_standing_in_for_a_headline_loses_to_a_real_one() -> None:
    body = "Storm surge breaks the flood barrier at Dunmore quay, flooding twelve streets."
    derived = Article(id="a1", title=body, text=body)
    real = Article(id="a2", title="Dunmore barrier breaks", text=body)
    centre = bag_of_words([body])[0]
    assert choose_headline([derived, real], bag_of_words, centre) == "Dunmore barrier breaks"
    assert choose_headline([], bag_of_words, np.zeros(4, dtype=np.float32)) == ""
