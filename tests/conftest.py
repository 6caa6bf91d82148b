"""Shared fixtures."""

from __future__ import annotations

from pathlib import Path

import pytest
from tests.shared_data import SEEDS, require_shared


@pytest.fixture
def seeds_dir() -> Path:
    return require_shared(SEEDS)
