"""Duplicate, near-duplicate and rewrite detection, and the provenance of copies."""
