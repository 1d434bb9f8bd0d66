"""Seeded generator of sample master data and order documents with ground truth.

Run `.venv/bin/python -m samples.generator` from the repository root; see samples/README.md.
"""
