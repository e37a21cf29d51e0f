"""Benchmarks: scripts that print numbers; not part of the test run."""
