"""Counts in words, so that no label reads "1 mentions"."""

from __future__ import annotations


def counted(count: int, noun: str, plural: str | None = None) -> str:
    """``count`` and the noun, singular for one.

    >>> counted(1, "mention"), counted(3, "highlight"), counted(0, "match", "matches")
    ('1 mention', '3 highlights', '0 matches')
    """
    return f"{count} {noun if count == 1 else plural or noun + 's'}"
