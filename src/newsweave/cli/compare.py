"""``newsweave compare``: what a story's sources agree on, what rests on one, where they differ."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from newsweave.claims.codec import comparison_to_json
from newsweave.claims.compare import fact_notes
from newsweave.claims.conflicts import FIELDS
from newsweave.cli.evaluate import eval_app
from newsweave.cli.options import state
from newsweave.cli.render import print_json, stdout
from newsweave.evaluation.align import evaluate_align
from newsweave.evaluation.conflicts import evaluate_conflicts, load_cases
from newsweave.evaluation.facts import evaluate_fact_alignment
from newsweave.model import Comparison


def compare(
    ctx: typer.Context,
    story_id: Annotated[str, typer.Argument(help="Story id")],
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON")] = False,
) -> None:
    """Facts of a story: corroborated, single-source and conflicting, with their sources."""
    with state(ctx).engine() as engine:
        comparison = engine.compare(story_id)
    if as_json:
        print_json(comparison_to_json(comparison))
        return
    sys.stdout.write(markdown(comparison))


def markdown(comparison: Comparison) -> str:
    """The comparison as Markdown: a facts table, the conflicts, and each source's view."""
    outlet = {s.id: s.outlet or f"article {s.articles[0]}" for s in comparison.sources}
    lines = [
        f"# Facts of story {comparison.story}",
        "",
        f"{len(comparison.sources)} independent sources, {len(comparison.facts)} facts.",
        "",
        *(
            [f"{len(comparison.left_out)} later articles were not compared (story too large).", ""]
            if comparison.left_out
            else []
        ),
        "| status | sources | fact | notes |",
        "|---|---|---|---|",
    ]
    for fact in comparison.facts:
        names = ", ".join(outlet.get(s, s) for s in fact.sources)
        lines.append(
            f"| {fact.status} | {fact.independent_sources} ({_cell(names)}) | {_cell(fact.text)} "
            f"| {_cell('; '.join(fact_notes(fact)))} |"
        )
    conflicts = [f for f in comparison.facts if f.conflict is not None]
    if conflicts:
        lines += ["", "## Conflicts", ""]
        for fact in conflicts:
            assert fact.conflict is not None
            sides = "; ".join(
                f"{v.value!r} ({', '.join(outlet.get(s, s) for s in v.sources)})"
                for v in fact.conflict.values
            )
            lines.append(f"- {fact.conflict.field}: {_cell(sides)}: {_cell(fact.text)}")
    lines += ["", "## Sources", ""]
    for source in comparison.sources:
        lines.append(
            f"- {source.id} ({source.outlet or 'outlet unknown'}): {', '.join(source.articles)}"
        )
    text = {f.id: f.text for f in comparison.facts}
    for view in comparison.views:
        name = outlet.get(view.source, view.source)
        lines += ["", f"### {_cell(name)}: {len(view.adds)} facts no other source has", ""]
        lines += [f"- {_cell(text[f])}" for f in view.adds if f in text]
        if view.omits:
            lines += ["", f"It omits {len(view.omits)} facts most other sources state:", ""]
            lines += [f"- {_cell(text[f])}" for f in view.omits if f in text]
    return "\n".join(lines) + "\n"


def _cell(text: str) -> str:
    """Text made safe inside a Markdown table cell."""
    return " ".join(text.split()).replace("|", "\\|")


def eval_conflicts(
    ctx: typer.Context,
    cases: Annotated[
        Path,
        typer.Argument(exists=True, dir_okay=False, help="Conflict set, one story per JSON line"),
    ],
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON")] = False,
) -> None:
    """Planted conflicts: precision and recall per field, agreeing stories flagged."""
    with state(ctx).engine_without_store() as engine:
        metrics = evaluate_conflicts(load_cases(cases), engine.compare_articles)
    if as_json:
        print_json({k: round(v, 4) for k, v in metrics.items()})
        return
    stdout.print(f"{int(metrics['stories'])} stories")
    stdout.print(f"{'field':<10} {'precision':>9} {'recall':>7}")
    for field in FIELDS:
        p, r = metrics[f"{field}.precision"], metrics[f"{field}.recall"]
        stdout.print(f"{field:<10} {p:>9.4f} {r:>7.4f}")
    stdout.print(f"agreeing stories flagged: {int(metrics['paraphrases_flagged'])}")


def eval_facts(
    ctx: typer.Context,
    data: Annotated[
        Path, typer.Argument(exists=True, file_okay=False, help="ECB+ folder (with mentions)")
    ],
    split: Annotated[str, typer.Option(help="Split to score")] = "test",
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON")] = False,
) -> None:
    """Fact alignment against ECB+ sentence pairs sharing a gold event and participant."""
    with state(ctx).engine_without_store() as engine:
        metrics = evaluate_fact_alignment(data, split, engine.compare_articles)
    if as_json:
        print_json({"split": split, **{k: round(v, 4) for k, v in metrics.items()}})
        return
    stdout.print(
        f"{split}: precision {metrics['precision']:.4f}, pair recall {metrics['recall']:.4f}, "
        f"sentence recall {metrics['sentence_recall']:.4f} "
        f"({int(metrics['predicted_pairs'])} predicted, {int(metrics['gold_pairs'])} gold pairs)"
    )


def eval_align(
    ctx: typer.Context,
    data: Annotated[
        Path, typer.Argument(exists=True, file_okay=False, help="MSRP folder (train and test)")
    ],
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON")] = False,
) -> None:
    """The claim-alignment scorer on MSRP test, with two baselines computed in the same run."""
    with state(ctx).engine_without_store() as engine:
        scorer, embedder = engine.claim_scorer()
        result = evaluate_align(data, scorer, embedder)
    if as_json:
        print_json(result.to_json())
        return
    test = result.test
    stdout.print(f"{scorer.name}: F1 {test['f1']:.4f}, accuracy {test['accuracy']:.4f} (MSRP test)")
    for name, metrics in result.baselines.items():
        stdout.print(
            f"  baseline {name}: F1 {metrics['f1']:.4f}, accuracy {metrics['accuracy']:.4f}"
        )


def register(app: typer.Typer) -> None:
    """Add ``compare`` to ``app`` and ``conflicts``/``facts``/``align`` to its ``eval`` group."""
    app.command("compare")(compare)
    eval_app.command("conflicts")(eval_conflicts)
    eval_app.command("facts")(eval_facts)
    eval_app.command("align")(eval_align)
