"""Consistency checks for the fictional example corpus and its gold labels."""

from __future__ import annotations

import json
import re
from datetime import datetime
from html import unescape
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

CORPUS = Path(__file__).resolve().parents[2] / "examples" / "corpus"
JSONL_FIELDS = ["id", "title", "text", "date", "source", "url"]
REQUIRED_META = ("og:title", "article:published_time", "author", "og:site_name")


VOID_TAGS = {"meta", "link", "img", "input", "br", "hr"}
BOILERPLATE_CLASS = re.compile(
    r"comment|related|share|promo|ad-slot|author-box|correction|wire-credit"
)


class _PageParser(HTMLParser):
    """Collects <meta> values and the text of <p> elements in the article proper."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.meta: dict[str, str] = {}
        self.paragraphs: list[str] = []
        self._stack: list[tuple[str, bool, bool]] = []  # (tag, in article, in boilerplate)
        self._buf: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "meta" and a.get("content") is not None:
            key = a.get("property") or a.get("name")
            if key:
                self.meta[key] = a["content"] or ""
        if tag in VOID_TAGS:
            return
        article, boiler = self._stack[-1][1:] if self._stack else (False, False)
        article = article or tag == "article"
        boiler = boiler or bool(BOILERPLATE_CLASS.search(a.get("class") or ""))
        self._stack.append((tag, article, boiler))
        if tag == "p" and article and not boiler:
            self._buf = []

    def handle_endtag(self, tag: str) -> None:
        if tag in VOID_TAGS:
            return
        assert self._stack, tag
        assert self._stack.pop()[0] == tag, tag
        if tag == "p" and self._buf is not None:
            self.paragraphs.append(" ".join("".join(self._buf).split()))
            self._buf = None

    def handle_data(self, data: str) -> None:
        if self._buf is not None:
            self._buf.append(data)


def _gold() -> dict[str, Any]:
    return json.loads((CORPUS.parent / "gold.json").read_text(encoding="utf-8"))


def _records() -> list[dict[str, Any]]:
    lines = (CORPUS / "feed.jsonl").read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def _page(name: str) -> _PageParser:
    parser = _PageParser()
    parser.feed((CORPUS / name).read_text(encoding="utf-8"))
    return parser


def _txt_paragraphs(name: str) -> list[str]:
    text = (CORPUS / name).read_text(encoding="utf-8")
    return [" ".join(p.split()) for p in text.split("\n\n") if p.strip()]


def _raw_text(key: str, gold: dict[str, Any]) -> str:
    entry = gold["articles"][key]
    if entry["format"] == "jsonl":
        record = next(r for r in _records() if r["id"] == key)
        return f"{record['title']}\n\n{record['text']}"
    return unescape((CORPUS / entry["file"]).read_text(encoding="utf-8"))


def test_gold_covers_every_file_and_record_exactly() -> None:
    gold = _gold()
    files = {p.name for p in CORPUS.iterdir() if p.name != "feed.jsonl"}
    record_ids = {r["id"] for r in _records()}
    assert set(gold["articles"]) == files | record_ids
    for key, entry in gold["articles"].items():
        assert (CORPUS / entry["file"]).is_file(), key
        assert entry["story"] in gold["stories"], key


def test_corpus_meets_its_size_promises() -> None:
    articles = _gold()["articles"].values()
    assert len(articles) >= 16
    assert len({a["story"] for a in articles}) >= 5
    assert len({a["outlet"] for a in articles}) >= 6
    assert {a["format"] for a in articles} == {"txt", "html", "jsonl"}


def test_jsonl_records_have_the_documented_fields_and_aware_dates() -> None:
    records = _records()
    assert len(records) >= 3
    for record in records:
        assert list(record) == JSONL_FIELDS
        assert all(isinstance(record[f], str) and record[f] for f in JSONL_FIELDS)
        assert datetime.fromisoformat(record["date"]).tzinfo is not None
    assert len({r["id"] for r in records}) == len(records)


def test_jsonl_line_numbers_in_gold_match_the_file() -> None:
    gold = _gold()
    for line_no, record in enumerate(_records(), start=1):
        assert gold["articles"][record["id"]]["line"] == line_no


@pytest.mark.parametrize("name", sorted(p.name for p in CORPUS.glob("*.html")))
def test_html_pages_carry_the_metadata_gold_expects(name: str) -> None:
    meta = _page(name).meta
    entry = _gold()["articles"][name]
    assert all(key in meta for key in REQUIRED_META)
    assert unescape(meta["og:title"]) == entry["title"]
    assert meta["article:published_time"] == entry["date"]
    assert meta["og:site_name"] == entry["outlet"]


def test_txt_without_headline_starts_with_a_dateline_paragraph() -> None:
    gold = _gold()
    untitled = [k for k, v in gold["articles"].items() if v["format"] == "txt" and not v["title"]]
    assert untitled == ["fire_brinmoor_kestrel.txt"]
    first = _txt_paragraphs(untitled[0])[0]
    assert first.startswith("BRINMOOR, 25 March 2025 - ")
    assert len(first.split()) > 25


def _body(key: str, gold: dict[str, Any]) -> list[str]:
    entry = gold["articles"][key]
    if entry["format"] == "jsonl":
        record = next(r for r in _records() if r["id"] == key)
        return [" ".join(p.split()) for p in record["text"].split("\n\n")]
    if entry["format"] == "txt":
        return _txt_paragraphs(key)[1 if entry["title"] else 0 :]
    return _page(key).paragraphs


def test_exact_copies_contain_the_original_body_verbatim() -> None:
    gold = _gold()
    exact = [c for c in gold["copies"] if c["kind"] == "exact"]
    assert len(exact) >= 2
    for relation in exact:
        original = _body(relation["original"], gold)
        copy = _body(relation["copy"], gold)
        start = copy.index(original[0])
        assert copy[start : start + len(original)] == original, relation


def test_rewrite_keeps_facts_but_changes_sentences() -> None:
    gold = _gold()
    rewrite = next(c for c in gold["copies"] if c["kind"] == "rewrite")
    original = _body(rewrite["original"], gold)
    copy_text = (CORPUS / rewrite["copy"]).read_text(encoding="utf-8")
    lines = copy_text.splitlines()
    assert lines[0] == lines[2]  # headline repeated at the top
    assert "Leave a Reply" in copy_text
    shared = [p for p in original if p in copy_text]
    assert shared == []
    for number in ("6:40", "berth 7", "48 hours", "40 minutes", "90 kilometres"):
        assert number in copy_text


def test_every_gold_person_appears_in_their_articles() -> None:
    gold = _gold()
    for person in gold["people"]:
        spellings = [person["name"], *person.get("variants", [])]
        for key in person["articles"]:
            text = _raw_text(key, gold)
            assert any(s in text for s in spellings), (person["name"], key)


def test_name_variants_are_spelled_as_gold_says() -> None:
    gold = _gold()
    for variant in gold["name_variants"]:
        for spelling, keys in variant["spellings"].items():
            others = [s for s in variant["spellings"] if s != spelling]
            for key in keys:
                text = _raw_text(key, gold)
                assert re.search(re.escape(spelling), text), key
                assert not any(other in text for other in others), key


def test_disagreeing_reports_are_from_different_outlets() -> None:
    gold = _gold()
    for item in gold["disagreements"]:
        values = item["values"]
        assert len(set(values.values())) >= 2
        outlets = {gold["articles"][k]["outlet"] for k in values}
        assert len(outlets) >= 2


@pytest.mark.parametrize("key", sorted(_gold()["articles"]))
def test_article_bodies_have_news_length(key: str) -> None:
    gold = _gold()
    words = sum(len(p.split()) for p in _body(key, gold))
    wire = gold["articles"][key]["story"] == "kessring-water-rate-rise"
    assert (200 if wire else 250) <= words <= 620, words
