"""The ``newsweave`` command line: parse, call one Engine method, render."""

from __future__ import annotations

from newsweave.cli.app import app, main

__all__ = ["app", "main"]
