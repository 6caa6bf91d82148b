"""Crash safety: SIGKILL ``newsweave ingest`` at random moments, re-run, check nothing is lost.

Each trial starts an ingest of the input folder into a fresh store, kills it with SIGKILL after
a seeded random share of a full run's time, then runs the ingest again to completion. The store
must then pass ``PRAGMA integrity_check`` and hold every input exactly once (none lost, none
duplicated) and no partial article; derived tables (provenance) must point only at stored
articles, and the analysis watermark must have caught up with the newest article. Figures are
summed over trials.

Usage: ``python bench/reliability/kill_ingest.py [--trials 20] [--files 300] [--seed 7]``
"""

from __future__ import annotations

import argparse
import json
import random
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass, replace
from pathlib import Path


def _vocabulary(seed: int, size: int = 4000) -> list[str]:
    """Pseudo-words, so generated articles differ as much as real ones (no accidental copies)."""
    rng = random.Random(seed)
    letters = "abcdefghijklmnoprstuvwy"
    return ["".join(rng.choice(letters) for _ in range(rng.randint(3, 9))) for _ in range(size)]


@dataclass(frozen=True, slots=True)
class KillResult:
    """Outcome of a kill run."""

    trials: int
    killed: int
    inputs: int
    stored: int
    lost: int
    duplicated: int
    partial: int
    integrity: str
    analyzed: bool = True


def write_inputs(folder: Path, count: int, seed: int) -> dict[str, str]:
    """Write ``count`` small txt articles; return {file name: expected body text}."""
    rng = random.Random(seed)
    words = _vocabulary(seed)
    folder.mkdir(parents=True, exist_ok=True)
    expected: dict[str, str] = {}
    for number in range(count):
        paragraphs = [
            " ".join(rng.choice(words) for _ in range(rng.randint(12, 40))).capitalize() + "."
            for _ in range(rng.randint(2, 6))
        ]
        body = "\n\n".join([f"Story {number}: {paragraphs[0]}", *paragraphs[1:]])
        name = f"story-{number:04d}.txt"
        (folder / name).write_text(f"Headline number {number}\n\n{body}\n", encoding="utf-8")
        expected[name] = body
    return expected


def _ingest(db: Path, folder: Path) -> subprocess.Popen[bytes]:
    command = [sys.executable, "-m", "newsweave", "--db", str(db), "ingest", str(folder)]
    return subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def _timed_full_run(db: Path, folder: Path) -> float:
    started = time.perf_counter()
    _ingest(db, folder).wait(timeout=600)
    return time.perf_counter() - started


def run_trials(trials: int, files: int, seed: int, workdir: Path) -> KillResult:
    """Per trial: a fresh store, an ingest killed at a random moment, a re-run; audit each."""
    rng = random.Random(seed)
    folder = workdir / "inputs"
    expected = write_inputs(folder, files, seed)
    full = _timed_full_run(workdir / "calibrate.db", folder)
    totals = KillResult(trials, 0, 0, 0, 0, 0, 0, "ok")
    for trial in range(trials):
        db = workdir / f"trial-{trial}.db"
        process = _ingest(db, folder)
        time.sleep(rng.uniform(0.1, 0.95) * full)
        if process.poll() is None:
            process.send_signal(signal.SIGKILL)
            totals = replace(totals, killed=totals.killed + 1)
        process.wait()
        _ingest(db, folder).wait(timeout=600)
        totals = _add(totals, audit(db, expected, 1, 0))
    return totals


def _add(total: KillResult, one: KillResult) -> KillResult:
    return replace(
        total,
        inputs=total.inputs + one.inputs,
        stored=total.stored + one.stored,
        lost=total.lost + one.lost,
        duplicated=total.duplicated + one.duplicated,
        partial=total.partial + one.partial,
        integrity=total.integrity if one.integrity == "ok" else one.integrity,
        analyzed=total.analyzed and one.analyzed,
    )


def audit(db: Path, expected: dict[str, str], trials: int, killed: int) -> KillResult:
    """Compare the store against the expected inputs."""
    with sqlite3.connect(db) as conn:
        integrity = str(conn.execute("PRAGMA integrity_check").fetchone()[0])
        rows = conn.execute("SELECT origin, text FROM articles").fetchall()
        dangling = conn.execute(
            "SELECT count(*) FROM provenance WHERE child NOT IN (SELECT id FROM articles) "
            "OR parent NOT IN (SELECT id FROM articles)"
        ).fetchone()[0]
        watermark = conn.execute(
            "SELECT value FROM state WHERE namespace = 'engine' AND key = 'analyzed_seq'"
        ).fetchone()
        newest = conn.execute("SELECT max(seq) FROM articles").fetchone()[0]
    seen: dict[str, int] = {}
    partial = 0
    for origin, text in rows:
        name = Path(str(origin)).name
        seen[name] = seen.get(name, 0) + 1
        if expected.get(name) != text:
            partial += 1
    return KillResult(
        trials=trials,
        killed=killed,
        inputs=len(expected),
        stored=len(rows),
        lost=sum(1 for name in expected if name not in seen),
        duplicated=sum(count - 1 for count in seen.values()),
        partial=partial,
        integrity=integrity if not dangling else f"{dangling} dangling provenance edges",
        analyzed=watermark is not None and int(watermark[0]) == newest,
    )


def main() -> int:
    """Run the kill test and print the figures as JSON; exit 1 on any loss."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--trials", type=int, default=20)
    parser.add_argument("--files", type=int, default=300)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        result = run_trials(args.trials, args.files, args.seed, Path(tmp))
    print(json.dumps(asdict(result), indent=2))
    bad = result.lost or result.duplicated or result.partial or result.integrity != "ok"
    bad = bad or not result.analyzed
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
