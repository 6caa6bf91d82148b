"""Disagreements between two aligned claims: number, date, place, person, polarity.

Two claims that state the same fact conflict when they give different values for one field:
a count of the same thing ("seven trips" / "eight trips"), a year ("in 2019" / "in 2018"), a
place, a person, or polarity ("agreed" / "did not agree"). Hedged claims never conflict on
polarity: "may not attend" does not contradict "will attend".
"""

from __future__ import annotations

from newsweave.claims import lexicon
from newsweave.claims.units import LOCATIVE, ClaimUnit, stem

#: Fields in the order they are reported when a pair disagrees on several.
FIELDS = ("number", "date", "place", "person", "polarity")


def _same_name(a: str, b: str) -> bool:
    """Names agree when the words of one are all in the other ("Kim" / "Kim Jong Un")."""
    wa, wb = set(a.split()), set(b.split())
    return wa <= wb or wb <= wa


def number_values(unit: ClaimUnit) -> dict[str, float]:
    """Counted noun -> value, for the quantities whose noun is known."""
    return {noun: value for value, noun in unit.quantities if noun}


def measure_conflict(a: ClaimUnit, b: ClaimUnit) -> tuple[str, str, str] | None:
    """One count or amount, said with one verb, given two values ("injured four"/"five")."""
    ma = {(noun, verb): value for value, noun, verb in a.measures}
    for value, noun, verb in b.measures:
        other = ma.get((noun, verb))
        if other is not None and other != value:
            return "number", _number(other, noun), _number(value, noun)
    return None


def conflict_field(a: ClaimUnit, b: ClaimUnit) -> tuple[str, str, str] | None:
    """The first field on which two aligned claims disagree, with each side's value."""
    na, nb = number_values(a), number_values(b)
    for noun in sorted(set(na) & set(nb)):
        if na[noun] != nb[noun]:
            return "number", _number(na[noun], noun), _number(nb[noun], noun)
    measured = measure_conflict(a, b)
    if measured is not None:
        return measured
    da, db = _when(a), _when(b)
    if da and db and not any(x.startswith(y) or y.startswith(x) for x in da for y in db):
        return "date", ", ".join(da), ", ".join(db)
    slot = _slot_conflict(a, b)
    if slot is not None:
        return slot
    if a.negated != b.negated and not (a.hedged or b.hedged) and _same_predicate(a, b):
        return "polarity", _polarity(a), _polarity(b)
    return None


def _slot_conflict(a: ClaimUnit, b: ClaimUnit) -> tuple[str, str, str] | None:
    """Different names in one role ("held in Marrowby" / "held in Port Ilse")."""
    left: dict[str, list[tuple[str, str]]] = {}
    for slot, name, kind in a.slots:
        left.setdefault(slot, []).append((name, kind))
    for slot, name, kind in b.slots:
        for other, other_kind in left.get(slot, []):
            if _same_name(name, other) or name in a.text.casefold():
                continue
            if other in b.text.casefold():
                continue
            where = slot.split(">")[0] in LOCATIVE or kind == other_kind == "place"
            field = "place" if where else "person"
            return field, other, name
    return None


def _same_predicate(a: ClaimUnit, b: ClaimUnit) -> bool:
    """Polarity is compared on one verb ("agreed" / "did not agree"), or a verb and its denial."""
    if stem(a.predicate) == stem(b.predicate):
        return True
    denial = (a.predicate in lexicon.DENIAL_VERBS) != (b.predicate in lexicon.DENIAL_VERBS)
    return denial and bool(a.object) and a.object == b.object  # "accepted" / "rejected" an offer


def _when(unit: ClaimUnit) -> tuple[str, ...]:
    """The normalized dates of a claim, else its bare years."""
    return unit.dates or unit.years


def _number(value: float, noun: str) -> str:
    """A value as a reader writes it: "7 trips", "1 delegation", "$12.5 million"."""
    if len(noun) == 1 and not noun.isalnum():  # an amount of money ("$")
        for size, word in ((1e9, "billion"), (1e6, "million")):
            if abs(value) >= size:
                return f"{noun}{value / size:g} {word}"
        return f"{noun}{value:,g}"
    shown = str(int(value)) if value.is_integer() else str(value)
    return f"{shown} {noun if value == 1 else _plural(noun)}"


#: Plurals that adding "s" gets wrong, for the nouns counted in news.
_IRREGULAR = {"person": "people", "child": "children", "man": "men", "woman": "women"}


def _plural(noun: str) -> str:
    """The plural of a counted noun's lemma ("worker" -> "workers"; "people" stays)."""
    if noun in _IRREGULAR:
        return _IRREGULAR[noun]
    if not noun.isalpha() or noun.endswith("s") or noun in _IRREGULAR.values():
        return noun
    if noun.endswith("y") and noun[-2:-1] not in "aeiou":
        return noun[:-1] + "ies"
    return noun + ("es" if noun.endswith(("ch", "sh", "x")) else "s")


def _polarity(unit: ClaimUnit) -> str:
    return "negated" if unit.negated else "affirmed"
