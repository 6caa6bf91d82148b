"""``newsweave summary``, ``newsweave report`` and ``newsweave eval summary``."""

from __future__ import annotations

import json
import sys
from collections.abc import Mapping
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from newsweave.cli.evaluate import eval_app
from newsweave.cli.options import state
from newsweave.cli.render import print_json, stdout
from newsweave.engine import Engine
from newsweave.evaluation.summary import (
    METRICS,
    SYSTEMS,
    SummaryCase,
    SystemOutputs,
    evaluate_summaries,
    load_cases,
)
from newsweave.model import Summary
from newsweave.report.html import to_html
from newsweave.report.markdown import to_markdown
from newsweave.summary.codec import summary_to_json
from newsweave.summary.summarize import DEFAULT_SENTENCES


class ReportFormat(StrEnum):
    """Output formats of ``newsweave report``."""

    md = "md"
    html = "html"
    json = "json"


def summary(
    ctx: typer.Context,
    story_id: Annotated[str, typer.Argument(help="Story id")],
    sentences: Annotated[
        int, typer.Option("--sentences", min=1, max=30, help="Sentences")
    ] = DEFAULT_SENTENCES,
    words: Annotated[
        int | None, typer.Option("--words", min=10, help="Stop at about this many words")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON")] = False,
) -> None:
    """A story's headline, summary (every sentence cited) and timeline."""
    with state(ctx).engine() as engine:
        result = engine.summary(story_id, sentences=sentences, max_words=words)
    if as_json:
        print_json(summary_to_json(result))
        return
    sys.stdout.write(_plain(result))


def _plain(result: Summary) -> str:
    lines = [f"# {result.headline}", ""]
    lines += [f"- {s.text} [{', '.join(s.citations)}]" for s in result.sentences]
    lines += ["", "## Timeline", ""]
    for entry in result.timeline:
        label = "first reported" if entry.kind == "reported" else entry.precision
        lines.append(f"- {entry.date} ({label}): {entry.text} [{', '.join(entry.articles)}]")
    lines += [f"\nNote: {n}" for n in result.notes]
    return "\n".join(lines) + "\n"


def report(
    ctx: typer.Context,
    story_id: Annotated[str, typer.Argument(help="Story id")],
    fmt: Annotated[
        ReportFormat, typer.Option("--format", help="md, html or json")
    ] = ReportFormat.md,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", dir_okay=False, help="Write to this file")
    ] = None,
    sentences: Annotated[
        int, typer.Option("--sentences", min=1, max=30, help="Sentences")
    ] = DEFAULT_SENTENCES,
) -> None:
    """A story report: summary with citations, facts, who is involved, timeline, sources."""
    with state(ctx).engine() as engine:
        doc = engine.report(story_id, sentences=sentences)
    if fmt is ReportFormat.json:
        text = json.dumps(doc, ensure_ascii=False, indent=2) + "\n"
    elif fmt is ReportFormat.html:
        text = to_html(doc)
    else:
        text = to_markdown(doc)
    if output is None:
        sys.stdout.write(text)
        return
    tmp = output.with_name(output.name + ".part")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(output)
    stdout.print(f"wrote {output}")


def eval_summary(
    ctx: typer.Context,
    cases: Annotated[
        Path, typer.Argument(exists=True, dir_okay=False, help="Summary set, one story per line")
    ],
    words: Annotated[
        int, typer.Option("--words", min=10, help="Words every summary is cut to")
    ] = 80,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON")] = False,
) -> None:
    """ROUGE-1/2/L F1 of summaries against references, with lead and centroid baselines."""
    with state(ctx).engine_without_store() as engine:
        metrics = evaluate_summaries(load_cases(cases), summary_runner(engine), words=words)
    if as_json:
        print_json(metrics)
        return
    stdout.print(f"{metrics['stories']} stories, summaries cut to {words} words")
    stdout.print(f"{'system':<10} " + " ".join(f"{m:>7}" for m in METRICS) + "   words")
    for system in SYSTEMS:
        row = metrics[system]
        stdout.print(
            f"{system:<10} "
            + " ".join(f"{row[m]:>7.4f}" for m in METRICS)
            + f"   {row['mean_words']:>5}"
        )


def summary_runner(engine: Engine) -> SystemOutputs:
    """Each system's summary of a case: its articles ingested (cleaned, deduplicated) first."""

    def run(case: SummaryCase, words: int) -> Mapping[str, str]:
        lines = [json.dumps(dict(a), ensure_ascii=False) for a in case.articles]
        ingested = engine.ingest_data("\n".join(lines).encode("utf-8"), name=f"{case.id}.jsonl")
        ids = [a.id for a in ingested.articles]
        result = engine.summarize_articles(ids, sentences=30, max_words=words)
        base = engine.summary_baselines(ids, sentences=30)
        return {"newsweave": " ".join(s.text for s in result.sentences), **base}

    return run


def register(app: typer.Typer) -> None:
    """Add ``summary`` and ``report`` to ``app`` and ``summary`` to its ``eval`` group."""
    app.command("summary")(summary)
    app.command("report")(report)
    eval_app.command("summary")(eval_summary)
