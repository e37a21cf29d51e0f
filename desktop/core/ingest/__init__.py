"""Turning raw files into clean articles: decoding, cleaning rules and article structure.

Plain text, Markdown and HTML files are read by :func:`read_article`, chosen by suffix.
"""

from desktop.core.ingest.reader import SUPPORTED_SUFFIXES, find_source_files, read_article

__all__ = ["SUPPORTED_SUFFIXES", "find_source_files", "read_article"]
