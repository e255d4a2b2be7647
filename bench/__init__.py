"""Benchmarks for filmbot. Run `make bench` or `python -m bench --help`."""
