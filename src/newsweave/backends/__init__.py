"""Pluggable backends: storage, embedders, executors."""

from __future__ import annotations
