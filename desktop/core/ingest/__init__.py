"""Turning raw files into clean articles: decoding, cleaning rules and article structure."""

from desktop.core.ingest.reader import SUPPORTED_SUFFIXES, find_source_files, read_article

__all__ = ["SUPPORTED_SUFFIXES", "find_source_files", "read_article"]
