"""Speed benchmarks on generated corpora."""
