"""A spaCy pipeline with a parser, loaded once for the claims tests."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from newsweave.claims.units import ClaimUnit, units_of, with_paragraphs
from newsweave.entities.ner import NerConfig, load_pipeline

PARSER = ("tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "ner")


@pytest.fixture(scope="session")
def nlp() -> Any:
    return with_paragraphs(load_pipeline(NerConfig(components=PARSER)))


@pytest.fixture(scope="session")
def units(nlp: Any) -> Callable[[str], list[ClaimUnit]]:
    def parse(text: str, article_id: str = "a") -> list[ClaimUnit]:
        return units_of(nlp(text), article_id)

    return parse
