"""Readers turn input files into raw articles."""
