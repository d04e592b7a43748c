"""Exports of the fact base: one module per format; only the writers touch files."""
