from __future__ import annotations

import pytest

from newsweave.config import NerConfig
from newsweave.entities.ner import load_pipeline, repair_spans
from newsweave.errors import ConfigError, MissingExtraError


def test_missing_model_or_spacy_is_a_missing_extra() -> None:
    with pytest.raises(MissingExtraError, match="pip install"):
        load_pipeline(NerConfig(model="no_such_newsweave_model_pkg"))


def test_bad_batch_size_is_a_config_error() -> None:
    with pytest.raises(ConfigError):
        load_pipeline(NerConfig(batch_size=0))


def _doc(words: list[str], ents: list[tuple[int, int, str]]):  # type: ignore[no-untyped-def]
    spacy = pytest.importorskip("spacy")
    from spacy.tokens import Doc, Span

    doc = Doc(spacy.blank("en").vocab, words=words)
    doc.ents = [Span(doc, s, e, label=lab) for s, e, lab in ents]
    return doc


def test_repair_trims_possessive_the_and_titles() -> None:
    doc = _doc(
        ["the", "Zembla", "\u2019s", "envoy", "met", "President", "Ada", "Quill", "."],
        [(0, 3, "GPE"), (5, 8, "PERSON")],
    )
    assert [(s.text, s.label) for s in repair_spans(doc)] == [
        ("Zembla", "GPE"),
        ("Ada Quill", "PERSON"),
    ]


def test_repair_extends_a_clipped_person_and_cuts_titles_off_an_org() -> None:
    words = ["Aides", "include", "Harbor", "Guard", "Marshals", "Ri", "Pyong", "Chol", "."]
    doc = _doc(words, [(2, 5, "ORG"), (7, 8, "PERSON")])
    assert [(s.text, s.label) for s in repair_spans(doc)] == [
        ("Harbor Guard", "ORG"),
        ("Ri Pyong Chol", "PERSON"),
    ]


def test_repair_cuts_headline_words_and_line_breaks() -> None:
    words = [
        "Hire",
        "Maurice",
        "Cheeks",
        "\n",
        "Maurice",
        "Cheeks",
        "will",
        "coach",
        "Regina",
        "Benjamin",
        "\n",
        "Jul",
    ]
    doc = _doc(words, [(0, 3, "PERSON"), (4, 6, "PERSON"), (8, 12, "PERSON")])
    assert [s.text for s in repair_spans(doc)] == [
        "Maurice Cheeks",
        "Maurice Cheeks",
        "Regina Benjamin",
    ]


def test_repair_cuts_words_the_article_writes_in_lower_case() -> None:
    words = ["Ada", "Quill", "Returns", "after", "she", "returns", "home", "."]
    doc = _doc(words, [(0, 3, "PERSON")])
    assert [s.text for s in repair_spans(doc)] == ["Ada Quill"]
    short = _doc(["Will", "Vale", "will", "go"], [(0, 2, "PERSON")])
    assert [s.text for s in repair_spans(short)] == ["Will Vale"]


def test_extract_in_worker_processes_matches_one_process() -> None:
    spacy = pytest.importorskip("spacy")
    from newsweave.entities.ner import extract

    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("entity_ruler")
    ruler.add_patterns(
        [{"label": "PERSON", "pattern": "Ada Quill"}, {"label": "GPE", "pattern": "Zembla"}]
    )
    articles = [(f"a{i}", f"Ada Quill went to Zembla on day {i}.") for i in range(7)]
    one = list(extract(nlp, articles, NerConfig(processes=1, batch_size=2)))
    two = list(extract(nlp, articles, NerConfig(processes=2, batch_size=2)))
    assert one == two
    assert [a.article_id for a in two] == [f"a{i}" for i in range(7)]
    assert [s.text for s in two[3].spans] == ["Ada Quill", "Zembla"]
