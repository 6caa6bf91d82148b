"""Benchmarks: quality gates and speed measurements."""
