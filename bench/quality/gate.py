"""Quality gate: score every suite against the floors in bench/baseline.json.

Each suite is a module in this folder with ``CORPUS`` (a path under ../shared whose SHA-256 is
pinned in the baseline) and ``gate_metrics(shared: Path) -> dict[str, float]``. The gate fails
(exit 1) when a metric falls below its floor, a pinned corpus changed, or a suite's data cannot
be found. Only what is named is waived:

* ``--allow-regression SUITE.METRIC ...`` lowers exactly the named floors to the measured
  values (``SUITE.corpus_sha256`` accepts a changed corpus); every other floor still holds,
  and the baseline file is rewritten only when nothing else failed;
* ``--skip-missing`` lets a run without the benchmark data pass, saying what was skipped
  (without it, missing data is a failure: a gate that cannot look has not passed).

Usage: ``python bench/quality/gate.py [--shared DIR] [--only SUITE]... [--skip-missing]
[--allow-regression SUITE.METRIC ...]``
"""

from __future__ import annotations

import argparse
import hashlib
import importlib.util
import json
import math
import os
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType
from typing import Any

HERE = Path(__file__).resolve().parent
BASELINE = HERE.parent / "baseline.json"
DEFAULT_SHARED = HERE.parents[2] / "shared"
SUITES = (
    "aeb",
    "dedup_gate",
    "cluster_gate",
    "pac",
    "entities_gate",
    "claims_gate",
    "align_gate",
    "summary_gate",
)
# Floors are met within this tolerance, for float noise only (metrics are deterministic).
EPSILON = 1e-9
CORPUS_KEY = "corpus_sha256"


def load_suite(name: str) -> ModuleType:
    """Import ``bench/quality/<name>.py`` by path."""
    spec = importlib.util.spec_from_file_location(f"nw_gate_{name}", HERE / f"{name}.py")
    if spec is None or spec.loader is None:
        raise ImportError(name)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def sha256_of(path: Path) -> str:
    """Hex SHA-256 of a file."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


@dataclass
class Outcome:
    """What one suite run found.

    Attributes:
        problems: failures that no option waives here (messages).
        waivable: ``SUITE.KEY`` -> new value, for failures ``--allow-regression`` may waive
            (a floor below its measured value, or a changed corpus hash).
        measured: the metrics, rounded for the baseline file.
        skipped: the suite's data was missing and ``--skip-missing`` was given.
    """

    problems: list[str] = field(default_factory=list)
    waivable: dict[str, object] = field(default_factory=dict)
    measured: dict[str, float] = field(default_factory=dict)
    skipped: bool = False


def _floor_down(value: float) -> float:
    """``value`` rounded down to 4 decimals, so that a lowered floor is met by the run."""
    return math.floor(value * 10_000) / 10_000


def run_suite(name: str, shared: Path, pinned: dict[str, object], *, skip_missing: bool) -> Outcome:
    """Score one suite against its pinned floors and corpus hash."""
    out = Outcome()
    suite = load_suite(name)
    corpus = shared / suite.CORPUS
    if not corpus.is_file():
        out.skipped = skip_missing
        print(f"\n{name}: corpus {corpus} not found" + (" (skipped)" if skip_missing else ""))
        if not skip_missing:
            out.problems.append(f"{name}: corpus {corpus} not found (--skip-missing to skip)")
        return out
    digest = sha256_of(corpus)
    if pinned.get(CORPUS_KEY) not in (None, digest):
        out.waivable[f"{name}.{CORPUS_KEY}"] = digest
    started = time.perf_counter()
    metrics = suite.gate_metrics(shared)
    print(f"\n{name} ({time.perf_counter() - started:.1f}s)")
    floors = pinned.get("floors", {})
    assert isinstance(floors, dict)
    for key, value in sorted(metrics.items()):
        floor = floors.get(key)
        status = "" if floor is None else ("ok" if value + EPSILON >= floor else "REGRESSION")
        print(f"  {key:<32} {value:8.4f}   floor {floor if floor is not None else '-':<8} {status}")
        if status == "REGRESSION":
            out.waivable[f"{name}.{key}"] = _floor_down(value)
    missing = sorted(set(floors) - set(metrics))
    out.problems += [f"{name}.{key}: floored but not measured" for key in missing]
    out.measured = {key: round(value, 4) for key, value in metrics.items()}
    return out


def _describe(key: str, value: object, baseline: Baseline) -> str:
    suite, metric = key.split(".", 1)
    if metric == CORPUS_KEY:
        return f"{suite}: corpus changed (sha256 {str(value)[:12]})"
    return f"{key} = {value} < floor {baseline[suite]['floors'][metric]}"


Baseline = dict[str, dict[str, Any]]


def _apply(allowed: dict[str, object], outcomes: dict[str, Outcome], baseline: Baseline) -> None:
    """Lower the allowed floors (and accept allowed corpora) in ``baseline``, in place."""
    for key, value in allowed.items():
        suite, metric = key.split(".", 1)
        pinned = baseline.setdefault(suite, {})
        if metric == CORPUS_KEY:
            pinned[CORPUS_KEY] = value
        else:
            pinned.setdefault("floors", {})[metric] = value
    for suite, outcome in outcomes.items():
        if outcome.measured:
            baseline.setdefault(suite, {})["measured"] = outcome.measured


def _is_floor(key: str, suites: Sequence[str], baseline: Baseline) -> bool:
    """Whether ``key`` (``SUITE.METRIC``) names a floor or the corpus of a suite being run."""
    suite, _, metric = key.partition(".")
    floors = baseline.get(suite, {}).get("floors", {})
    return suite in suites and (metric == CORPUS_KEY or metric in floors)


def _parse(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--shared", type=Path, default=Path(os.environ.get("NEWSWEAVE_SHARED", DEFAULT_SHARED))
    )
    parser.add_argument("--baseline", type=Path, default=BASELINE, help="floors file")
    parser.add_argument("--only", choices=SUITES, action="append", help="run only this suite")
    parser.add_argument(
        "--allow-regression",
        nargs="+",
        default=[],
        metavar="SUITE.METRIC",
        help="lower these floors to the measured values (SUITE.corpus_sha256: accept a new corpus)",
    )
    parser.add_argument(
        "--skip-missing", action="store_true", help="pass (skipping) when benchmark data is absent"
    )
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the gate; return the exit status (0 pass, 1 fail, 2 misuse)."""
    args = _parse(argv)
    suites = args.only or list(SUITES)
    baseline = json.loads(args.baseline.read_text(encoding="utf-8"))
    unknown = [key for key in args.allow_regression if not _is_floor(key, suites, baseline)]
    if unknown:
        print(f"quality gate: --allow-regression names no floor of the suites run: {unknown}")
        return 2
    if not (args.shared / "data").is_dir():
        print(f"quality gate: benchmark data not found at {args.shared}/data (pass --shared DIR)")
        if args.skip_missing:
            print("quality gate SKIPPED (--skip-missing): nothing was measured")
            return 0
        return 1
    outcomes = {
        name: run_suite(name, args.shared, baseline.get(name, {}), skip_missing=args.skip_missing)
        for name in suites
    }
    problems = [p for o in outcomes.values() for p in o.problems]
    waivable = {k: v for o in outcomes.values() for k, v in o.waivable.items()}
    allowed = {k: v for k, v in waivable.items() if k in args.allow_regression}
    problems += [_describe(k, v, baseline) for k, v in waivable.items() if k not in allowed]
    if problems:
        print("\nquality gate FAILED:\n  " + "\n  ".join(problems))
        return 1
    if allowed:
        print("\nallowed: " + "; ".join(_describe(k, v, baseline) for k, v in allowed.items()))
        _apply(allowed, outcomes, baseline)
        text = json.dumps(baseline, indent=2, sort_keys=True) + "\n"
        args.baseline.write_text(text, encoding="utf-8")
        print(f"floors lowered in {args.baseline}: {', '.join(sorted(allowed))}")
    skipped = [name for name, o in outcomes.items() if o.skipped]
    print("\nquality gate passed" + (f" (skipped: {', '.join(skipped)})" if skipped else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main())
