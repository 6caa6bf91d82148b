"""Pure text helpers: normalization, sentences, dates, boilerplate rules."""
