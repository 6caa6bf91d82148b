"""Issue 15 end to end: summaries, timelines and reports on the seeds and the examples."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from tests.shared_data import EXAMPLES

from newsweave.config import Config
from newsweave.engine import Engine
from newsweave.errors import NotFoundError

pytestmark = [pytest.mark.issue(15)]

BOILERPLATE = ("Leave a Reply", "divya", "email address", "Required fields")


def _only_story(newsweave) -> str:
    stories = json.loads(newsweave("stories", "--json").stdout)
    assert len(stories) == 1
    return str(stories[0]["id"])


def test_seed_summary_is_cited_has_the_agreed_facts_and_no_boilerplate(
    newsweave, seeds_dir: Path
) -> None:
    assert newsweave("ingest", str(seeds_dir)).returncode == 0
    story = _only_story(newsweave)
    result = newsweave("summary", story, "--json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["story"] == story
    assert set(data) >= {"story", "headline", "sentences", "timeline"}
    texts = [s["text"] for s in data["sentences"]]
    assert 3 <= len(texts) <= 6
    assert len(set(texts)) == len(texts)
    articles = {a["id"] for a in json.loads(newsweave("articles", "--json").stdout)}
    for sentence in data["sentences"]:
        assert sentence["citations"]
        assert set(sentence["citations"]) <= articles
    joined = " ".join(texts)
    assert "Vladivostok in 2019" in joined or "meeting in 2019" in joined
    assert "arms deal" in joined
    assert not any(b in joined for b in BOILERPLATE)
    assert data["headline"].count("Kim Jong") == 1  # the doubled headline is one headline
    dates = {(e["date"], e["precision"]) for e in data["timeline"]}
    assert ("2019", "year") in dates
    assert not any(e["date"] == "12" for e in data["timeline"])  # "12-year tenure" is no date
    plain = newsweave("summary", story)
    assert plain.returncode == 0
    assert "## Timeline" in plain.stdout


def test_the_visit_itself_is_dated_from_the_articles_when_they_carry_dates(
    newsweave, seeds_dir: Path, tmp_path: Path
) -> None:
    lines = [
        json.dumps({"id": f"seed{i}", "text": p.read_text(encoding="utf-8"), "date": "2023-09-12"})
        for i, p in enumerate(sorted(seeds_dir.glob("*.txt")))
    ]
    feed = tmp_path / "seeds.jsonl"
    feed.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert newsweave("ingest", str(feed)).returncode == 0
    data = json.loads(newsweave("summary", _only_story(newsweave), "--json").stdout)
    reported = [e for e in data["timeline"] if e["kind"] == "reported"]
    assert [e["date"] for e in reported] == ["2023-09-12"]
    assert set(reported[0]["articles"]) == {"seed0", "seed1"}
    assert any(e["date"] == "2019" for e in data["timeline"])


def test_reports_in_three_formats(newsweave, seeds_dir: Path, tmp_path: Path) -> None:
    newsweave("ingest", str(seeds_dir))
    story = _only_story(newsweave)
    md = newsweave("report", story, "--format", "md")
    assert md.returncode == 0, md.stderr
    for heading in ("## Summary", "## Facts", "## Who is involved", "## Timeline", "## Sources"):
        assert heading in md.stdout
    assert "Kim Jong Un" in md.stdout
    assert "corroborated" in md.stdout
    out = tmp_path / "r.json"
    assert newsweave("report", story, "--format", "json", "-o", str(out)).returncode == 0
    doc = json.loads(out.read_text(encoding="utf-8"))
    assert doc["story"] == story
    assert doc["summary"]["sentences"]
    assert doc["facts"]["facts"]
    assert any(e["name"] == "Kim Jong Un" for e in doc["entities"])
    html = tmp_path / "r.html"
    assert newsweave("report", story, "--format", "html", "-o", str(html)).returncode == 0
    page = html.read_text(encoding="utf-8")
    assert 'http-equiv="Content-Security-Policy"' in page
    assert "<script" not in page
    assert "data:image/png;base64," in page  # the timeline chart, embedded


HOSTILE = (
    '<script>alert(1)</script> The Quarvel harbour wall <img src=x onerror="alert(2)"> '
    "collapsed on Monday after a storm, harbour officials said in a statement on the damage. "
    "</title><svg onload=alert(3)> Repairs to the wall are expected to take three months, "
    "the harbour master said at a press conference."
)


def test_the_html_report_escapes_article_text(tmp_path: Path) -> None:
    feed = tmp_path / "hostile.jsonl"
    rows = [
        {
            "id": "h1",
            "title": "<b>Harbour</b> wall falls</title><script>x()</script>",
            "text": HOSTILE,
            "url": "javascript:alert(4)",
            "date": "2026-02-03",
        },
        {
            "id": "h2",
            "title": "Quarvel harbour wall collapses in storm",
            "text": HOSTILE.replace("Monday", "Monday night"),
            "date": "2026-02-03",
            "url": "https://quarvel.example/wall",
        },
    ]
    feed.write_text("\n".join(json.dumps(r) for r in rows), encoding="utf-8")
    from newsweave.report.html import to_html

    with Engine(Config(db=str(tmp_path / "h.db"))) as engine:
        assert engine.ingest([feed]).ok
        story = engine.story_of("h1")
        assert story is not None
        page = to_html(engine.report(story))
    assert "<script>" not in page
    assert "<svg onload" not in page
    assert "<img src=x" not in page
    assert "&lt;script&gt;" in page or "&lt;b&gt;" in page
    assert 'href="javascript:' not in page
    assert 'href="https://quarvel.example/wall"' in page


def test_summaries_are_stored_and_redone_only_when_the_story_changes(tmp_path: Path) -> None:
    with Engine(Config(db=str(tmp_path / "e.db"))) as engine:
        assert engine.ingest([EXAMPLES]).ok
        story = max(engine.stories(), key=lambda s: len(s.article_ids))
        first = engine.summary(story.id)
        stamp = engine.storage.get_story_doc(story.id, "summary")
        assert stamp is not None
        assert engine.summary(story.id) == first
        assert engine.storage.get_story_doc(story.id, "summary") == stamp
        with pytest.raises(NotFoundError):
            engine.summary("st_no_such_story")
        lead = engine.article(story.article_ids[0])
        follow_up = tmp_path / "follow.jsonl"
        follow_up.write_text(
            json.dumps(
                {
                    "id": "follow-up-1",
                    "title": lead.title,
                    "text": lead.text + "\n\nThe terminal said on Friday it had reopened.",
                    "source": "Another Outlet",
                    "date": "2025-05-20",
                }
            )
            + "\n",
            encoding="utf-8",
        )
        assert engine.ingest([follow_up]).ok
        assert engine.story_of("follow-up-1") == story.id
        assert engine.story_view(story.id).summary is None  # stored one is out of date
        engine.summary(story.id)
        after = engine.storage.get_story_doc(story.id, "summary")
        assert after is not None
        assert after[0] != stamp[0]  # redone for the changed story
        assert engine.story_view(story.id).summary is not None


def test_a_story_of_one_article_is_summarized_by_its_cited_lead(tmp_path: Path) -> None:
    with Engine(Config(db=str(tmp_path / "o.db"))) as engine:
        assert engine.ingest([EXAMPLES]).ok
        single = next(s for s in engine.stories() if len(s.article_ids) == 1)
        summary = engine.summary(single.id, sentences=2)
        article = engine.article(single.article_ids[0])
    assert summary.sentences
    assert all(s.citations == (article.id,) for s in summary.sentences)
    assert article.text.find(summary.sentences[0].text[:40]) < 200  # its lead


def test_unknown_story_is_a_clear_error(newsweave) -> None:
    result = newsweave("summary", "st_missing")
    assert result.returncode == 1
    assert "NW5" in result.stderr
    assert "st_missing" in result.stderr
    assert newsweave("report", "st_missing", "--format", "html").returncode == 1
