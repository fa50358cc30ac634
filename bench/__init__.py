"""Benchmarks (not tests): `python -m bench` runs the directory search benchmark."""
