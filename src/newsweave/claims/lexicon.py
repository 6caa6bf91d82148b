"""Word lists for attribution, hedging and negation, read against the dependency parse.

The lists are general English news usage, not tuned to any test article: a claim is hedged when
a modal, a hedging adverb or a hedging verb governs its main verb; attributed when its main verb
is governed by a verb of saying (or an "according to" phrase) whose subject names the source.
"""

from __future__ import annotations

#: Verbs whose subject is the source of the clause they govern ("X said that ...").
REPORTING_VERBS = frozenset(
    [
        "say",
        "tell",
        "report",
        "state",
        "announce",
        "acknowledge",
        "confirm",
        "claim",
        "allege",
        "assert",
        "add",
        "note",
        "warn",
        "caution",
        "insist",
        "argue",
        "explain",
        "write",
        "declare",
        "indicate",
        "reveal",
        "disclose",
        "admit",
        "deny",
        "speculate",
        "estimate",
        "predict",
        "tweet",
        "post",
        "testify",
        "concede",
        "maintain",
        "stress",
        "emphasize",
        "emphasise",
    ]
)

#: Modal verbs that make a statement a possibility rather than an assertion.
HEDGE_MODALS = frozenset(["may", "might", "could", "would", "can", "should"])

#: Adverbs and adjectives of likelihood.
HEDGE_ADVERBS = frozenset(
    [
        "potentially",
        "possibly",
        "perhaps",
        "probably",
        "likely",
        "unlikely",
        "reportedly",
        "allegedly",
        "apparently",
        "presumably",
        "seemingly",
        "supposedly",
        "purportedly",
        "potential",
        "possible",
        "probable",
        "alleged",
    ]
)

#: Verbs that hedge what they govern ("is expected to", "appears to", "analysts speculate").
HEDGE_VERBS = frozenset(
    [
        "expect",
        "speculate",
        "suggest",
        "appear",
        "seem",
        "believe",
        "suspect",
        "think",
        "fear",
        "hope",
        "rumor",
        "rumour",
        "anticipate",
        "plan",
        "intend",
    ]
)

#: Verbs that deny what they govern: "both deny these allegations" negates the allegation.
DENIAL_VERBS = frozenset(["deny", "reject", "dismiss", "refute", "fail", "refuse", "decline"])

#: Words that negate a clause besides spaCy's ``neg`` dependency ("never", "no longer").
NEGATORS = frozenset(["not", "n't", "never", "no", "nobody", "nothing", "neither", "nor"])
