"""Failures inside the index, in words: damaged files, an unwritable disk."""

from __future__ import annotations

import os

from desktop.core.errors import IndexDamaged, IndexUnavailable


def raised_in_whoosh(error: BaseException) -> bool:
    """True when the innermost frame of the error is Whoosh's own reading code: what it read
    was not what it wrote. Our own code's failures are bugs, and stay what they are; so are
    its query parser's (it reads the query, not the index): a query never marks the index
    damaged."""
    frame = error.__traceback__
    while frame is not None and frame.tb_next is not None:
        frame = frame.tb_next
    if frame is None:
        return False
    path = frame.tb_frame.f_code.co_filename
    return f"{os.sep}whoosh{os.sep}" in path and f"{os.sep}qparser{os.sep}" not in path


def damaged() -> IndexDamaged:
    return IndexDamaged(
        "The library's index is damaged (its files are not what InnoAtlas wrote). It is "
        "derived data: it is rebuilt from your files, and your bookmarks, notes and "
        "corrections are not touched."
    )


def unwritable(error: OSError) -> IndexUnavailable:
    """A failed write (disk full, read-only disk) as a message: searching still works."""
    return IndexUnavailable(
        f"The index could not be updated ({error.strerror or error}). Searching the articles "
        "already indexed still works; free some disk space or make the data folder writable, "
        "then refresh the library."
    )
