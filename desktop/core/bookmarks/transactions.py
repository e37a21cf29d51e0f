"""A change to the bookmarks as one SQLite transaction, all of it or none, and what SQLite
says when a change or a read cannot be made, as a BookmarkError in plain words (the user
reads it in a dialog, never a traceback)."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager

from desktop.core.bookmarks.model import BookmarkError, NotSaved
from desktop.core.bookmarks.sqlfile import cannot_write, plain, rollback


def _failed(what: str, error: sqlite3.Error) -> BookmarkError:
    """The error for a change SQLite refused: NotSaved when the disk or folder refused it."""
    kind = NotSaved if cannot_write(error) else BookmarkError
    return kind(f"{what}: {plain(error)}.")


@contextmanager
def transaction(connection: sqlite3.Connection) -> Iterator[None]:
    """One ``BEGIN IMMEDIATE`` ... ``COMMIT`` on ``connection``: all of the change or none of it.

    What SQLite says when the change cannot be made becomes a BookmarkError in plain words
    (:class:`NotSaved` for a folder or disk that cannot be written); other errors (a broken
    bookmark, a bug) roll back and propagate as they are.
    """
    try:
        connection.execute("BEGIN IMMEDIATE")
    except sqlite3.Error as error:
        raise _failed("The bookmarks could not be changed", error) from error
    try:
        yield
    except sqlite3.OperationalError as error:
        rollback(connection)
        raise _failed("The bookmarks could not be changed", error) from error
    except BaseException:
        rollback(connection)
        raise
    try:
        connection.execute("COMMIT")
    except sqlite3.Error as error:
        rollback(connection)
        raise _failed("The bookmark could not be saved", error) from error


@contextmanager
def reading() -> Iterator[None]:
    """Reads, with what SQLite says when it cannot read in plain words."""
    try:
        yield
    except sqlite3.OperationalError as error:
        raise BookmarkError(f"The bookmarks could not be read: {plain(error)}.") from error
