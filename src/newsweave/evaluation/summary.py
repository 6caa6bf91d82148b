"""Story summaries against hand-written references: ROUGE-1/2/L F1, with two baselines.

A set is JSON lines ``{"id", "articles": [{"id", "title", "text", "date", "source"}],
"reference"}``; any public multi-document set converted to that shape runs unchanged. Each
system's output is cut to the same number of words before scoring (so a longer summary gains
no recall for free): newsweave's summary, **lead** (the first sentences of the earliest
article) and **centroid** (the sentences nearest the centroid of all sentences, without
redundancy control or facts), all three computed in the same run on the same cleaned articles.
ROUGE comes from the ``rouge-score`` package (stemmed, F1).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from newsweave.errors import InputError, MissingExtraError

METRICS = ("rouge1", "rouge2", "rougeL")
SYSTEMS = ("newsweave", "lead", "centroid")


@dataclass(frozen=True, slots=True, kw_only=True)
class SummaryCase:
    """One story of the set: its articles (as JSON records) and the reference summary."""

    id: str
    articles: tuple[Mapping[str, Any], ...]
    reference: str


def load_cases(path: Path) -> list[SummaryCase]:
    """Read the set; a malformed line raises :class:`InputError` naming the file and line."""
    cases: list[SummaryCase] = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            data = json.loads(line)
            articles = tuple(dict(a) for a in data["articles"])
            if not articles or not all(str(a["text"]).strip() for a in articles):
                raise ValueError("a story needs articles with text")
            cases.append(
                SummaryCase(id=str(data["id"]), articles=articles, reference=str(data["reference"]))
            )
        except (ValueError, KeyError, TypeError) as exc:
            raise InputError(str(path), "json", f"not a summary case ({exc})", line=number) from exc
    if not cases:
        raise InputError(str(path), "empty", "no summary cases in the file")
    return cases


def truncate(text: str, words: int) -> str:
    """The first ``words`` words of a text."""
    return " ".join(text.split()[:words])


def rouge_f1(candidate: str, reference: str) -> dict[str, float]:
    """ROUGE-1, ROUGE-2 and ROUGE-L F1 (stemmed) of one candidate against one reference."""
    try:
        from rouge_score import rouge_scorer
    except ImportError as exc:  # pragma: no cover - the test extra installs it
        raise MissingExtraError("[NW010] pip install 'newsweave[eval]' (rouge-score)") from exc
    scorer = rouge_scorer.RougeScorer(list(METRICS), use_stemmer=True)
    scores = scorer.score(reference, candidate)
    return {m: float(scores[m].fmeasure) for m in METRICS}


SystemOutputs = Callable[[SummaryCase, int], Mapping[str, str]]


def evaluate_summaries(
    cases: Sequence[SummaryCase], run: SystemOutputs, *, words: int = 80
) -> dict[str, Any]:
    """Mean ROUGE F1 per system; ``run(case, words)`` returns each system's summary text."""
    totals = {s: dict.fromkeys(METRICS, 0.0) for s in SYSTEMS}
    lengths = dict.fromkeys(SYSTEMS, 0)
    per_case: list[dict[str, Any]] = []
    for case in cases:
        outputs = run(case, words)
        row: dict[str, Any] = {"id": case.id}
        for system in SYSTEMS:
            text = truncate(outputs.get(system, ""), words)
            lengths[system] += len(text.split())
            scores = rouge_f1(text, case.reference)
            row[system] = scores
            for metric in METRICS:
                totals[system][metric] += scores[metric]
        per_case.append(row)
    n = len(cases)
    return {
        "stories": n,
        "words": words,
        **{
            system: {
                **{m: round(totals[system][m] / n, 4) for m in METRICS},
                "mean_words": round(lengths[system] / n, 1),
            }
            for system in SYSTEMS
        },
        "cases": per_case,
    }
