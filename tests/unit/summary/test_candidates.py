from datetime import UTC, datetime

import pytest

from newsweave.model import Article, ClaimRef, Comparison, Fact
from newsweave.summary.candidates import NEEDS_BEFORE, candidates, sentence_spans, unusable


@pytest.mark.parametrize(
    ("sentence", "reason"),
    [
        ("Too short here.", "too short"),
        ("Will the bridge at Orlen Ford reopen before the spring floods arrive?", "question"),
        ("It was the third closure of the Orlen Ford bridge this year.", NEEDS_BEFORE),
        ("Their engineers found a crack in the main span of the bridge.", NEEDS_BEFORE),
        ("However, the county council said the repairs would take a month.", "answers"),
        ("“We cannot take any risks with a structure this old,” the engineer.", "quote"),
    ],
)
def test_sentences_that_cannot_stand_alone_are_marked(sentence: str, reason: str) -> None:
    assert unusable(sentence).startswith(reason.split()[0])


def test_a_quote_with_its_speaker_and_a_plain_statement_stand_alone() -> None:
    assert unusable("“We cannot take risks with it,” said county engineer Mara Olsk.") == ""
    assert unusable("The Orlen Ford bridge closed on Monday after engineers found a crack.") == ""


def test_a_demonstrative_naming_what_the_headline_is_about_stands_alone() -> None:
    title = "Orlen Ford bridge closure extended"
    assert unusable("This closure is the third on the river crossing this year.", title) == ""
    assert (
        unusable("This outreach aims to calm the residents of the valley.", title) == NEEDS_BEFORE
    )


def test_a_sentence_opening_with_a_pronoun_is_read_with_the_one_before() -> None:
    text = (
        "Engineers from the county closed the Orlen Ford bridge on Monday morning. "
        "Their inspection found a crack in the main span of the old bridge."
    )
    cands = candidates([Article(id="a", title="Bridge shut", text=text)], None)
    assert cands[1].usable == ""
    assert cands[1].text == text


def test_sentences_carry_the_facts_they_state_and_the_date_they_name() -> None:
    text = (
        "The Orlen Ford bridge closed on Monday after engineers found a crack. "
        "The crossing first opened to traffic in 1968 after a decade of planning by the county."
    )
    article = Article(id="a", title="Bridge shut", text=text, date=datetime(2026, 3, 4, tzinfo=UTC))
    fact = Fact(
        id="f1",
        text="The Orlen Ford bridge closed",
        status="single_source",
        sources=("s1",),
        claims=(ClaimRef(article="a", sentence=0, text="The Orlen Ford bridge closed on Monday"),),
    )
    comparison = Comparison(story="st", sources=(), facts=(fact,))
    first, second = candidates([article], comparison)
    assert first.facts == frozenset({"f1"})
    assert str(first.when) == "2026-03-02"  # the Monday before the Wednesday it was published
    assert second.facts == frozenset()
    assert str(second.when) == "1968-01-01"


def test_sentence_offsets_point_into_the_text() -> None:
    text = "First sentence of the piece is here.\n\nA second one follows it, on its own line."
    for start, sentence in sentence_spans(text):
        assert text[start : start + len(sentence)] == sentence
