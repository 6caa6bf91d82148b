"""Stories that merge across analysis batches keep every member on a live story."""

from __future__ import annotations

from pathlib import Path

from newsweave.engine import Engine

CORPUS = Path(__file__).resolve().parents[2] / "examples" / "corpus"

# An arrival order of the examples corpus, found by the PostgreSQL work, in which the second
# batch merges a story of the first batch into another: a member of the merged-away story was
# left pointing at it (the article dropped out of every story).
FIRST = [
    "a3a298940246f3eb4", "a31a1bf077b780e27", "a83d65d4144ecb1ca", "adb7b714bb800cef9",
    "rbg-20250303-0071", "hlc-20250522-0218", "mw-20250917-0412", "rbg-20251008-0133",
]  # fmt: skip
SECOND = [
    "qes-20260114-0045", "cwh-20260115-0310", "a774363e0f6b02efc", "ad6838e1168e7d48c",
    "a060414d6c65f994b", "a5e7f6813bcdc1ed4", "a4e698aba4670fbf4", "ab017e901118f96d2",
    "a1a5ebf18f7b42afa", "a65b3da6b4f82b630",
]  # fmt: skip


def test_members_follow_a_merge_across_batches(tmp_path: Path) -> None:
    with Engine.open(tmp_path / "merge.db") as eng:
        articles = {x.article.id: x.article for x in eng.extract([CORPUS]) if x.article}
        assert set(FIRST + SECOND) <= set(articles)
        for batch in (FIRST, SECOND):
            for article_id in batch:
                eng.storage.add_article(articles[article_id])
            eng.update()
        live = {story.id for story in eng.stories()}
        for article_id in FIRST + SECOND:
            member = eng.storage.member(article_id)
            assert member is not None, article_id
            assert member.story_id in live, (article_id, member.story_id)
        in_stories = [a for story in eng.stories() for a in story.article_ids]
        assert sorted(in_stories) == sorted(FIRST + SECOND)
