"""Demonyms ("North Korean", "Pakistani") to the keys of the places they come from.

:func:`place_keys` proposes candidate place keys by suffix rules plus a short table of irregular
forms. The resolver links a demonym to a place only when a place entity with one of these keys is
already known, so a wrong guess ("Chin" for "Chinese") never creates anything.
"""

from __future__ import annotations

from newsweave.entities.normalize import name_key

#: Irregular demonyms (key -> place key); regular ones are handled by suffix rules.
IRREGULAR: dict[str, tuple[str, ...]] = {
    "american": ("united states", "us", "america"),
    "americans": ("united states", "us", "america"),
    "british": ("united kingdom", "uk", "britain"),
    "briton": ("united kingdom", "uk", "britain"),
    "english": ("england",),
    "dutch": ("netherlands",),
    "french": ("france",),
    "swiss": ("switzerland",),
    "greek": ("greece",),
    "filipino": ("philippines",),
    "thai": ("thailand",),
    "welsh": ("wales",),
    "afghan": ("afghanistan",),
    "turkish": ("turkey", "turkiye"),
    "spanish": ("spain",),
    "danish": ("denmark",),
    "swedish": ("sweden",),
    "norwegian": ("norway",),
    "peruvian": ("peru",),
    "congolese": ("congo",),
    "israeli": ("israel",),
    "saudi": ("saudi arabia",),
    "emirati": ("united arab emirates", "uae"),
    "kiwi": ("new zealand",),
}

#: (suffix to remove, ending to add), tried in order on the last word.
_RULES: tuple[tuple[str, str], ...] = (
    ("n", ""),  # Korean -> Korea, Russian -> Russia, Indian -> India
    ("ian", "e"),  # Ukrainian -> Ukraine, Palestinian -> Palestine
    ("ian", "a"),  # Canadian -> Canada
    ("ian", ""),  # Egyptian -> Egypt
    ("an", "o"),  # Mexican -> Mexico, Moroccan -> Morocco
    ("ese", ""),  # Japanese -> Japan, Lebanese -> Leban(on) no; Sudanese -> Sudan
    ("ese", "a"),  # Chinese -> China
    ("ese", "on"),  # Lebanese -> Lebanon
    ("i", ""),  # Pakistani -> Pakistan, Iraqi -> Iraq
    ("lish", "land"),  # Polish -> Poland, English -> England
    ("nish", "land"),  # Finnish -> Finland
    ("tish", "land"),  # Scottish -> Scotland
    ("ish", "eland"),  # Irish -> Ireland
    ("s", ""),  # plurals: Russians -> Russian (then the rules above do not chain)
)


def place_keys(demonym: str) -> tuple[str, ...]:
    """Return candidate place keys for a demonym, most likely first; may be empty.

    Only the last word changes: ``"North Korean"`` gives ``"north korea"`` first.
    """
    key = name_key(demonym, titles=False)
    if not key:
        return ()
    words = key.split()
    head, last = words[:-1], words[-1]
    out: list[str] = list(IRREGULAR.get(key, IRREGULAR.get(last, ())))
    singular = last[:-1] if last.endswith("s") and len(last) > 4 else last
    for word in dict.fromkeys((last, singular)):
        for suffix, ending in _RULES:
            if word.endswith(suffix) and len(word) - len(suffix) >= 2:
                out.append(" ".join([*head, word[: len(word) - len(suffix)] + ending]))
    return tuple(dict.fromkeys(k for k in out if k != key))


__all__ = ["IRREGULAR", "place_keys"]
