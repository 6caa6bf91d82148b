"""Claim units: the clauses of an article's cleaned text that each state one fact.

A unit keeps what the claims stage compares across sources: its numbers (with the noun they
count), years, places, people, negation, hedging and attribution. These are read from the
spaCy dependency parse and named entities, with the word lists in :mod:`.lexicon`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from newsweave.claims import lexicon
from newsweave.text.numbers import parse_number
from newsweave.text.temporal import MONTHS, TimeValue, normalize

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

#: Entity labels that name places and people.
PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
PERSON_LABELS = frozenset({"PERSON"})
#: Labels of names that fill a slot of a claim (who, where); a small model confuses them.
NAME_LABELS = PLACE_LABELS | PERSON_LABELS | frozenset({"ORG", "NORP"})
#: Prepositions whose object is where something happened.
LOCATIVE = frozenset(["in", "at", "near", "outside", "inside", "from", "to", "across", "into"])
_YEAR = re.compile(r"\b(1[89]\d\d|20\d\d|21\d\d)\b")
_CONTENT_POS = frozenset({"NOUN", "PROPN", "VERB", "NUM", "ADJ"})
#: Units shorter than this many words are headings or fragments, not claims.
MIN_WORDS = 5
#: Words that open a clause that needs the sentence before it ("This outreach aims ...").
ANAPHORIC_OPENERS = frozenset(["this", "that", "these", "those", "it", "they", "he", "she", "such"])


@dataclass(frozen=True, slots=True, kw_only=True)
class ClaimUnit:
    """One clause of one article, with the fields the comparison reads.

    Attributes:
        article_id: the article.
        sentence: index of the sentence in the article.
        start: character offset of the unit in the article text.
        end: end offset.
        text: the unit's text.
        keys: content lemmas (blocking and overlap).
        quantities: ``(value, counted noun lemma or "")`` pairs.
        measures: ``(value, what, verb)`` for each count or amount of money with the verb it
            depends on: ``(4.0, "worker", "injure")`` for "injuring four workers" and "four
            workers were injured", ``(14e6, "$", "value")`` for "valued at about $14 million".
        years: four-digit years mentioned.
        dates: dates stated, normalized against the publication date ("2023-09-12",
            "2023-09", "2019"; see :mod:`newsweave.text.temporal`).
        places: folded place names.
        persons: folded person names.
        slots: ``(slot, folded name, "place"|"person")`` for each name, where the slot is the
            name's role in the clause ("in>hold": the place something was held in,
            "nsubj>win": who won); two claims naming different names in one slot disagree.
        predicate: lemma of the verb that carries the statement.
        object: stem of that verb's direct object, when it has one.
        negated: the main statement is negated or denied.
        hedged: a modal, hedging adverb or hedging verb governs the statement.
        attribution: who the statement is attributed to, when it is.
        attribution_span: character offsets of the attributed source in the article text.
        entities: resolved entity ids mentioned (set from stored mentions, not cached).
    """

    article_id: str
    sentence: int
    start: int
    end: int
    text: str
    keys: tuple[str, ...] = ()
    quantities: tuple[tuple[float, str], ...] = ()
    measures: tuple[tuple[float, str, str], ...] = ()
    years: tuple[str, ...] = ()
    dates: tuple[str, ...] = ()
    places: tuple[str, ...] = ()
    persons: tuple[str, ...] = ()
    slots: tuple[tuple[str, str, str], ...] = ()
    predicate: str = ""
    object: str = ""
    negated: bool = False
    hedged: bool = False
    attribution: str | None = None
    attribution_span: tuple[int, int] | None = None
    entities: tuple[str, ...] = ()

    def to_json(self) -> dict[str, Any]:
        """Plain data for the stored cache."""
        return {
            "article_id": self.article_id,
            "sentence": self.sentence,
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "keys": list(self.keys),
            "quantities": [list(q) for q in self.quantities],
            "measures": [list(m) for m in self.measures],
            "years": list(self.years),
            "dates": list(self.dates),
            "places": list(self.places),
            "persons": list(self.persons),
            "slots": [list(x) for x in self.slots],
            "predicate": self.predicate,
            "object": self.object,
            "negated": self.negated,
            "hedged": self.hedged,
            "attribution": self.attribution,
            "attribution_span": list(self.attribution_span) if self.attribution_span else None,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> ClaimUnit:
        """Rebuild from :meth:`to_json`."""
        return cls(
            article_id=str(data["article_id"]),
            sentence=int(data["sentence"]),
            start=int(data["start"]),
            end=int(data["end"]),
            text=str(data["text"]),
            keys=tuple(data["keys"]),
            quantities=tuple((float(v), str(n)) for v, n in data["quantities"]),
            measures=tuple((float(v), str(n), str(w)) for v, n, w in data.get("measures", [])),
            years=tuple(data["years"]),
            dates=tuple(data["dates"]),
            places=tuple(data["places"]),
            persons=tuple(data["persons"]),
            slots=tuple((str(a), str(b), str(c)) for a, b, c in data["slots"]),
            predicate=str(data["predicate"]),
            object=str(data["object"]),
            negated=bool(data["negated"]),
            hedged=bool(data["hedged"]),
            attribution=data["attribution"],
            attribution_span=_span_of(data.get("attribution_span")),
        )


def _span_of(value: Any) -> tuple[int, int] | None:  # noqa: ANN401 - decoded JSON
    return (int(value[0]), int(value[1])) if value else None


def fold_name(text: str) -> str:
    """Case-fold a name and drop a possessive and a leading article ("the Kremlin's")."""
    name = text.casefold().replace("\u2019", "'").strip()
    name = re.sub(r"'s?$", "", name).removeprefix("the ")
    return re.sub(r"[\s\-]+", " ", name).strip()


PARAGRAPHS = "newsweave_paragraphs"


def split_paragraphs(doc: Any) -> Any:  # noqa: ANN401 - a spaCy Doc
    """Set sentence starts the parser gets wrong: paragraphs and datelines.

    A sentence starts after every blank line, so a dateline line ("PORT CALLOWAY, 13 May
    2025") or a headline never runs on into the next paragraph; and a dateline opening a
    paragraph ("PORT CALLOWAY — The union says ...") is a sentence of its own, so it is never
    read as the subject of the sentence after it.
    """
    for tok in doc:
        before = doc[tok.i - 1] if tok.i else None
        if tok.is_space or not (before is None or (before.is_space and "\n\n" in before.text)):
            continue
        if tok.i:
            tok.is_sent_start = True
        dash = _dateline_end(doc, tok.i)
        if dash is not None and dash + 1 < len(doc):
            for inner in doc[tok.i + 1 : dash + 1]:
                inner.is_sent_start = False
            doc[dash + 1].is_sent_start = True
    return doc


#: Tokens a dateline is made of ("PORT CALLOWAY, 13 May 2025 —"), at most this many.
_DATELINE_TOKENS = 10


def _dateline_end(doc: Any, start: int) -> int | None:  # noqa: ANN401 - a spaCy Doc
    """The index of the dash ending a dateline that starts at ``start``, if there is one."""
    upper = False
    for tok in doc[start : start + _DATELINE_TOKENS]:
        if tok.text in _DASHES:
            return tok.i if upper else None
        if tok.is_alpha and tok.is_upper and len(tok.text) > 1:
            upper = True
        elif not (tok.text == "," or _in_dateline(tok)):
            return None
    return None


def _is_dateline(words: Sequence[Token]) -> bool:
    """Words of a dateline only, and no verb (an all-capitals sentence has verbs)."""
    return all(_in_dateline(t) and t.pos_ not in {"VERB", "AUX"} for t in words)


def _in_dateline(tok: Token) -> bool:
    """A token a dateline is made of: a place in capitals, a day, a month, a year."""
    return tok.is_upper or tok.like_num or tok.lower_ in MONTHS


def with_paragraphs(nlp: Any) -> Any:  # noqa: ANN401 - a spaCy Language
    """Add :func:`split_paragraphs` to a pipeline, before its parser."""
    from spacy.language import Language

    if PARAGRAPHS not in Language.factories:
        Language.component(PARAGRAPHS, func=split_paragraphs)
    if PARAGRAPHS not in nlp.pipe_names:
        nlp.add_pipe(PARAGRAPHS, before="parser")
    return nlp


def units_of(
    doc: Any,  # noqa: ANN401 - a spaCy Doc
    article_id: str,
    anchor: date | None = None,
) -> list[ClaimUnit]:
    """Split a parsed article into claim units (one per clause carrying its own subject).

    ``anchor`` (the publication date) resolves relative dates ("on Tuesday").
    """
    out: list[ClaimUnit] = []
    for index, sent in enumerate(doc.sents):
        for clause in _clauses(sent):
            unit = _unit(clause, sent, article_id, index, anchor)
            if unit is not None:
                out.append(unit)
    return out


def _clauses(sent: Span) -> Iterator[Sequence[Token]]:
    """The sentence, or its coordinated clauses when each has its own subject."""
    root = sent.root
    heads = [root] + [
        t for t in root.children if t.dep_ == "conj" and t.pos_ in {"VERB", "AUX"} and _subject(t)
    ]
    if len(heads) == 1 or not _subject(root):
        yield list(sent)
        return
    owner: dict[int, int] = {}
    for n in range(len(heads) - 1, -1, -1):  # conjuncts first: the root's subtree holds them
        for tok in heads[n].subtree:
            owner.setdefault(tok.i, n)
    for n in range(len(heads)):
        tokens = [t for t in sent if owner.get(t.i, 0) == n]
        while tokens and (tokens[-1].dep_ in {"cc", "punct"} or tokens[-1].is_space):
            tokens.pop()
        yield tokens


def _subject(token: Token) -> Token | None:
    return next((c for c in token.children if c.dep_ in {"nsubj", "nsubjpass", "expl"}), None)


def _unit(
    tokens: Sequence[Token], sent: Span, article_id: str, index: int, anchor: date | None
) -> ClaimUnit | None:
    words = [t for t in tokens if not (t.is_punct or t.is_space)]
    if len(words) < MIN_WORDS or _is_dateline(words):
        return None  # too short, or a dateline ("PORT CALLOWAY, 13 May 2025")
    start, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)
    text = sent.doc.text[start:end].strip()
    attribution, main = _attribution(tokens)
    stated = _content_part(words, main, attribution[1] if attribution else None)
    inside = {t.i for t in stated}
    ents = [e for e in sent.ents if all(t.i in inside for t in e)]

    return ClaimUnit(
        article_id=article_id,
        sentence=index,
        start=start,
        end=end,
        text=text,
        keys=tuple(sorted({stem(t.lemma_.lower()) for t in stated if _is_content(t)})),
        quantities=tuple(_quantities(tokens)),
        measures=tuple(sorted(set(_measures(tokens)))),
        years=tuple(sorted(set(_YEAR.findall(text)))),
        dates=tuple(sorted({str(v) for e in ents if (v := _date(e, anchor)) is not None})),
        places=tuple(sorted({fold_name(e.text) for e in ents if e.label_ in PLACE_LABELS})),
        persons=tuple(sorted({fold_name(e.text) for e in ents if e.label_ in PERSON_LABELS})),
        slots=tuple(sorted({_slot(name) for name in _names(stated, ents)})),
        predicate=_predicate(main).lemma_.lower(),
        object=_object(main),
        negated=_negated(main),
        hedged=_hedged(main, words),
        attribution=attribution[0] if attribution else None,
        attribution_span=attribution[1] if attribution else None,
    )


#: Derivational endings removed so that "arrival"/"arrive" and "discussion"/"discuss" meet.
_SUFFIXES = (
    "ations",
    "ation",
    "itions",
    "ition",
    "ions",
    "ion",
    "ments",
    "ment",
    "ances",
    "ance",
    "ences",
    "ence",
    "ness",
    "ity",
    "als",
    "al",
    "ing",
    "ers",
    "er",
    "es",
    "ed",
    "e",
    "s",
)


def stem(lemma: str) -> str:
    """A crude derivational stem: endings removed while at least four letters remain."""
    word = lemma
    while True:
        cut = next((x for x in _SUFFIXES if word.endswith(x) and len(word) - len(x) >= 4), None)
        if cut is None:
            return word
        word = word[: -len(cut)]


def _is_content(token: Token) -> bool:
    """A content word outside named entities (names are keyed separately, by entity)."""
    return (
        token.pos_ in _CONTENT_POS
        and not token.is_stop
        and len(token.text) > 1
        and not token.ent_type_
    )


def _content_part(
    words: Sequence[Token], main: Token, source: tuple[int, int] | None
) -> list[Token]:
    """The words of what is stated, without the attribution ("X reported that ...")."""
    if main.dep_ in {"ccomp", "xcomp", "dobj"}:
        inside = {t.i for t in main.subtree}
        words = [t for t in words if t.i in inside]
    if source is None:
        return list(words)
    return [t for t in words if not source[0] <= t.idx < source[1] and t.lower_ != "according"]


def _quantities(tokens: Sequence[Token]) -> Iterator[tuple[float, str]]:
    """Cardinal numbers with the noun they count ("seven trips" -> (7, "trip")).

    A number of several words ("four thousand") is read whole, at its last word.
    """
    for tok in tokens:
        if not _is_number(tok) or (tok.dep_ in {"compound", "quantmod"} and _is_number(tok.head)):
            continue
        if tok.i + 1 < len(tok.doc) and tok.doc[tok.i + 1].text in {"-", "\u2013"}:
            continue  # "12-year tenure": a compound modifier, not a count
        first = min([tok, *(c for c in tok.lefts if c.dep_ in {"compound", "quantmod"})])
        value = parse_number(tok.doc[first.i : tok.i + 1].text)
        if value is None or _YEAR.fullmatch(tok.text):
            continue
        yield value, _counted_noun(tok)


def _measures(tokens: Sequence[Token]) -> Iterator[tuple[float, str, str]]:
    """Counts and amounts of money, each with the verb it depends on (see ``measures``).

    An amount may carry an approximation ("about $14 million"); counts are those of
    :func:`_quantities`.
    """
    for value, noun in _quantities(tokens):
        if noun and noun not in _SHARES:
            verb = _verb_of_count(tokens, noun)
            if verb:
                yield value, noun, verb
    for tok in tokens:
        if not tok.is_currency or tok.i + 1 >= len(tok.doc):
            continue
        end = tok.i + 1
        while end < min(tok.i + 4, len(tok.doc)) and _is_number(tok.doc[end]):
            end += 1  # "$ 12.5 million": the number's words
        if end == tok.i + 1:
            continue
        amount = parse_number(tok.doc[tok.i + 1 : end].text)
        verb = _verb_above(tok.doc[end - 1])
        if amount is not None and verb:
            yield amount, tok.text, verb


#: A share says nothing on its own ("15 percent fewer parcels", "60 percent of volume").
_SHARES = frozenset(["percent", "%", "cent", "percentage", "point"])


def _verb_of_count(tokens: Sequence[Token], noun: str) -> str:
    """The verb the count of ``noun`` depends on ("injuring four workers": "injure")."""
    for tok in tokens:
        if tok.dep_ == "nummod" and _is_number(tok) and str(tok.head.lemma_.lower()) == noun:
            return _verb_above(tok.head)
    return ""


def _verb_above(tok: Token) -> str:
    """Lemma of the nearest verb governing ``tok`` ("" when none within a few steps)."""
    for _ in range(4):
        if tok.pos_ == "VERB":
            return str(tok.lemma_.lower())
        if tok.head is tok:
            return ""
        tok = tok.head
    return ""


def _is_number(tok: Token) -> bool:
    return tok.ent_type_ not in {"DATE", "TIME"} and (tok.like_num or tok.pos_ == "NUM")


#: Dependencies that make a name the one who acts, or the one acted on (passives folded in).
_SUBJECT = frozenset(["nsubj", "agent"])
_OBJECT = frozenset(["dobj", "nsubjpass", "ccomp", "oprd", "attr", "dative", "appos"])
#: Proper nouns that name times, not places or people.
_CALENDAR = frozenset(
    [
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ]
)


def _names(stated: Sequence[Token], ents: Sequence[Span]) -> list[tuple[Token, str, str]]:
    """Names in what is stated: ``(root token, text, label)``.

    Entities with a name label, and proper nouns the entity recogniser left out or mistook
    for a date (a small model misses many place names it has never seen).
    """
    found = [(e.root, e.text, e.label_) for e in ents if e.label_ in NAME_LABELS]
    taken = {t.i for e in ents if e.label_ in NAME_LABELS for t in e}
    for tok in stated:
        if tok.pos_ != "PROPN" or tok.i in taken or tok.dep_ == "compound":
            continue
        if tok.lower_ in _CALENDAR or (tok.ent_type_ and tok.ent_type_ not in {"DATE", "TIME"}):
            continue
        parts = [c for c in tok.lefts if c.dep_ == "compound" and c.pos_ == "PROPN"]
        first = min([tok, *parts]).i
        found.append((tok, tok.doc[first : tok.i + 1].text, ""))
    return found


def _slot(name: tuple[Token, str, str]) -> tuple[str, str, str]:
    """The role of a name in its clause, the folded name, and whether it is a place.

    The role is the preposition or the grammatical role (subject, object) of the name and the
    nearest verb above it: "in>build" for "will build its centre in Eastbrook", "subj>win" for
    both "X won the race" and "the race was won by X".
    """
    root, text, label = name
    link = root.head if root.dep_ == "pobj" else root
    verb = next((t for t in link.ancestors if t.pos_ in {"VERB", "AUX"}), link.head)
    if root.dep_ == "pobj":
        role = "subj" if link.dep_ == "agent" else link.lower_
    else:
        role = "subj" if root.dep_ in _SUBJECT else "obj" if root.dep_ in _OBJECT else root.dep_
    place = role in LOCATIVE or label in PLACE_LABELS
    return f"{role}>{stem(verb.lemma_.lower())}", fold_name(text), "place" if place else "person"


def _object(main: Token) -> str:
    """Stem of the direct object of the statement's verb ("accepted the contract")."""
    verb = _predicate(main)
    obj = next((c for c in verb.children if c.dep_ in {"dobj", "nsubjpass"}), None)
    return stem(obj.lemma_.lower()) if obj is not None else ""


def _date(ent: Span, anchor: date | None) -> TimeValue | None:
    """A date entity's normalized value (durations and unanchored relative dates: None)."""
    return normalize(ent.text, anchor) if ent.label_ in {"DATE", "TIME"} else None


def _predicate(main: Token) -> Token:
    """The verb that carries the statement (the governing verb of a nominal object)."""
    return main.head if main.dep_ == "dobj" else main


def _counted_noun(tok: Token) -> str:
    if tok.dep_ == "nummod" and tok.head.pos_ in {"NOUN", "PROPN"}:
        return str(tok.head.lemma_.lower())
    of = next((c for c in tok.children if c.lower_ == "of"), None)
    if of is not None:
        noun = next((c for c in of.children if c.dep_ == "pobj"), None)
        if noun is not None:
            return str(noun.lemma_.lower())
    return ""


def _attribution(tokens: Sequence[Token]) -> tuple[tuple[str, tuple[int, int]] | None, Token]:
    """The source a clause is attributed to (text, offsets), and the token stating the claim."""
    root = tokens[0].sent.root
    for tok in tokens:
        if tok.lower_ == "according" and tok.i + 1 < len(tok.doc):
            to = tok.doc[tok.i + 1]
            source = next((c for c in to.children if c.dep_ == "pobj"), None)
            if source is not None:
                return _source(source), root
    if root.lemma_.lower() in lexicon.REPORTING_VERBS:
        subject = _subject(root)
        content = next((c for c in root.children if c.dep_ in {"ccomp", "xcomp"}), None)
        if content is None:  # "Russia has indicated a willingness to discuss aid"
            content = next((c for c in root.children if c.dep_ == "dobj"), None)
        if subject is not None and content is not None:
            return _source(subject), content
    for tok in tokens:
        if tok.dep_ in {"ccomp", "parataxis"} and tok.head.lemma_.lower() in _SAY:
            subject = _subject(tok.head)
            if subject is not None and subject.i > tok.i:
                return _source(subject), tok  # "..., the minister said."
    return None, root


_SAY = lexicon.REPORTING_VERBS


def _source(token: Token) -> tuple[str, tuple[int, int]]:
    """The text and character offsets of a token's subtree."""
    words = list(token.subtree)
    span = token.doc[words[0].i : words[-1].i + 1]
    return str(span.text), (span.start_char, span.end_char)


_DASHES = frozenset({"—", "–", "-", "--"})


def _negated(main: Token) -> bool:
    """The statement is negated ("did not agree", "found no evidence") or denied."""
    verb = _predicate(main)
    if any(
        c.dep_ == "neg" or c.lower_ in lexicon.NEGATORS for c in (*main.children, *verb.children)
    ):
        return True
    if verb.pos_ == "VERB" and verb.lemma_.lower() in lexicon.DENIAL_VERBS:
        return True  # "teachers rejected the offer", "the operator denied the cancellation"
    objects = [c for c in verb.children if c.dep_ in {"dobj", "attr"}]
    if any(d.dep_ == "det" and d.lower_ == "no" for o in objects for d in o.children):
        return True
    head = main.head if main.dep_ in {"ccomp", "xcomp"} else None
    return head is not None and head.lemma_.lower() in lexicon.DENIAL_VERBS


def _hedged(main: Token, words: Sequence[Token]) -> bool:
    chain = [main, *main.ancestors]
    for tok in chain:
        kids = list(tok.children)
        if any(c.dep_ == "aux" and c.lower_ in lexicon.HEDGE_MODALS for c in kids):
            return True
        if tok.lemma_.lower() in lexicon.HEDGE_VERBS and tok.pos_ == "VERB":
            return True
    return any(t.lower_ in lexicon.HEDGE_ADVERBS for t in words)
