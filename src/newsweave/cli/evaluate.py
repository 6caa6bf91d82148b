"""``newsweave eval dedup|entities``; ``eval cluster`` is added by :mod:`newsweave.cli.cluster`."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from newsweave.cli.render import print_json, stdout
from newsweave.config import NerConfig
from newsweave.evaluation import dedup as dedup_eval
from newsweave.evaluation import entities as entities_eval
from newsweave.evaluation import msrp

eval_app = typer.Typer(help="Score newsweave against gold labels.", no_args_is_help=True)


def eval_dedup(
    corpus: Annotated[
        Path,
        typer.Argument(
            exists=True,
            dir_okay=False,
            help="Articles as JSON lines with id, text, topic, cluster, split (ECB+'s file)",
        ),
    ],
    split: Annotated[str, typer.Option(help="Split whose articles get copies")] = "test",
    msrp_dir: Annotated[
        Path | None,
        typer.Option(
            "--msrp", exists=True, file_okay=False, help="MSRP folder: also score sentence pairs"
        ),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON")] = False,
) -> None:
    """Copies, near copies and rewrites built from real articles: precision/recall per kind."""
    result = dedup_eval.evaluate(corpus, split)
    sentences = msrp.evaluate(msrp_dir) if msrp_dir is not None else None
    if as_json:
        data = {"split": split, **dedup_eval.report_json(result)}
        if sentences is not None:
            data["msrp"] = {k: round(v, 4) for k, v in sentences.items()}
        print_json(data)
        return
    v, o = result.variants, result.originals
    stdout.print(f"{v.articles} articles ({split} split + copies), {v.candidate_pairs} candidates")
    stdout.print(f"{'copy kind':<12} {'gold':>5} {'found':>6} {'recall':>7} {'kind ok':>8}")
    for kind, row in v.recall.items():
        stdout.print(
            f"{kind:<12} {row['gold']:>5} {row['found']:>6} "
            f"{result.metrics[f'recall.{kind}']:>7.4f} {result.metrics[f'kind_ok.{kind}']:>8.4f}"
        )
    stdout.print(f"{'edge kind':<12} {'right':>5} {'wrong':>6} {'precision':>10}")
    for kind, row in v.precision.items():
        stdout.print(
            f"{kind:<12} {row['positive']:>5} {row['negative']:>6} "
            f"{result.metrics[f'precision.{kind}']:>10.4f}"
        )
    flagged = int(result.metrics["independent_same_event.flagged"])
    stdout.print(
        f"real wire copies found: {o.wire_found}/{o.wire_pairs}; independent same-event pairs "
        f"flagged: {flagged}/{o.independent_same_cluster_pairs}"
    )
    if sentences is not None:
        stdout.print(
            f"MSRP test (sentence scorer): accuracy {sentences['shipped_test_acc']:.4f}, "
            f"F1 {sentences['shipped_test_f1']:.4f} (majority {sentences['majority_test_acc']:.4f}"
            f" / {sentences['majority_test_f1']:.4f})"
        )


def eval_entities(
    data: Annotated[
        Path,
        typer.Argument(
            exists=True,
            file_okay=False,
            help="ECB+ folder: ecbplus.jsonl, ecbplus_mentions.jsonl.gz and the sentence list",
        ),
    ],
    split: Annotated[str, typer.Option(help="Split to score")] = "test",
    model: Annotated[str, typer.Option(help="spaCy pipeline package")] = NerConfig().model,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON")] = False,
) -> None:
    """Coverage and cross-document MUC/B3/CEAF-e/CoNLL F1 against ECB+ gold entity chains."""
    report = entities_eval.evaluate_split(data, split, NerConfig(model=model))
    if as_json:
        print_json(entities_eval.report_json(report))
        return
    stdout.print(f"{report.documents} documents ({split} split), NER model {report.model}")
    for tags, row in report.scores.items():
        met, total = report.named[tags]
        stdout.print(f"gold tags {tags}: named gold mentions met {met}/{total}")
        stdout.print(f"  {'system':<28} {'coverage':>9} {'MUC':>6} {'B3':>6} {'CEAF-e':>7} CoNLL")
        for name, s in row.items():
            f1 = {k: v.f1 for k, v in s.scores.items()}
            stdout.print(
                f"  {name:<28} {s.coverage:>9.4f} {f1['muc']:>6.4f} {f1['b3']:>6.4f} "
                f"{f1['ceafe']:>7.4f} {s.conll_f1:.4f}"
            )


def register(app: typer.Typer) -> None:
    """Add the ``eval`` group (dedup, entities) to ``app``; other modules add their own."""
    eval_app.command("dedup")(eval_dedup)
    eval_app.command("entities")(eval_entities)
    app.add_typer(eval_app, name="eval")
