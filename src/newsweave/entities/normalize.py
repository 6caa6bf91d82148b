"""Name normalization for entity resolution.

Pure string functions, no NLP library: they turn the surface form of a mention into

* a *display* form (straight quotes, no possessive, no leading "the", no title), used as an
  alias, and
* a *key* (case-folded, hyphens and dots folded, whitespace collapsed) under which two
  spellings of one name meet: ``"Kim Jong-un"`` and ``"Kim Jong Un"`` share ``"kim jong un"``.

Titles and honorifics ("President", "Navy Adm.", "Vice Foreign Minister") are split off the name
by :func:`split_title`; the caller keeps them as role text.
"""

from __future__ import annotations

import re
from functools import lru_cache

#: Curly quotes and similar marks folded to their ASCII form.
_QUOTES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "\u201c": '"', "\u201d": '"'})
_DASHES = str.maketrans({"\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-"})
_POSSESSIVE = re.compile(r"(?:'s|s')$|'$", re.IGNORECASE)
_LEADING_THE = re.compile(r"^the\s+", re.IGNORECASE)
_SPACES = re.compile(r"\s+")
_KEY_DROP = re.compile(r"[.'\"`,()\[\]]")

#: Words that are titles, ranks or honorifics when they stand before a name. Lower-case, with
#: the abbreviation dot kept where it is usual. Used both to strip titles from names and, by
#: :mod:`newsweave.entities.roles`, to find role phrases before a name.
_TITLE_LIST = """
    mr. mrs. ms. miss dr. prof. sir dame lord lady st. rev. fr.
    president vice prime minister ministers secretary deputy foreign defense defence interior
    finance chancellor premier king queen prince princess pope emperor sheikh emir sultan
    senator sen. representative rep. congressman congresswoman governor gov. mayor judge justice
    ambassador envoy spokesman spokeswoman spokesperson chairman chairwoman chair chief ceo cfo
    director commissioner commander general gen. admiral adm. marshal marshals colonel col.
    lieutenant lt. lt.-gen. maj. major captain capt. sergeant sgt. corporal cpl. private pvt.
    officer detective det. sheriff inspector constable leader coach manager
    mr mrs ms dr prof gen sen gov lt col capt sgt adm maj rev
"""
TITLE_WORDS: frozenset[str] = frozenset(_TITLE_LIST.split())

#: Lower-case nouns that describe a person when they stand right before the name.
ROLE_NOUNS = frozenset(
    {
        "actress", "actor", "singer", "rapper", "star", "player", "striker", "quarterback",
        "suspect", "defendant", "lawyer", "attorney", "analyst", "economist", "reporter",
        "journalist", "author", "founder", "co-founder", "owner", "executive", "official",
        "diplomat", "activist", "dictator", "strongman", "lawmaker", "legislator", "boss",
        "designer", "musician", "director", "producer", "anchor", "host", "chef", "model",
        "comedian", "climber", "mountaineer", "guide", "pilot", "captain", "scientist",
        "englishman", "frenchman", "scotsman", "irishman", "dutchman", "welshman", "countryman",
        "businessman", "businesswoman", "billionaire", "tycoon", "veteran", "rookie", "coach",
    }
)  # fmt: skip
#: Armed services, which are part of a title only when a rank follows ("Navy Adm.").
SERVICE_WORDS: frozenset[str] = frozenset({"navy", "army", "air", "force", "marine", "coast"})

#: Plural titles that apply to each of several following names ("Marshals A and B").
PLURAL_TITLES: dict[str, str] = {
    "marshals": "Marshal",
    "generals": "General",
    "sens.": "Sen.",
    "senators": "Senator",
    "ministers": "Minister",
    "marines": "Marine",
}


def fold_quotes(text: str) -> str:
    """Return ``text`` with curly quotes, apostrophes and hyphen variants made ASCII."""
    return text.translate(_QUOTES).translate(_DASHES)


def strip_possessive(name: str) -> str:
    """Remove a trailing possessive: ``"North Korea's"`` -> ``"North Korea"`` (curly or straight).

    A bare trailing apostrophe (``"Jones'"``) is removed too; ``"Jones"`` keeps its ``s``.
    """
    folded = fold_quotes(name).rstrip()
    if folded.endswith("s'"):
        return folded[:-1]
    return _POSSESSIVE.sub("", folded)


def _is_title(word: str) -> bool:
    low = word.lower()
    return low in TITLE_WORDS or low in PLURAL_TITLES or low in ROLE_NOUNS


def split_title(name: str) -> tuple[str, str]:
    """Split leading titles off a name.

    Args:
        name: a mention's text, e.g. ``"Navy Adm. Kim Myong Sik"``.

    Returns:
        ``(title, bare_name)``, e.g. ``("Navy Adm.", "Kim Myong Sik")``; ``title`` is ``""``
        when there is none. A name made only of title words is returned unchanged, so
        ``"President"`` stays a name rather than becoming empty.
    """
    words = name.split()
    cut = 0
    while cut < len(words) - 1:
        word, nxt = words[cut].lower(), words[cut + 1]
        if not (_is_title(word) or (word in SERVICE_WORDS and _is_title(nxt))):
            break
        cut += 1
    return " ".join(words[:cut]), " ".join(words[cut:])


def display_name(text: str, *, titles: bool = True) -> str:
    """Return the cleaned surface form used as an alias.

    Straight quotes, single spaces, no possessive, no leading "the" and, when ``titles`` is
    true (use it for people only: "Foreign Ministry" is no title), no leading titles. The
    original case and hyphens are kept (``"Kim Jong-un"`` stays as written).
    """
    name = _SPACES.sub(" ", fold_quotes(text)).strip(" ,;:\"'")
    name = strip_possessive(name)
    name = _LEADING_THE.sub("", name)
    return split_title(name)[1] if titles else name


@lru_cache(maxsize=1 << 16)  # pure function of its arguments; resolution calls it very often
def name_key(text: str, *, titles: bool = True) -> str:
    """Return the matching key of a name: case-folded, hyphens as spaces, no dots or quotes.

    ``name_key("Kim Jong-un") == name_key("kim jong un") == "kim jong un"`` and
    ``name_key("the U.S.") == "us"``. The function is idempotent. ``titles`` is passed to
    :func:`display_name`.
    """
    key = _key_once(text, titles=titles)
    while (again := _key_once(key, titles=titles)) != key:  # later passes only remove characters
        key = again
    return key


def _key_once(text: str, *, titles: bool) -> str:
    name = display_name(text, titles=titles).replace("-", " ")
    name = _KEY_DROP.sub("", name)
    words = _SPACES.sub(" ", name).strip().casefold().split(" ")
    return " ".join(_ABBREVIATIONS.get(w, w) for w in words) if len(words) > 1 else words[0]


#: Abbreviations inside multi-word names that are spelled both ways ("Mt Cook", "Mount Cook").
_ABBREVIATIONS = {"mt": "mount", "ft": "fort", "pt": "point", "mtn": "mountain"}


def key_tokens(text: str, *, titles: bool = True) -> tuple[str, ...]:
    """Return the words of :func:`name_key`, e.g. ``("kim", "jong", "un")``."""
    return tuple(name_key(text, titles=titles).split())


@lru_cache(maxsize=1 << 16)  # pure function of its argument
def acronym_variants(text: str) -> frozenset[str]:
    """Return keys of a multi-word name with runs of capitalized words shortened to initials.

    ``"United Nations Security Council"`` gives ``"un security council"``, ``"unsc"``,
    ``"united nations sc"`` and so on, so that it meets ``"UN Security Council"`` or ``"UNSC"``.
    Words such as "of" and "the" inside a run are skipped, as acronyms usually do.
    """
    words = display_name(text, titles=False).replace("-", " ").split()
    caps = [i for i, w in enumerate(words) if w[:1].isupper() and w.lower() not in _SMALL_WORDS]
    if len(caps) < 2:
        return frozenset()
    variants: set[str] = set()
    for lo in range(len(caps)):
        for hi in range(lo + 1, len(caps)):
            first, last = caps[lo], caps[hi]
            inner = [w for w in words[first : last + 1] if w.lower() not in _SMALL_WORDS]
            initials = "".join(w[0] for w in inner)
            variant = [*words[:first], initials, *words[last + 1 :]]
            variants.add(name_key(" ".join(variant), titles=False))
    variants.discard(name_key(text, titles=False))
    return frozenset(variants)


_SMALL_WORDS = frozenset({"of", "the", "and", "for", "&", "de", "du", "la", "le", "der", "von"})


def looks_like_acronym(text: str) -> bool:
    """Return whether a mention is written as an acronym (``"U.S."``, ``"UN"``, ``"NATO"``)."""
    letters = [c for c in fold_quotes(text) if c.isalpha()]
    return 2 <= len(letters) <= 6 and all(c.isupper() for c in letters)


__all__ = [
    "PLURAL_TITLES",
    "ROLE_NOUNS",
    "SERVICE_WORDS",
    "TITLE_WORDS",
    "acronym_variants",
    "display_name",
    "fold_quotes",
    "key_tokens",
    "looks_like_acronym",
    "name_key",
    "split_title",
    "strip_possessive",
]
