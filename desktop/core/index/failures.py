"""Failures inside the index, in words: damaged files, an unwritable disk."""

from __future__ import annotations

import os

from desktop.core.errors import IndexDamaged, IndexUnavailable


def raised_in_whoosh(error: BaseException) -> bool:
    """True when the innermost frame of the error is Whoosh's own code: what it read was not
    what it wrote (our own code's failures are bugs, and stay what they are)."""
    frame = error.__traceback__
    while frame is not None and frame.tb_next is not None:
        frame = frame.tb_next
    return frame is not None and f"{os.sep}whoosh{os.sep}" in frame.tb_frame.f_code.co_filename


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
