"""Shared fixtures and the hypothesis profile."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import settings
from tests.shared_data import SEEDS, require_shared

# Speed is measured in bench/, not here: a slow example on a busy machine is not a failure.
settings.register_profile("newsweave", deadline=None)
settings.load_profile("newsweave")


@pytest.fixture
def seeds_dir() -> Path:
    return require_shared(SEEDS)
