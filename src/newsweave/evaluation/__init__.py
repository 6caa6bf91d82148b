"""Evaluations behind ``newsweave eval``: benchmarks built from labelled data, and their scores.

Each module reads a labelled corpus from a path the user gives (the project's benchmark data
lives in ../shared/data; nothing here is bundled) and scores the package's shipped defaults.
Choosing those defaults (tuning on train/dev splits) is the job of the scripts in bench/quality.
"""
