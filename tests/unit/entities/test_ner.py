from __future__ import annotations

import pytest

from newsweave.entities.ner import NerConfig, load_pipeline, repair_spans
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
