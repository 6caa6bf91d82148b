from datetime import UTC, datetime

from newsweave.model import Article, ClaimRef, Comparison, Fact, ProvenanceEdge, SourceGroup
from newsweave.summary.summarize import bag_of_words, summarize

DAY = datetime(2026, 6, 2, 8, 0, tzinfo=UTC)

LEDGER = Article(
    id="ledger",
    title="Tarrow dam spillway opened as river rises",
    source="Harbor Ledger",
    date=DAY,
    text=(
        "Engineers opened the spillway of the Tarrow dam on Monday as the river rose after a week "
        "of heavy rain. Water authority officials said the reservoir stood at 97 percent of its "
        "capacity. The town of Mellick downstream may see minor flooding, the authority warned. "
        "The dam was completed in 1987 and last released water through the spillway in 2012."
    ),
)
TIMES = Article(
    id="times",
    title="Spillway opened at Tarrow dam",
    source="Valley Times",
    date=DAY,
    text=(
        "The Tarrow dam spillway was opened on Monday after days of heavy rain pushed the river "
        "higher. The reservoir was 97 percent full, according to the water authority. "
        "Farmers near Mellick moved livestock to higher fields overnight."
    ),
)
COPY = Article(id="farm", title=LEDGER.title, source="newsfarm", date=DAY, text=LEDGER.text)

FACTS = (
    Fact(
        id="f_open",
        text="Engineers opened the spillway",
        status="corroborated",
        sources=("s_ledger", "s_times"),
        claims=(
            ClaimRef(
                article="ledger", sentence=0, text="Engineers opened the spillway of the Tarrow dam"
            ),
            ClaimRef(
                article="times", sentence=0, text="The Tarrow dam spillway was opened on Monday"
            ),
            ClaimRef(
                article="farm", sentence=0, text="Engineers opened the spillway of the Tarrow dam"
            ),
        ),
    ),
    Fact(
        id="f_full",
        text="The reservoir was 97 percent full",
        status="corroborated",
        sources=("s_ledger", "s_times"),
        claims=(
            ClaimRef(article="ledger", sentence=1, text="the reservoir stood at 97 percent"),
            ClaimRef(article="times", sentence=1, text="The reservoir was 97 percent full"),
        ),
    ),
)
COMPARISON = Comparison(
    story="st1",
    sources=(
        SourceGroup(id="s_ledger", outlet="harborledger", articles=("ledger", "farm")),
        SourceGroup(id="s_times", outlet="valleytimes", articles=("times",)),
    ),
    facts=FACTS,
)
EDGES = (ProvenanceEdge(child="farm", parent="ledger", kind="exact", score=1.0),)


def _summary(sentences: int = 4):
    return summarize(
        "st1",
        [LEDGER, TIMES, COPY],
        comparison=COMPARISON,
        edges=EDGES,
        embed=bag_of_words,
        sentences=sentences,
    )


def test_every_sentence_is_cited_copies_collapse_and_nothing_repeats() -> None:
    summary = _summary()
    texts = [s.text for s in summary.sentences]
    assert 2 <= len(texts) <= 4
    assert len(set(texts)) == len(texts)
    for sentence in summary.sentences:
        assert sentence.citations[0] == sentence.article
        assert "farm" not in sentence.citations  # the copy is cited as its original
        assert sentence.article != "farm"
    # one fact is stated once: never both outlets' sentences on the 97 percent
    assert sum("97 percent" in t for t in texts) <= 1
    stated = [f for s in summary.sentences for f in s.facts]
    assert len(stated) == len(set(stated))


def test_corroborated_facts_are_cited_to_every_source_that_states_them() -> None:
    summary = _summary()
    opened = next(s for s in summary.sentences if "f_open" in s.facts)
    assert set(opened.citations) == {"ledger", "times"}
    assert opened.sources == 2


def test_hedges_stay_and_the_summary_reads_in_reporting_order_after_its_lead() -> None:
    summary = _summary(sentences=6)
    texts = [s.text for s in summary.sentences]
    flood = [t for t in texts if "Mellick downstream" in t]
    assert all("may see minor flooding" in t for t in flood)  # word for word: the "may" stays
    order = {"ledger": 0, "times": 1}
    where = [
        (order[s.article], (LEDGER if s.article == "ledger" else TIMES).text.index(s.text))
        for s in summary.sentences[1:]
    ]
    assert where == sorted(where)  # after the lead: by article (same day: arrival), then place


def test_headline_timeline_and_arc_come_with_the_summary() -> None:
    summary = _summary()
    assert summary.headline in {
        "Tarrow dam spillway opened as river rises",
        "Spillway opened at Tarrow dam",
    }
    dates = {e.date for e in summary.timeline}
    assert {"1987", "2012", "2026-06-01"} <= dates  # Monday before Tuesday 2 June
    assert summary.arc.per_day == (("2026-06-02", 3),)


def test_a_story_of_one_article_and_its_copy_is_summarized_by_its_lead() -> None:
    summary = summarize(
        "st2", [LEDGER, COPY], comparison=None, edges=EDGES, embed=bag_of_words, sentences=2
    )
    assert [s.text for s in summary.sentences] == [
        "Engineers opened the spillway of the Tarrow dam on Monday as the river rose after a week "
        "of heavy rain.",
        "Water authority officials said the reservoir stood at 97 percent of its capacity.",
    ]
    assert all(s.citations == ("ledger",) for s in summary.sentences)
    assert any("lead" in n for n in summary.notes)


def test_a_word_budget_bounds_the_summary() -> None:
    summary = summarize(
        "st1",
        [LEDGER, TIMES, COPY],
        comparison=COMPARISON,
        edges=EDGES,
        embed=bag_of_words,
        sentences=10,
        max_words=30,
    )
    words = sum(len(s.text.split()) for s in summary.sentences)
    assert words <= 30 + 25  # stops once the budget is spent: one sentence may overrun it
    assert len(summary.sentences) >= 1


def test_a_chosen_sentence_that_takes_a_side_in_a_conflict_brings_a_note() -> None:
    from dataclasses import replace

    from newsweave.model import Conflict, ConflictValue

    disputed = replace(
        FACTS[1],
        status="conflicting",
        conflict=Conflict(
            field="number",
            values=(
                ConflictValue(value="97 percent", sources=("s_ledger",)),
                ConflictValue(value="95 percent", sources=("s_times",)),
            ),
        ),
    )
    comparison = replace(COMPARISON, facts=(FACTS[0], disputed))
    summary = summarize(
        "st1", [LEDGER, TIMES, COPY], comparison=comparison, edges=EDGES, embed=bag_of_words
    )
    assert any("f_full" in s.facts for s in summary.sentences)
    assert any("disagree on the number" in n and "95 percent" in n for n in summary.notes)
    undisputed = summarize(
        "st1", [LEDGER, TIMES, COPY], comparison=COMPARISON, edges=EDGES, embed=bag_of_words
    )
    assert not any("disagree" in n for n in undisputed.notes)
