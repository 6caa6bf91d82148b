"""Quality benchmarks scored against gold data in ../shared."""
