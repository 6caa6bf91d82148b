from __future__ import annotations

from newsweave.evaluation.coref import GoldMention, score
from newsweave.evaluation.entities import TAG_LABELS, match_document
from newsweave.model import Mention

TEXT = "Ada Quill met the leader of Zembla.\nQuill flew to Zembla on Monday."


def _m(text: str, line: int, label: str, entity: str) -> Mention:
    offset = TEXT.split("\n")[0].__len__() + 1 if line else 0
    start = TEXT.index(text, offset)
    return Mention(
        entity_id=entity, article_id="d", text=text, start=start, end=start + len(text), label=label
    )


def _g(text: str, line: int, tag: str, chain: str) -> GoldMention:
    return GoldMention(doc_id="d", line=line, text=text, tag=tag, chain=chain)


def test_match_by_line_overlap_label_and_head() -> None:
    golds = [
        _g("Ada Quill", 0, "HUMAN_PART_PER", "q"),
        _g("the leader of Zembla", 0, "HUMAN_PART_PER", "lead"),
        _g("Quill", 1, "HUMAN_PART_PER", "q"),
        _g("to Zembla", 1, "LOC_GEO", "z"),
    ]
    mentions = [
        _m("Ada Quill", 0, "PERSON", "E1"),
        _m("Zembla", 0, "GPE", "E2"),
        _m("Quill", 1, "PERSON", "E1"),
        _m("Zembla", 1, "GPE", "E2"),
    ]
    matched = match_document(TEXT, golds, mentions, TAG_LABELS)
    assert {gi: m.entity_id for gi, m in matched.items()} == {0: "E1", 2: "E1", 3: "E2"}


def test_score_counts_coverage_and_chains() -> None:
    golds = {"d": [_g("A", 0, "HUMAN_PART_PER", "c1"), _g("B", 0, "HUMAN_PART_PER", "c1"),
                   _g("C", 0, "LOC_GEO", "c2"), _g("D", 0, "TIME_DATE", "c3")]}  # fmt: skip
    result = score(golds, {"d": {0: "x", 1: "x"}}, TAG_LABELS)
    assert (result.gold, result.matched) == (3, 2)
    assert result.coverage == 2 / 3
    assert result.conll_f1 == 1.0
