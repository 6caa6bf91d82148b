from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

Run = Callable[..., subprocess.CompletedProcess[str]]


@pytest.fixture
def newsweave(tmp_path: Path) -> Run:
    """Run the real CLI in a subprocess against a database in tmp_path."""
    db = tmp_path / "t.db"

    def run(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "newsweave", "--db", str(db), *args],
            capture_output=True,
            text=True,
            input=stdin,
            timeout=300,
            check=False,
        )

    return run
