from datetime import UTC, datetime

from newsweave.model import Article
from newsweave.summary.timeline import story_arc, timeline


def _at(day: int) -> datetime:
    return datetime(2026, 4, day, 9, 30, tzinfo=UTC)


ARTICLES = [
    Article(
        id="a1",
        title="Kelvar mill strike enters second day",
        text=(
            "Workers at the Kelvar paper mill walked out on Tuesday over pay. "
            "The last strike at the mill, in 2019, lasted for three days."
        ),
        date=_at(8),
    ),
    Article(
        id="a2",
        title="Kelvar mill strike goes on",
        text="Staff of the Kelvar mill stopped work on Tuesday. Talks are set for next month.",
        date=_at(9),
    ),
    Article(
        id="a3",
        title="Kelvar mill strike goes on",
        text="Staff of the Kelvar mill stopped work on Tuesday. Talks are set for next month.",
        date=_at(10),
    ),
    Article(
        id="a4",
        title="Mill history",
        text="On Tuesday nothing can be dated here, but the mill opened in June 1954.",
    ),
]


def test_dates_are_normalized_against_each_article_and_copies_collapse() -> None:
    entries = timeline(ARTICLES, {"a3": "a2"})
    by_date = {(e.date, e.kind): e for e in entries}
    strike = by_date[("2026-04-07", "mentioned")]  # "on Tuesday" of Wed 8 and of Thu 9
    assert strike.precision == "day"
    assert strike.articles == ("a1", "a2")  # a3 is a copy of a2: cited as a2
    assert by_date[("2019", "mentioned")].precision == "year"
    assert by_date[("2026-05", "mentioned")].precision == "month"
    assert by_date[("1954-06", "mentioned")].articles == ("a4",)  # undated: only full dates
    assert by_date[("2026-04-08", "reported")].articles == ("a1",)
    assert [e.date for e in entries] == sorted(e.date for e in entries)
    assert not any("three days" in e.date for e in entries)


def test_the_arc_counts_articles_per_day() -> None:
    arc = story_arc(ARTICLES)
    assert arc.first == _at(8)
    assert arc.last == _at(10)
    assert arc.per_day == (("2026-04-08", 1), ("2026-04-09", 1), ("2026-04-10", 1))
    assert arc.undated == 1
