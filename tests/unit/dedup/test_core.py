from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsweave.dedup.core import DedupRules, compare, decide, fingerprint
from newsweave.model import Article

SEEDS = Path(__file__).resolve().parents[4] / "shared" / "seeds"
BODY = (
    "The city council approved the new budget on Tuesday after a long debate. "
    "The plan raises spending on schools by ten percent and cuts the road repair fund. "
    "Opponents said the cuts would leave dangerous potholes unrepaired for another winter. "
    "The mayor said she would sign the budget before the end of the week. "
    "A public hearing on the road fund is scheduled for next month at city hall."
)
BOILER = "\n\nShare this article on Facebook.\nCopyright 2024 Example News. All rights reserved."


def _article(aid: str, text: str, date: datetime | None = None) -> Article:
    return Article(id=aid, title="", text=text, date=date)


def _seeds() -> list[Article]:
    paths = sorted(SEEDS.glob("*.txt"))
    if len(paths) < 2:
        pytest.skip("shared seeds not available")
    return [_article(p.stem, p.read_text(encoding="utf-8")) for p in paths[:2]]


def test_seed_articles_are_not_copies_of_each_other():
    a, b = _seeds()
    assert decide(a, [b]) == []
    assert decide(b, [a]) == []


def test_seed_with_boilerplate_and_two_reworded_sentences_is_a_copy():
    seed = _seeds()[0]
    text = seed.text.replace(
        "has raised concerns regarding a potential arms deal",
        "has sparked worries about a possible arms deal",
    ).replace(
        "Kim may also seek energy and food supplies during his visit.",
        "During the trip, Kim may also look for supplies of food and energy.",
    )
    assert text.count("worries") == 1
    assert "supplies of food" in text
    edges = decide(_article("copy", text + BOILER), [seed])
    assert len(edges) == 1
    assert (edges[0].parent, edges[0].child, edges[0].kind) == (seed.id, "copy", "near")
    assert edges[0].evidence, "the reworded sentences are shown as evidence"


def test_kinds_exact_near_rewrite():
    original = _article("o", BODY)
    assert decide(_article("x", BODY.upper()), [original])[0].kind == "exact"
    truncated = _article("t", BODY.rsplit(". ", 2)[0] + ".")
    edge = decide(truncated, [original])[0]
    assert (edge.kind, edge.parent, edge.child) == ("near", "o", "t")
    reworded = (
        "On Tuesday the city council passed the new budget following a lengthy debate. "
        "The proposal lifts school spending by 10 percent while cutting the fund for road repairs. "
        "Critics argued the cuts would leave hazardous potholes unfixed for one more winter. "
        "The mayor stated that she would sign the budget before the week ends. "
        "City hall will host a public hearing about the road fund next month."
    )
    edges = decide(_article("r", reworded), [original], DedupRules(sentence_score=0.3))
    assert [e.kind for e in edges] == ["rewrite"]


def test_boilerplate_copy_points_to_the_shorter_original_and_dates_win():
    original, copy = _article("o", BODY), _article("c", BODY + BOILER)
    edge = decide(copy, [original])[0]
    assert (edge.parent, edge.child) == ("o", "c")
    early = datetime(2020, 1, 1, tzinfo=UTC)
    late = datetime(2021, 1, 1, tzinfo=UTC)
    edge = decide(_article("o", BODY, late), [_article("c", BODY + BOILER, early)])[0]
    assert (edge.parent, edge.child) == ("c", "o")


def test_an_article_is_never_its_own_candidate():
    original = _article("o", BODY)
    assert decide(original, [original]) == []


sentence = st.lists(
    st.sampled_from(["alpha", "beta", "gamma", "delta", "storm", "city", "council", "vote"]),
    min_size=3,
    max_size=12,
)
texts = st.lists(sentence.map(lambda ws: " ".join(ws) + "."), min_size=1, max_size=6).map(" ".join)


@settings(max_examples=40, deadline=None)
@given(texts)
def test_an_article_always_dedups_against_itself(text):
    fp = fingerprint(_article("a", text))
    match = compare(fp, fingerprint(_article("b", text)))
    assert match is not None
    assert match.kind == "exact"
    assert match.score == 1.0


@settings(max_examples=40, deadline=None)
@given(texts, texts)
def test_comparison_is_symmetric_and_bounded(x, y):
    a, b = fingerprint(_article("a", x)), fingerprint(_article("b", y))
    ab, ba = compare(a, b), compare(b, a)
    assert (ab is None) == (ba is None)
    if ab is not None and ba is not None:
        assert ab.kind == ba.kind
        assert ab.score == pytest.approx(ba.score)
        assert 0.0 <= ab.score <= 1.0
        assert 0.0 <= ab.jaccard <= 1.0
