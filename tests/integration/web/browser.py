"""Headless Debian chromium driven by Playwright (the system browser; nothing downloaded)."""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass, field
from pathlib import Path

import pytest

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"


def require_chromium() -> None:
    if not Path(CHROMIUM).exists():
        pytest.skip("needs Debian's chromium (make install adds it)")


def screenshot_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Where screenshots go: $NEWSWEAVE_SCREENSHOTS if set, else a pytest tmp dir."""
    wanted = os.environ.get("NEWSWEAVE_SCREENSHOTS")
    path = Path(wanted) if wanted else tmp_path_factory.mktemp("screenshots")
    path.mkdir(parents=True, exist_ok=True)
    return path


@dataclass
class Watch:
    """What a page did that it should not: dialogs, console errors, uncaught errors."""

    dialogs: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)

    def attach(self, page) -> None:
        def on_dialog(dialog) -> None:
            self.dialogs.append(dialog.message)
            dialog.dismiss()

        page.on("dialog", on_dialog)
        page.on(
            "console",
            lambda m: self.console_errors.append(m.text) if m.type == "error" else None,
        )
        page.on("pageerror", lambda e: self.page_errors.append(str(e)))

    def assert_clean(self) -> None:
        assert self.dialogs == []
        assert self.console_errors == []
        assert self.page_errors == []
