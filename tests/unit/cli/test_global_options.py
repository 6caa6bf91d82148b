"""Global options written after the command name."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from newsweave.cli.app import hoist_global_options

CORPUS = Path(__file__).resolve().parents[3] / "examples" / "corpus"


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["serve", "--db", "x.db", "--port", "9"], ["--db", "x.db", "serve", "--port", "9"]),
        (["stories", "--db=x.db", "--json"], ["--db=x.db", "stories", "--json"]),
        (["--db", "a.db", "summary", "s1", "--config", "c.toml"],
         ["--db", "a.db", "--config", "c.toml", "summary", "s1"]),
        (["extract", "--", "--db", "file"], ["extract", "--", "--db", "file"]),
        (["stories", "--db"], ["stories", "--db"]),  # no value: left for the parser to refuse
    ],
)  # fmt: skip
def test_hoist(args: list[str], expected: list[str]) -> None:
    assert hoist_global_options(args) == expected


def test_db_after_the_command_is_the_store_used(tmp_path: Path) -> None:
    db = tmp_path / "after.db"
    path = CORPUS / "battery_pinecrest.txt"
    run = [sys.executable, "-m", "newsweave"]
    ingest = subprocess.run([*run, "ingest", str(path), "--db", str(db)], capture_output=True)
    assert ingest.returncode == 0, ingest.stderr
    assert db.exists()
    listed = subprocess.run(
        [*run, "articles", "--db", str(db), "--json"], capture_output=True, text=True
    )
    assert listed.returncode == 0, listed.stderr
    assert '"id"' in listed.stdout
    elsewhere = subprocess.run(
        [*run, "--db", str(tmp_path / "other.db"), "articles", "--json"],
        capture_output=True, text=True,
    )  # fmt: skip
    assert elsewhere.stdout.strip() == "[]"
