"""Executors run per-input work; scale-out swaps the executor, never the stage list."""
