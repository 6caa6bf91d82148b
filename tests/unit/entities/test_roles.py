from __future__ import annotations

import re

from newsweave.entities.ner import NamedSpan
from newsweave.entities.roles import find_roles


def _spans(text: str, *items: tuple[str, str]) -> list[NamedSpan]:
    out = []
    for name, label in items:
        for m in re.finditer(re.escape(name), text):
            out.append(NamedSpan(text=name, start=m.start(), end=m.end(), label=label))
    return sorted(out, key=lambda s: s.start)


def _roles(text: str, *items: tuple[str, str]) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for r in find_roles(text, _spans(text, *items)):
        out.setdefault(text[r.start : r.end], []).append(r.text)
    return out


def test_apposition_after_the_name() -> None:
    text = "Talks included Mira Osk, responsible for harbor tariffs, which matter."
    assert _roles(text, ("Mira Osk", "PERSON")) == {"Mira Osk": ["responsible for harbor tariffs"]}


def test_apposition_with_a_place_inside() -> None:
    text = "Also there was Ido Ferr, chairman of Zembla\u2019s canal committee, and others."
    roles = _roles(text, ("Ido Ferr", "PERSON"), ("Zembla", "GPE"))
    assert roles == {"Ido Ferr": ["chairman of Zembla's canal committee"]}


def test_title_run_with_named_modifiers() -> None:
    text = "Zemblan Vice Harbor Minister Ada Quill warned on Monday."
    roles = _roles(text, ("Zemblan", "NORP"), ("Ada Quill", "PERSON"))
    assert roles == {"Ada Quill": ["Zemblan Vice Harbor Minister"]}


def test_service_and_abbreviated_rank() -> None:
    text = "Photos showed Navy Adm. Bo Ren at the dock."
    assert _roles(text, ("Bo Ren", "PERSON")) == {"Bo Ren": ["Navy Adm."]}


def test_plural_title_is_shared_by_coordinated_names() -> None:
    text = "They met Harbor Guard Marshals Al Vo and Ny Tam yesterday."
    roles = _roles(text, ("Harbor Guard", "ORG"), ("Al Vo", "PERSON"), ("Ny Tam", "PERSON"))
    assert roles == {"Al Vo": ["Harbor Guard Marshal"], "Ny Tam": ["Harbor Guard Marshal"]}


def test_apposition_before_the_name() -> None:
    text = "The group includes his trade envoy, Pia Lund, and two aides."
    assert _roles(text, ("Pia Lund", "PERSON")) == {"Pia Lund": ["trade envoy"]}


def test_lists_clauses_and_plain_context_give_no_role() -> None:
    text = (
        "Ada Quill, Bo Ren and Pia Lund arrived. Bo Ren, who spoke first, left. "
        "In the past, Pia Lund said little. Talks with Ada Quill, following the vote, ended."
    )
    roles = _roles(text, ("Ada Quill", "PERSON"), ("Bo Ren", "PERSON"), ("Pia Lund", "PERSON"))
    assert roles == {}


def test_title_inside_the_span_is_a_role() -> None:
    text = "President Ada Quill spoke."
    spans = [NamedSpan(text="President Ada Quill", start=0, end=19, label="PERSON")]
    assert [r.text for r in find_roles(text, spans)] == ["President"]


def test_a_courtesy_title_alone_is_not_a_role() -> None:
    text = "Later Mr Vance said the crane was sound, and Ms. Ada Quill agreed."
    assert _roles(text, ("Vance", "PERSON"), ("Ada Quill", "PERSON")) == {}
