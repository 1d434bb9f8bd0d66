"""Parsing: positioned words → order drafts. Pure functions only: this package does no I/O."""
