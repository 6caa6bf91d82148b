"""Pluggable backends: storage, embedders and executors."""
