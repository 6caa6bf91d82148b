"""Quality gate: score every suite against the floors in bench/baseline.json.

Each suite is a module in this folder with ``CORPUS`` (a path under ../shared whose SHA-256 is
pinned in the baseline) and ``gate_metrics(shared: Path) -> dict[str, float]``. The gate fails
(exit 1) when a metric falls below its floor or a pinned corpus changed. ``--allow-regression``
rewrites the floors to the measured values, the only way to lower one.

Usage: ``python bench/quality/gate.py [--shared DIR] [--only SUITE] [--allow-regression]``
"""

from __future__ import annotations

import argparse
import hashlib
import importlib.util
import json
import os
import sys
import time
from pathlib import Path
from types import ModuleType

HERE = Path(__file__).resolve().parent
BASELINE = HERE.parent / "baseline.json"
DEFAULT_SHARED = HERE.parents[2] / "shared"
SUITES = ("aeb", "dedup_gate", "cluster_gate", "entities_gate", "claims_gate", "align_gate")
# Floors are met within this tolerance, for float noise only (metrics are deterministic).
EPSILON = 1e-9


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


def run_suite(name: str, shared: Path, baseline: dict[str, dict[str, object]]) -> list[str]:
    """Score one suite; return the list of problems (empty when it passes)."""
    suite = load_suite(name)
    corpus = shared / suite.CORPUS
    pinned = baseline.get(name, {})
    problems: list[str] = []
    digest = sha256_of(corpus)
    if pinned.get("corpus_sha256") not in (None, digest):
        problems.append(f"{name}: corpus {corpus} changed (sha256 {digest[:12]})")
    started = time.perf_counter()
    metrics = suite.gate_metrics(shared)
    elapsed = time.perf_counter() - started
    floors = pinned.get("floors", {})
    assert isinstance(floors, dict)
    print(f"\n{name} ({elapsed:.1f}s)")
    for key, value in sorted(metrics.items()):
        floor = floors.get(key)
        status = "" if floor is None else ("ok" if value + EPSILON >= floor else "REGRESSION")
        print(f"  {key:<32} {value:8.4f}   floor {floor if floor is not None else '-':<8} {status}")
        if status == "REGRESSION":
            problems.append(f"{name}.{key} = {value:.4f} < floor {floor}")
    pinned["measured"] = {key: round(value, 4) for key, value in metrics.items()}
    pinned["corpus_sha256"] = digest
    baseline[name] = pinned
    return problems


def main() -> int:
    """Run the gate; return the exit status."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--shared", type=Path, default=Path(os.environ.get("NEWSWEAVE_SHARED", DEFAULT_SHARED))
    )
    parser.add_argument("--only", choices=SUITES, action="append")
    parser.add_argument("--allow-regression", action="store_true")
    args = parser.parse_args()
    if not (args.shared / "data").is_dir():
        print(
            f"quality gate: benchmark data not found at {args.shared}/data. Place the project's "
            "shared/ folder (seeds/ and data/) beside the checkout, or pass --shared DIR."
        )
        return 1 if os.environ.get("CI") else 0
    baseline = json.loads(BASELINE.read_text(encoding="utf-8"))
    problems: list[str] = []
    for name in args.only or SUITES:
        problems += run_suite(name, args.shared, baseline)
    if args.allow_regression:
        for name in args.only or SUITES:
            baseline[name]["floors"] = dict(baseline[name]["measured"])
        BASELINE.write_text(json.dumps(baseline, indent=2, sort_keys=True) + "\n", encoding="utf-8")
        print("\nfloors rewritten to the measured values (--allow-regression)")
        return 0
    if problems:
        print("\nquality gate FAILED:\n  " + "\n  ".join(problems))
        return 1
    print("\nquality gate passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
