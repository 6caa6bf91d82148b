"""PAC (partisan two-outlet story pairs): a second evaluation domain for stories.

304 English articles in 152 stories, each one event told by two outlets of opposite leaning,
many on recurring topics with the same actors (read from ``../shared/data/pac``; never copied
into the repository). Scored like ECB+ (:mod:`stream_orders`): online with relinking as
``ingest`` runs it, over the file order and seeded shuffles (mean and worst), and batch mode,
with B-cubed from :mod:`newsweave.evaluation.clusters`. Stories are pairs, so putting every
article alone already scores B-cubed F1 0.667.

The gate (suite ``pac``) floors the test split (the authors' split by date); dev is reported
for tuning, and the runner also scores all 304 articles.

Usage::

    python bench/quality/pac.py [--data FILE] [--split dev|test|all]... [--orders N] [--json]
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))  # the gate loads suites by path

import stream_orders  # after the path set-up above

#: Pinned by the quality gate; relative to the shared/ folder.
CORPUS = Path("data/pac/pac.jsonl")
DEFAULT_DATA = Path(__file__).resolve().parents[3] / "shared" / CORPUS
ORDERS = 5
#: Metrics reported per split (the rest of the partition scores stay in ``--json``).
SHOWN = (
    "online.b3_f1",
    "online.b3_precision",
    "online.b3_recall",
    "online.b3_f1_sd",
    "online.file.b3_f1",
    "online.worst.b3_f1",
    "batch.b3_f1",
    "batch.b3_precision",
    "batch.b3_recall",
)


def evaluate(path: Path, split: str, orders: int = ORDERS) -> dict[str, float]:
    """Scores of one split (``"all"``: every article)."""
    return stream_orders.order_metrics(path, split=None if split == "all" else split, orders=orders)


def gate_metrics(shared: Path) -> dict[str, float]:
    """Test-split scores (floored) and dev-split scores (reported, prefixed ``dev.``)."""
    path = shared / CORPUS
    metrics = {f"test.{k}": v for k, v in evaluate(path, "test").items()}
    dev = evaluate(path, "dev")
    metrics |= {f"dev.{k}": dev[k] for k in SHOWN if k in dev}
    return metrics


def main(argv: Sequence[str] | None = None) -> int:
    """Command-line entry point: print the scores of each split asked for."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="pac.jsonl")
    parser.add_argument("--split", choices=("train", "dev", "test", "all"), action="append")
    parser.add_argument("--orders", type=int, default=ORDERS, help="shuffled orders")
    parser.add_argument("--json", action="store_true", help="print JSON")
    args = parser.parse_args(argv)
    results = {s: evaluate(args.data, s, args.orders) for s in args.split or ["dev", "test"]}
    if args.json:
        print(json.dumps(results, indent=2))
        return 0
    for split, metrics in results.items():
        print(f"{split}: " + ", ".join(f"{k} {metrics[k]:.4f}" for k in SHOWN if k in metrics))
    return 0


if __name__ == "__main__":
    sys.exit(main())
